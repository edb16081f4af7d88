import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  runMerge
} from "./chunk-KYRY7MJL.js";
import {
  createBaselineStore,
  loadRunConfig
} from "./chunk-GHS35YF3.js";
import {
  outcomeReport,
  renderGateReport,
  renderGateText
} from "./chunk-TX2MUWLF.js";
import {
  parseCommandArgs
} from "./chunk-CNBCTPVM.js";
import {
  writeJsonFile
} from "./chunk-WOBJ45C6.js";
import {
  LOCAL_LABELS
} from "./chunk-MUASQGV6.js";
import {
  SHARD_EXPECTED,
  parseShard
} from "./chunk-6TR6MCCT.js";
import {
  EXIT,
  InputError
} from "./chunk-M4UYDDKJ.js";

// src/cli/merge-command.ts
import path from "node:path";
import { writeFile } from "node:fs/promises";

// src/gate/place.ts
import { readFileSync } from "node:fs";
function placeFromEnv(env) {
  if (env.GITHUB_ACTIONS !== "true") return { event: "local", ref: null, defaultBranch: null };
  let payload = {};
  try {
    if (env.GITHUB_EVENT_PATH) payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, "utf8"));
  } catch {
  }
  return {
    event: env.GITHUB_EVENT_NAME ?? "local",
    ref: env.GITHUB_REF ?? null,
    defaultBranch: payload.repository?.default_branch ?? null,
    baseSha: payload.pull_request?.base?.sha ?? null
  };
}

// src/cli/merge-command.ts
var DEFAULT_SHARD_DIR = ".perfgate-shards";
var SHARD_HELP = `      --shard I/N        measure only shard I of N of the workloads (a job of a matrix, or one
                         of N terminals) and write perfgate-shard-I-of-N.json for
                         "perfgate merge"; a shard never records a baseline
      --shard-dir DIR    where the shard file goes        default: ${DEFAULT_SHARD_DIR}/ next to the config`;
var MERGE_HELP = `Usage: perfgate merge [options]

Merges the shard files written by "perfgate run --shard I/N" (one per shard, from any number
of machines) into one comparison: every workload of every shard in one Holm family, one
report, and, with --record or on a push to the default branch in GitHub Actions, one
baseline record for all of them. Refused (exit 2, nothing compared or recorded) when a shard
is missing or duplicated, or the shards ran another config or another commit.

Options:
  -c, --config FILE      config file (YAML or JSON)              default: perfgate.yml
      --from PATH        a shard file, or a folder searched for them; repeat for several
                                                      default: ${DEFAULT_SHARD_DIR}/ next to the config
      --compare-to WHAT  stored (the baseline store; default) or none; shards made with
                         compare-to: base are compared pair by pair
      --record           store the merged record as the new baseline (not in a pull request)
  -o, --out FILE         write the merged results record (JSON) here
      --report FILE      write the report (markdown) here
      --details          also print every run's raw numbers and the machines compared
  -h, --help             this help

Exit codes: 0 no regression, 1 a regression, 2 the shards do not belong together (or other
invalid input), 3 a shard's server or load failed (the other shards' numbers are reported),
5 the baseline store failed.`;
function shardOption(text) {
  const shard = parseShard(text);
  if (!shard) throw new InputError(`--shard: expected ${SHARD_EXPECTED}, got "${text}"`);
  return shard;
}
function shardDirOf(config, dir) {
  if (dir === "") throw new InputError("--shard-dir: expected a folder");
  return dir === void 0 ? path.join(config.dir, DEFAULT_SHARD_DIR) : path.resolve(dir);
}
async function mergeCommand(argv, io) {
  const { values } = parseCommandArgs("merge", argv, {
    config: { type: "string", short: "c", default: "perfgate.yml" },
    from: { type: "string", multiple: true },
    "compare-to": { type: "string" },
    record: { type: "boolean", default: false },
    out: { type: "string", short: "o" },
    report: { type: "string" },
    details: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false }
  });
  if (values.help) {
    io.out.write(`${MERGE_HELP}
`);
    return EXIT.ok;
  }
  const compareTo = values["compare-to"];
  if (compareTo !== void 0 && compareTo !== "stored" && compareTo !== "none")
    throw new InputError(`--compare-to: expected stored or none, got "${compareTo}"`);
  for (const o of ["out", "report"]) {
    if (values[o] === "") throw new InputError(`--${o}: expected a file path`);
  }
  const config = await loadRunConfig(values.config, process.env, {
    mode: values.record ? "record" : null,
    compareTo: values.record ? "none" : compareTo
  });
  const paths = values.from?.length ? values.from : [shardDirOf(config, void 0)];
  const env = process.env;
  const outcome = await runMerge({
    config,
    place: placeFromEnv(env),
    paths,
    store: createBaselineStore(config.resolved.baseline, {
      inActions: env.GITHUB_ACTIONS === "true",
      cwd: config.dir
    })
  });
  const report = outcomeReport(outcome, { labels: LOCAL_LABELS });
  io.out.write(`
${renderGateText({ ...report, details: values.details })}`);
  if (values.out) {
    await writeJsonFile(values.out, outcome.record);
    io.err.write(`merged results written to ${values.out}
`);
  }
  if (values.report) await writeFile(values.report, renderGateReport(report));
  if (outcome.fail) io.err.write(`perfgate: gate failed: ${outcome.failReason}
`);
  if (outcome.failedShards.length) return EXIT.serverOrLoadFailed;
  if (outcome.saveError) return EXIT.baselineStore;
  return outcome.fail ? EXIT.regression : EXIT.ok;
}

export {
  placeFromEnv,
  DEFAULT_SHARD_DIR,
  SHARD_HELP,
  MERGE_HELP,
  shardOption,
  shardDirOf,
  mergeCommand
};
