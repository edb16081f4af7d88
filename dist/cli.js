#!/usr/bin/env node
import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  describeError,
  exitCodeFor
} from "./chunk-I7N6E4U2.js";
import "./chunk-I2DQ53TU.js";
import {
  TOOL_VERSION
} from "./chunk-ODZ6REOH.js";
import "./chunk-BWD5U3XV.js";
import {
  InputError,
  didYouMean,
  maskSecrets
} from "./chunk-M4UYDDKJ.js";
import "./chunk-F6FNT3HE.js";

// src/cli/main.ts
var COMMANDS = {
  run: {
    summary: "start the server, run the workloads, compare with the baseline, report",
    load: async () => (await import("./chunk-5KVF6FHJ.js")).runCommand
  },
  record: {
    summary: "run the workloads and store the results as the new baseline",
    load: async () => (await import("./chunk-5KVF6FHJ.js")).recordCommand
  },
  baselines: {
    summary: "list, show (trend over the stored records) or prune the stored baselines",
    load: async () => (await import("./chunk-TVVOPA6C.js")).baselinesCommand
  },
  compare: {
    summary: "compare two results records and say what got slower",
    load: async () => (await import("./chunk-HNTE2AUZ.js")).compareCommand
  },
  export: {
    summary: "convert a results record to JUnit, Bencher BMF or github-action-benchmark JSON",
    load: async () => (await import("./chunk-NJ2CKODW.js")).exportCommand
  },
  merge: {
    summary: 'merge the shard files of "run --shard I/N" into one comparison and baseline',
    load: async () => (await import("./chunk-6DXXXOM7.js")).mergeCommand
  },
  comment: {
    summary: "post the action's PR comment from a file (fork-safe second stage)",
    load: async () => (await import("./chunk-44L6NECP.js")).commentCommand
  }
};
function mainHelp() {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const lines = Object.entries(COMMANDS).map(
    ([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`
  );
  return `perfgate ${TOOL_VERSION}: gate changes on HTTP performance

Usage: perfgate <command> [options]

Commands:
${lines.join("\n")}

Run "perfgate <command> --help" for a command's options.

Exit codes:
  0    done, no regression
  1    a regression the statistics stand behind (the gate fails)
  2    invalid input: arguments, config file, results files (nothing was run or written)
  3    the server or the load failed (the reason and the server's last output are printed)
  4    internal error (a bug: please report it with the output)
  5    the baseline store failed (git fetch or push refused, folder not writable); the
       run's own numbers were still reported
  130  interrupted by SIGINT (143 by SIGTERM); every server started was stopped`;
}
function maskedIO(io) {
  const wrap = (s) => ({
    write: (text) => s.write(maskSecrets(text)),
    isTTY: s.isTTY
  });
  return { out: wrap(io.out), err: wrap(io.err), signal: io.signal };
}
async function main(argv, rawIO) {
  const io = maskedIO(rawIO);
  const [name, ...rest] = argv;
  try {
    if (name === void 0 || name === "-h" || name === "--help" || name === "help") {
      io.out.write(`${mainHelp()}
`);
      return name === void 0 ? 2 : 0;
    }
    if (name === "-v" || name === "--version") {
      io.out.write(`${TOOL_VERSION}
`);
      return 0;
    }
    const command = COMMANDS[name];
    if (!command) {
      const guess = didYouMean(name, Object.keys(COMMANDS));
      throw new InputError(
        `unknown command "${name}"; expected one of: ${Object.keys(COMMANDS).join(", ")}${guess ? `; did you mean "${guess}"?` : ""} See "perfgate --help".`
      );
    }
    const run = await command.load();
    return await run(rest, io);
  } catch (err) {
    const code = exitCodeFor(err);
    io.err.write(`
perfgate: ${describeError(err)}
`);
    if (code === 4 && err instanceof Error && err.stack) io.err.write(`${err.stack}
`);
    return code;
  }
}

// src/cli.ts
process.exitCode = await main(process.argv.slice(2), { out: process.stdout, err: process.stderr });
