import { InputError } from '../errors.ts';
import { describeError, exitCodeFor } from '../exit-code.ts';
import { TOOL_VERSION } from '../version.ts';
import { didYouMean } from '../config/did-you-mean.ts';
import { maskSecrets } from '../secrets.ts';
import type { CliIO } from './io.ts';

type Command = (argv: string[], io: CliIO) => Promise<number>;

// Each command's code is imported when it runs: `perfgate --help` loads none of it (the bundle
// keeps every command in its own chunk).
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  run: {
    summary: 'start the server, run the workloads, compare with the baseline, report',
    load: async () => (await import('./run-command.ts')).runCommand,
  },
  record: {
    summary: 'run the workloads and store the results as the new baseline',
    load: async () => (await import('./run-command.ts')).recordCommand,
  },
  baselines: {
    summary: 'list, show (trend over the stored records) or prune the stored baselines',
    load: async () => (await import('./baselines-command.ts')).baselinesCommand,
  },
  compare: {
    summary: 'compare two results records and say what got slower',
    load: async () => (await import('./compare-command.ts')).compareCommand,
  },
  export: {
    summary: 'convert a results record to JUnit, Bencher BMF or github-action-benchmark JSON',
    load: async () => (await import('./export-command.ts')).exportCommand,
  },
  merge: {
    summary: 'merge the shard files of "run --shard I/N" into one comparison and baseline',
    load: async () => (await import('./merge-command.ts')).mergeCommand,
  },
  comment: {
    summary: "post the action's PR comment from a file (fork-safe second stage)",
    load: async () => (await import('./comment-command.ts')).commentCommand,
  },
};

/** Top-level help, listing every command. */
export function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const lines = Object.entries(COMMANDS).map(
    ([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`,
  );
  return `perfgate ${TOOL_VERSION}: gate changes on HTTP performance

Usage: perfgate <command> [options]

Commands:
${lines.join('\n')}

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

/** The same streams with every {{env.NAME}} value masked (secrets.ts). */
function maskedIO(io: CliIO): CliIO {
  const wrap = (s: CliIO['out']): CliIO['out'] => ({
    write: (text) => s.write(maskSecrets(text)),
    isTTY: s.isTTY,
  });
  return { out: wrap(io.out), err: wrap(io.err), signal: io.signal };
}

/** Runs the CLI with its arguments; returns the exit code and never throws. */
export async function main(argv: string[], rawIO: CliIO): Promise<number> {
  const io = maskedIO(rawIO);
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
      io.out.write(`${mainHelp()}\n`);
      return name === undefined ? 2 : 0;
    }
    if (name === '-v' || name === '--version') {
      io.out.write(`${TOOL_VERSION}\n`);
      return 0;
    }
    const command = COMMANDS[name];
    if (!command) {
      const guess = didYouMean(name, Object.keys(COMMANDS));
      throw new InputError(
        `unknown command "${name}"; expected one of: ${Object.keys(COMMANDS).join(', ')}${guess ? `; did you mean "${guess}"?` : ''} See "perfgate --help".`,
      );
    }
    const run = await command.load();
    return await run(rest, io);
  } catch (err) {
    const code = exitCodeFor(err);
    io.err.write(`\nperfgate: ${describeError(err)}\n`);
    if (code === 4 && err instanceof Error && err.stack) io.err.write(`${err.stack}\n`);
    return code;
  }
}
