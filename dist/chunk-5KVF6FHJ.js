import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  EXPORT_FORMATS,
  renderExport
} from "./chunk-AOWHXZ2U.js";
import {
  createSessionDeps,
  loadTrend,
  runGate,
  runShard
} from "./chunk-WBYJJQNZ.js";
import "./chunk-ATV5KR2B.js";
import "./chunk-I7N6E4U2.js";
import "./chunk-VJQVCDOV.js";
import "./chunk-UEKVTZGY.js";
import "./chunk-FJK4FC5C.js";
import "./chunk-MIODLOIC.js";
import "./chunk-I2DQ53TU.js";
import {
  checkCommonWorkloads,
  readResultsFile
} from "./chunk-AOSIPVB6.js";
import {
  SHARD_HELP,
  placeFromEnv,
  shardDirOf,
  shardOption
} from "./chunk-PIOMGQYE.js";
import {
  mayMeasureSideBySide,
  tooFewRuns
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
import "./chunk-ODZ6REOH.js";
import "./chunk-BWD5U3XV.js";
import {
  intOption,
  parseCommandArgs
} from "./chunk-CNBCTPVM.js";
import {
  unwritableReason,
  writeJsonFile
} from "./chunk-WOBJ45C6.js";
import "./chunk-LP63KT7W.js";
import {
  LOCAL_LABELS
} from "./chunk-MUASQGV6.js";
import {
  formatLatencyUs,
  formatRate
} from "./chunk-6TR6MCCT.js";
import {
  EXIT,
  InputError
} from "./chunk-M4UYDDKJ.js";
import "./chunk-5MSJA75B.js";
import "./chunk-NM4ZIQ3O.js";
import "./chunk-F6FNT3HE.js";

// src/cli/run-command.ts
import { writeFile } from "node:fs/promises";
import os from "node:os";

// src/cli/progress.ts
function formatLeft(ms) {
  const s = Math.max(0, Math.round(ms / 1e3));
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}
var TimeLeft = class {
  plan = /* @__PURE__ */ new Map();
  set(workloads) {
    for (const w of workloads) this.plan.set(w.name, { left: w.runs, runMs: w.runMs, done: [] });
  }
  ended(workload, elapsedMs) {
    const p = this.plan.get(workload);
    if (!p) return;
    p.left = Math.max(0, p.left - 1);
    p.done.push(elapsedMs);
  }
  /** Milliseconds left, `current` ms into the running run of `workload`. */
  left(workload, current) {
    let total = 0;
    for (const [name, p] of this.plan) {
      const mean = p.done.length ? p.done.reduce((a, b) => a + b, 0) / p.done.length : null;
      const runMs = p.runMs ?? mean;
      if (p.left > 0 && runMs === null) return null;
      total += p.left * (runMs ?? 0) - (name === workload ? Math.min(current, runMs ?? 0) : 0);
    }
    return this.plan.size ? total : null;
  }
};
function createProgressPrinter(out) {
  const current = /* @__PURE__ */ new Map();
  const label = (side) => current.get(side ?? "") ?? "";
  let live = false;
  const time = new TimeLeft();
  const leftText = (workload, elapsedMs) => {
    const ms = time.left(workload, elapsedMs);
    return ms === null || ms < 1e3 ? "" : `  ~${formatLeft(ms)} left`;
  };
  const clear = () => {
    if (live) out.write("\r\x1B[2K");
    live = false;
  };
  return (e) => {
    switch (e.type) {
      case "server-start":
        clear();
        if (e.running) {
          out.write(`measuring the running server at ${e.running} (not started by perfgate)
`);
          break;
        }
        out.write(
          `${e.side ? `[${e.side}] ` : ""}${e.workload ? `starting the server for "${e.workload}"` : "starting the server"}
`
        );
        break;
      case "base-checkout":
        clear();
        out.write(
          `[base] checked out ${e.sha.slice(0, 12)} in ${e.dir} (removed afterwards)${e.build ? `; building: ${e.build}` : ""}
`
        );
        break;
      case "run-start":
        current.set(
          e.side ?? "",
          `${e.side ? `[${e.side}] ` : ""}${e.workload}  run ${e.run}/${e.of}${e.warmup ? " (warm-up)" : ""}`
        );
        if (out.isTTY) {
          clear();
          out.write(label(e.side));
          live = true;
        }
        break;
      case "run-progress":
        if (out.isTTY) {
          clear();
          out.write(
            `${label(e.side)}  ${formatRate(e.reqPerSec)} req/s  ${(e.elapsedMs / 1e3).toFixed(0)}s${leftText(e.workload, e.elapsedMs)}`
          );
          live = true;
        }
        break;
      case "session-plan":
        time.set(e.workloads);
        break;
      case "run-end": {
        clear();
        const s = e.sample;
        time.ended(e.workload, s.elapsedMs);
        const errors = s.errorRate > 0 ? `  errors ${(s.errorRate * 100).toFixed(2)}%` : "";
        const rate = s.rate ? `  sent ${formatRate(s.rate.achieved)} of ${formatRate(s.rate.target)} req/s${s.rate.dropped ? `, ${s.rate.dropped} due but not sent` : ""}` : "";
        out.write(
          `${label(e.side)}  ${formatRate(s.reqPerSec)} req/s  p50 ${formatLatencyUs(s.latencyUs.p50)}  p99 ${formatLatencyUs(s.latencyUs.p99)}${rate}${errors}${leftText(e.workload, 0)}
`
        );
        break;
      }
      case "warning":
        clear();
        out.write(`warning${e.workload ? ` (${e.workload})` : ""}: ${e.message}
`);
        break;
    }
  };
}

// src/cli/run-command.ts
var COMMON_OPTIONS = `  -c, --config FILE      config file (YAML or JSON)              default: perfgate.yml
  -o, --out FILE         write the results record (JSON) here
      --report FILE      write the report (markdown) here
      --seed N           seed of the randomized run order (replays an earlier order)
      --log-dir DIR      keep the server logs here               default: a temporary folder,
                         removed after a session that ends well (a failure names its log)
  -q, --quiet            no progress, only the report
  -f, --format FORMAT    what standard output gets: text (the report; default), markdown
                         (the report as the job summary shows it), json (the comparison,
                         comparison.schema.json, or the results record without one), junit,
                         bmf, benchmark-action-bigger or benchmark-action-smaller (see
                         "perfgate export --help"); progress always goes to standard error
      --details          text: also print every run's raw numbers and the machines compared
  -h, --help             this help`;
var RUN_HELP = `Usage: perfgate run [options]

Starts the server, runs every workload (warm-up runs, then kept runs, in a shuffled order per
round), compares the kept runs with the stored baseline when there is one, and prints the
report. Locally the baseline store is the directory of the config (baseline.dir, default
.perfgate/, written by "perfgate record"); inside GitHub Actions it is the git branch.

Options:
${COMMON_OPTIONS}
  -b, --baseline FILE    compare with this results record instead of the store (repeat to
                         pool several); checked before any load is sent
      --compare-to WHAT  stored (the baseline store; the config's default), base (build and
                         run the base commit side by side with this one, paired), or none
      --compare-ref REF  with base: the base is the merge-base of HEAD and REF (a branch, tag
                         or commit); implies --compare-to base, unless the config has
                         gate.confirm: same-runner (REF then confirms the stored comparison)
${SHARD_HELP}

Exit codes: 0 no regression, 1 a regression (or inconclusive with fail-on-inconclusive, or
no baseline with on-missing: fail), 2 invalid input (nothing was run), 3 the server or the
load failed, 5 the baseline store failed.`;
var RECORD_HELP = `Usage: perfgate record [options]

Runs like "perfgate run" and stores the results as the new baseline for this config, keeping
a bounded history (baseline.keep, baseline.max-age-days). Nothing is stored when the run
fails. Inside GitHub Actions a pull request never records.

Options:
${COMMON_OPTIONS}

Exit codes: 0 recorded, 2 invalid input (nothing was run), 3 the server or the load failed,
5 the baseline store failed (the report is still printed).`;
var OPTIONS = {
  config: { type: "string", short: "c", default: "perfgate.yml" },
  out: { type: "string", short: "o" },
  report: { type: "string" },
  seed: { type: "string" },
  "log-dir": { type: "string" },
  quiet: { type: "boolean", short: "q", default: false },
  details: { type: "boolean", default: false },
  format: { type: "string", short: "f", default: "text" },
  help: { type: "boolean", short: "h", default: false }
};
var RUN_OPTIONS = {
  ...OPTIONS,
  baseline: { type: "string", short: "b", multiple: true },
  "compare-to": { type: "string" },
  "compare-ref": { type: "string" },
  shard: { type: "string" },
  "shard-dir": { type: "string" }
};
async function checkWritable(option, file) {
  if (file === void 0) return;
  if (file === "") throw new InputError(`--${option}: expected a file path`);
  const problem = await unwritableReason(file);
  if (problem) throw new InputError(`--${option} ${file}: cannot write there: ${problem}`);
}
async function runCommand(argv, io) {
  const { values } = parseCommandArgs("run", argv, RUN_OPTIONS);
  if (values.help) {
    io.out.write(`${RUN_HELP}
`);
    return 0;
  }
  const ref = values["compare-ref"];
  if (ref === "") throw new InputError("--compare-ref: expected a branch, tag or commit");
  const compareTo = values["compare-to"];
  if (compareTo !== void 0 && !["stored", "base", "none"].includes(compareTo)) {
    throw new InputError(`--compare-to: expected stored, base or none, got "${compareTo}"`);
  }
  if (ref && compareTo === "none") throw new InputError("--compare-ref needs --compare-to base");
  return measure(values, io, {
    overrides: {
      compareTo: compareTo === "base" || compareTo === "stored" || compareTo === "none" ? compareTo : null,
      compareRef: ref ?? null
    },
    baselineFiles: values.baseline ?? [],
    shard: values.shard,
    shardDir: values["shard-dir"]
  });
}
async function recordCommand(argv, io) {
  const { values } = parseCommandArgs("record", argv, OPTIONS);
  if (values.help) {
    io.out.write(`${RECORD_HELP}
`);
    return 0;
  }
  return measure(values, io, {
    overrides: { mode: "record", compareTo: "none" },
    baselineFiles: []
  });
}
var FORMATS = ["text", "markdown", "json", ...EXPORT_FORMATS];
function renderOutput(format, report, details) {
  if (format === "text") return `
${renderGateText({ ...report, details })}`;
  if (format === "markdown") return renderGateReport(report);
  if (format === "json") return `${JSON.stringify(report.comparison ?? report.record, null, 2)}
`;
  return renderExport(format, report.record, report.comparison, {
    hostname: os.hostname()
  });
}
async function measure(values, io, how) {
  if (!FORMATS.includes(values.format)) {
    throw new InputError(`--format: expected one of ${FORMATS.join(", ")}, got "${values.format}"`);
  }
  const seed = intOption("seed", values.seed);
  await checkWritable("out", values.out);
  await checkWritable("report", values.report);
  const config = await loadRunConfig(values.config, process.env, how.overrides);
  const files = await Promise.all(how.baselineFiles.map((f) => readResultsFile("baseline", f)));
  if (files.length)
    checkCommonWorkloads(
      files,
      config.resolved.workloads.map((w) => w.name)
    );
  for (const w of tooFewRuns(config, mayMeasureSideBySide(config)))
    io.err.write(`perfgate: warning: ${w}
`);
  const env = process.env;
  const store = files.length ? null : createBaselineStore(config.resolved.baseline, {
    inActions: env.GITHUB_ACTIONS === "true",
    cwd: config.dir
  });
  const shard = how.shard !== void 0 ? shardOption(how.shard) : config.resolved.shard ?? null;
  if (shard && files.length)
    throw new InputError("--shard: a shard compares in its merge, not with --baseline");
  if (shard && how.overrides.mode === "record")
    throw new InputError(
      'perfgate record measures every workload, but the config sets shard: run each shard with "perfgate run --shard I/N" and record them with "perfgate merge --record"'
    );
  const dir = shardDirOf(config, how.shardDir);
  const gateOrShard = (input, deps) => shard ? runShard(input, { shard, dir, configName: values.config }, deps).then((r) => r.outcome) : runGate(input, deps);
  const outcome = await gateOrShard(
    {
      config,
      place: placeFromEnv(env),
      baselineRecords: files.length ? { records: files, sources: how.baselineFiles } : void 0,
      store,
      execute: {
        seed,
        logDir: values["log-dir"],
        signal: io.signal,
        onSeed: (s) => io.err.write(
          `perfgate: ${config.resolved.workloads.length} workload(s), seed ${s} (replay with --seed ${s})
`
        ),
        onEvent: values.quiet ? void 0 : createProgressPrinter(io.err)
      }
    },
    createSessionDeps()
  );
  const report = outcomeReport(outcome, { labels: LOCAL_LABELS });
  const trend = await loadTrend(store, outcome.record.configHash);
  if (trend) report.trend = trend;
  io.out.write(renderOutput(values.format, report, values.details));
  if (values.out) {
    await writeJsonFile(values.out, outcome.record);
    io.err.write(`results written to ${values.out}
`);
  }
  if (values.report) await writeFile(values.report, renderGateReport(report));
  if (outcome.fail) io.err.write(`perfgate: gate failed: ${outcome.failReason}
`);
  if (outcome.saveError) return EXIT.baselineStore;
  return outcome.fail ? EXIT.regression : EXIT.ok;
}
export {
  RECORD_HELP,
  RUN_HELP,
  recordCommand,
  runCommand
};
