import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  invocationOf
} from "./chunk-GHS35YF3.js";
import {
  brokenHeadline
} from "./chunk-TX2MUWLF.js";
import {
  ServerError,
  TOOL_VERSION
} from "./chunk-ODZ6REOH.js";
import {
  BaselineMismatchError,
  BaselineStoreError
} from "./chunk-BWD5U3XV.js";
import {
  writeJsonFile
} from "./chunk-WOBJ45C6.js";
import {
  RECORD_VERSION,
  SHARD_FILE_PATTERN,
  compareRecords,
  createPairedSamplingJudge,
  createRng,
  describeMachine,
  external_exports,
  findBreakage,
  formatShard,
  gatedFamily,
  keptRuns,
  measuredInDuet,
  median2 as median,
  resultsRecordSchema,
  shardFileName,
  shuffle,
  testForDesign
} from "./chunk-6TR6MCCT.js";
import {
  BaseBuildError,
  InputError
} from "./chunk-M4UYDDKJ.js";
import {
  rateShortfall
} from "./chunk-NM4ZIQ3O.js";

// src/same-runner/base-checkout.ts
import { execFile, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
var run = promisify(execFile);
async function git(cwd, args) {
  const { stdout } = await run("git", args, { cwd, timeout: 12e4, maxBuffer: 16 * 1024 * 1024 });
  return stdout.trim();
}
function gitMessage(err) {
  const e = err;
  return (e.stderr || e.message || String(err)).trim().split("\n").slice(-3).join(" ");
}
async function repoRoot(dir) {
  try {
    return await git(dir, ["rev-parse", "--show-toplevel"]);
  } catch {
    throw new InputError(`comparing with the base needs a git work tree, and ${dir} is not in one`);
  }
}
async function resolveBaseCommit(root, ref, mergeBase) {
  const commit = async (r) => git(root, ["rev-parse", "--verify", "--quiet", `${r}^{commit}`]);
  let sha = await commit(ref).catch(() => "");
  if (!sha) {
    await git(root, ["fetch", "--no-tags", "--depth=50", "origin", ref]).catch(() => "");
    sha = await commit(ref).catch(() => "");
    if (!sha) sha = await commit("FETCH_HEAD").catch(() => "");
  }
  if (!sha) {
    throw new InputError(
      `the base ref "${ref}" does not exist in ${root} (nor on origin); pass an existing branch, tag or commit (--compare-ref), or fetch it first`
    );
  }
  if (!mergeBase) return sha;
  try {
    return await git(root, ["merge-base", "HEAD", sha]);
  } catch {
    throw new InputError(
      `HEAD and "${ref}" have no common ancestor in this clone (a shallow checkout?); fetch more history (actions/checkout with fetch-depth: 0) or pass the base commit itself`
    );
  }
}
async function createBaseCheckout(root, sha) {
  const parent = await mkdtemp(path.join(os.tmpdir(), "perfgate-base-"));
  const dir = path.join(parent, "base");
  try {
    await git(root, ["worktree", "add", "--detach", "--force", dir, sha]);
  } catch (err) {
    await rm(parent, { recursive: true, force: true });
    throw new InputError(
      `could not check out the base commit ${sha.slice(0, 12)}: ${gitMessage(err)}`
    );
  }
  let removed = false;
  return {
    sha,
    dir,
    async remove() {
      if (removed) return;
      removed = true;
      await git(root, ["worktree", "remove", "--force", dir]).catch(() => "");
      await rm(parent, { recursive: true, force: true });
      await git(root, ["worktree", "prune"]).catch(() => "");
    }
  };
}
async function buildBase(command, cwd, env) {
  const output = [];
  const code = await new Promise((resolve, reject) => {
    const child = spawn("sh", ["-c", command], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"]
    });
    const keep = (b) => {
      output.push(b.toString());
      if (output.length > 400) output.splice(0, output.length - 400);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("error", reject);
    child.on("close", resolve);
  });
  if (code !== 0) {
    const tail = output.join("").split("\n").slice(-30).join("\n");
    throw new ServerError(
      `the build command of the base commit failed (exit code ${code}): ${command}`,
      tail
    );
  }
}

// src/gate/preflight.ts
async function resolveBaseBeforeLoad(config, spec) {
  const root = await repoRoot(config.dir);
  const sha = "ref" in spec ? await resolveBaseCommit(root, spec.ref, true) : await resolveBaseCommit(root, spec.sha, false);
  return { sha };
}
var FEW_RUNS = 5;
function tooFewRuns(config, sideBySide) {
  return config.resolved.workloads.flatMap((w) => {
    if (w.runs === "auto" || w.runs >= FEW_RUNS || w.runs >= 2 && !sideBySide) return [];
    return [
      w.runs < 2 ? `workload "${w.name}" has runs: ${w.runs} (defaults.runs or its own runs): it can never be compared, a comparison needs at least 2 kept runs per side; set runs to 2 or more, or "auto"` : `workload "${w.name}" has runs: ${w.runs} (defaults.runs or its own runs): measured side by side, fewer than ${FEW_RUNS} pairs give wide intervals, so only large changes are decided and identical code rarely earns a pass; set runs to ${FEW_RUNS} or more, or "auto" (the default)`
    ];
  });
}
function mayMeasureSideBySide(config) {
  const gate = config.resolved.gate;
  return gate.compareTo === "base" || gate.confirm === "same-runner" || invocationOf(config).baseRef !== null;
}

// src/baseline/mode.ts
var PR_NEVER_RECORDS = "a pull request never writes a baseline: records would come from unreviewed code and a fork's token cannot push; record on push to the default branch instead";
var PR_EVENTS = /* @__PURE__ */ new Set([
  "pull_request",
  "pull_request_target",
  "pull_request_review",
  "pull_request_review_comment",
  "merge_group"
]);
function isPullRequestEvent(event) {
  return PR_EVENTS.has(event);
}
function branchOf(ref) {
  if (!ref) return null;
  if (ref.startsWith("refs/heads/")) return ref.slice("refs/heads/".length);
  return ref.startsWith("refs/") ? null : ref;
}
function decideBaselineMode(input) {
  const pr = isPullRequestEvent(input.event);
  const branch = branchOf(input.ref);
  const onDefault = branch !== null && !!input.defaultBranch && branch === input.defaultBranch;
  switch (input.mode) {
    case "record":
      if (pr) return { ok: false, error: PR_NEVER_RECORDS };
      return { ok: true, record: true, compare: false, reason: "mode: record" };
    case "compare":
      return { ok: true, record: false, compare: true, reason: "mode: compare" };
    case "auto":
      if (pr)
        return {
          ok: true,
          record: false,
          compare: true,
          reason: "pull request: compare with the baseline"
        };
      if (input.event === "push" && onDefault) {
        return {
          ok: true,
          record: true,
          compare: true,
          reason: `push to the default branch (${branch}): compare with the previous baseline, then record this run`
        };
      }
      return {
        ok: true,
        record: false,
        compare: true,
        reason: input.event === "push" ? `push to ${branch ?? input.ref ?? "a ref"}, not the default branch: compare only` : `${input.event}: compare only (set mode: record to record from this event)`
      };
    default:
      return {
        ok: false,
        error: `unknown baseline mode ${JSON.stringify(input.mode)}; expected auto, record or compare`
      };
  }
}

// src/run/machine.ts
import { createHash } from "node:crypto";
import os2 from "node:os";
function describeMachine2() {
  const cpus = os2.cpus();
  const cpuModel = (cpus[0]?.model ?? "unknown").replace(/\s+/g, " ").trim();
  const cores = Math.max(1, cpus.length);
  const os_ = `${os2.platform()} ${os2.release()}`;
  const nodeMajor = process.versions.node.split(".")[0] ?? "";
  const fingerprint = createHash("sha256").update([cpuModel, cores, os2.platform(), os2.arch(), nodeMajor].join("|")).digest("hex").slice(0, 16);
  return {
    cpuModel,
    cores,
    memoryBytes: os2.totalmem(),
    os: os_,
    arch: os2.arch(),
    node: process.versions.node,
    fingerprint
  };
}

// src/gate/baseline-source.ts
async function loadStoredBaseline(store, config, options) {
  const b = config.resolved.baseline;
  const warnings = [];
  try {
    const loaded = await store.load(config.hash, {
      pool: Math.max(b.pool, b.history),
      commit: b.mergeBase && options.mergeBaseSha ? options.mergeBaseSha : void 0,
      fingerprint: options.fingerprint ?? describeMachine2().fingerprint,
      mismatch: b.mismatch,
      onWarning: (w) => warnings.push(w)
    });
    if (!loaded) return { records: [], sources: [], warnings };
    const pooled = loaded.records.slice(0, b.pool);
    return {
      records: pooled.map((r) => r.record),
      history: loaded.records.map((r) => r.record),
      sources: pooled.map((r) => r.path),
      warnings: [...warnings, ...loaded.warnings]
    };
  } catch (err) {
    if (err instanceof BaselineMismatchError) {
      return {
        records: [],
        sources: [],
        warnings: [...warnings, `baseline refused (mismatch: refuse): ${err.message}`]
      };
    }
    if (err instanceof BaselineStoreError) {
      return {
        records: [],
        sources: [],
        warnings: [
          ...warnings,
          `could not read the baselines in ${store.description}: ${err.message}`
        ]
      };
    }
    throw err;
  }
}

// src/run/execute-run.ts
import { randomInt } from "node:crypto";
import { mkdir, mkdtemp as mkdtemp2, rm as rm2 } from "node:fs/promises";
import os3 from "node:os";
import path3 from "node:path";

// src/run/git-info.ts
import { execFile as execFile2 } from "node:child_process";
import { promisify as promisify2 } from "node:util";
var run2 = promisify2(execFile2);
async function git2(cwd, args) {
  const { stdout } = await run2("git", args, { cwd, timeout: 1e4 });
  return stdout.trim();
}
async function readCommit(dir) {
  try {
    const sha = await git2(dir, ["rev-parse", "HEAD"]);
    const ref = await git2(dir, ["rev-parse", "--abbrev-ref", "HEAD"]).catch(() => "");
    const status = await git2(dir, ["status", "--porcelain", "--untracked-files=no"]).catch(
      () => ""
    );
    return { sha, ref: ref && ref !== "HEAD" ? ref : null, dirty: status.length > 0 };
  } catch {
    return null;
  }
}

// src/run/run-session.ts
import path2 from "node:path";

// src/server/exit-info.ts
function describeExit(info) {
  const how = info.signal !== null ? `killed by ${info.signal}` : `exit code ${info.code}`;
  const left = info.leftRunning;
  if (!left) return how;
  const n = left.processes.length;
  const which = left.processes.slice(0, 3).map((p) => `pid ${p.pid}: ${p.command}`).join("; ");
  const more = n > 3 ? `; and ${n - 3} more` : "";
  const port = left.port !== null ? ` that keep${n === 1 ? "s" : ""} port ${left.port} open` : "";
  return `${how}, but left ${n} process${n === 1 ? "" : "es"} running in the background${port} (${which}${more})`;
}
function exitHint(info) {
  if (info.leftRunning && info.code !== 0) return " (perfgate stopped the processes it left)";
  if (info.leftRunning) {
    return " (the command daemonised its server: perfgate must start the server in the foreground to measure and stop it, so run it without --daemon, nohup, setsid or a trailing &; perfgate stopped the processes it left)";
  }
  if (info.code === 0) return " (the command must keep running in the foreground)";
  if (info.code === 127)
    return " (the shell did not find the command: check server.command and PATH)";
  return "";
}

// src/server/server-failure.ts
var TAIL_LINES = 30;
function serverFailure(message, server) {
  const tail = server.logTail(TAIL_LINES);
  return new ServerError(
    tail.trim() === "" ? `${message}
(the server printed nothing; log: ${server.logFile})` : `${message}
--- last lines of ${server.logFile} ---
${tail}`,
    tail
  );
}

// src/run/schedule.ts
function targetKeptRuns(w) {
  return w.runs === "auto" ? w.maxRuns : w.runs;
}
function isDone(w, p) {
  if (p.stopReason !== null) return true;
  return p.made >= w.warmup + targetKeptRuns(w);
}
function nextIsWarmup(w, p) {
  return p.made < w.warmup;
}
function isCheckpoint(w, p, batch = 5) {
  if (w.runs !== "auto") return false;
  const kept = p.made - w.warmup;
  return kept >= w.minRuns && (kept - w.minRuns) % batch === 0;
}
function nextRound(workloads, progress, rng) {
  const active = workloads.flatMap(
    (w, i) => isDone(w, progress[i]) ? [] : [i]
  );
  return shuffle(active, rng);
}

// src/run/sample.ts
function buildSample(load, usage, pos) {
  const { connection, timeout, status, body, protocol, incomplete } = load.errors;
  const unanswered = connection + timeout + protocol + incomplete;
  const failed = unanswered + status + body;
  const attempts = load.requests + unanswered;
  const cpuMs = usage.after.cpuMs - usage.before.cpuMs;
  const measured = usage.before.measured && usage.after.measured;
  return {
    index: pos.index,
    round: pos.round,
    warmup: pos.warmup,
    startedAt: pos.startedAt,
    elapsedMs: load.elapsedMs,
    requests: load.requests,
    reqPerSec: load.reqPerSec,
    bytesPerSec: load.bytesPerSec,
    latencyUs: load.latencyUs,
    latencyBasis: load.latencyBasis,
    serviceLatencyUs: load.serviceLatencyUs,
    rate: load.rate,
    errors: { ...load.errors },
    errorRate: attempts > 0 ? failed / attempts : 0,
    cpuMsPerRequest: measured && load.requests > 0 ? cpuMs / load.requests : null,
    peakRssBytes: measured && usage.after.peakRssBytes > 0 ? usage.after.peakRssBytes : null,
    loadCpu: load.loadCpu,
    ...load.client ? { loadClient: load.client } : {},
    ...load.steps ? { steps: load.steps } : {}
  };
}

// src/run/measure-run.ts
async function measureRun(w, server, loadCpus, deps, o) {
  const base = { baseUrl: server.url, cpus: loadCpus, signal: o.signal, data: o.data };
  const vars = w.setup.length > 0 ? await deps.load.setup(w, base) : {};
  server.resetPeak();
  const before = await server.usage();
  const startedAt = new Date(deps.now()).toISOString();
  const load = await deps.load.run(w, {
    ...base,
    vars,
    onProgress: (p) => o.onProgress(p.reqPerSec, p.elapsedMs)
  });
  const after = await server.usage();
  const exit = server.exitInfo();
  if (exit !== null) {
    const what = `${o.who}exited during run ${o.index + 1} of "${w.name}" (${describeExit(exit)})${exitHint(exit)}`;
    throw serverFailure(what, server);
  }
  const sample = buildSample(
    load,
    { before, after },
    { index: o.index, round: o.round, warmup: o.warmup, startedAt }
  );
  return o.pair === void 0 ? sample : { ...sample, pair: o.pair };
}

// src/run/session-warnings.ts
var SATURATION_THRESHOLD = 0.9;
function warnIfSaturated(sample, result, workload, emit) {
  if (sample.loadCpu <= SATURATION_THRESHOLD) return;
  warnOnce(
    result,
    workload,
    `load generator used ${(sample.loadCpu * 100).toFixed(0)}% of a core: the numbers may describe the client, not the server (pin it with load.cpus, or lower connections)`,
    emit
  );
}
function warnIfDuetSaturated(results, workload, emit) {
  const together = results.reduce((sum, r) => sum + (r.runs.at(-1)?.loadCpu ?? 0), 0);
  if (together <= SATURATION_THRESHOLD) return;
  for (const result of results) {
    warnOnce(
      result,
      workload,
      `the two load processes of the duet used ${(together * 100).toFixed(0)}% of a core together: the numbers may describe the clients, not the servers (give the load generator more CPUs with load.cpus, or lower connections)`,
      emit
    );
  }
}
function warnOnce(result, workload, message, emit) {
  const kind = message.slice(0, 20);
  if (result.warnings?.some((m) => m.startsWith(kind))) return;
  result.warnings?.push(message);
  emit({ type: "warning", workload, message });
}
function warnIfBehindRate(sample, result, workload, emit) {
  const shortfall = rateShortfall(sample.rate);
  if (shortfall === null || result.warnings?.some((m) => m.startsWith("open model: "))) return;
  const message = `open model: run ${sample.index + 1} ${shortfall}`;
  result.warnings?.push(message);
  emit({ type: "warning", workload, message });
}

// src/run/run-session.ts
var SideServer = class {
  constructor(side, deps, options) {
    this.side = side;
    this.deps = deps;
    this.options = options;
  }
  side;
  deps;
  options;
  server = null;
  servedWorkload = null;
  started = 0;
  /** The running server for workload `wi`, started (or restarted) as the policy says. */
  async for(wi, workloadName) {
    const policy = this.options.restart;
    const fresh = policy === "per-run" || policy === "per-workload" && this.servedWorkload !== wi;
    if (this.server && !fresh) {
      const exit = this.server.exitInfo();
      if (exit === null) return this.server;
      throw serverFailure(
        `${this.name()}exited between runs (${describeExit(exit)})${exitHint(exit)}`,
        this.server
      );
    }
    await this.stop();
    this.started += 1;
    const label = this.side.label ? `${this.side.label}-` : "";
    this.options.onEvent?.({
      type: "server-start",
      workload: policy === "never" ? null : workloadName,
      side: this.side.label || void 0,
      ...this.side.server.command === null ? { running: this.side.server.url } : {}
    });
    const logFile = path2.join(this.options.logDir, `server-${label}${this.started}.log`);
    this.server = await this.deps.startServer(this.side.server, {
      logFile,
      signal: this.options.signal
    });
    this.servedWorkload = wi;
    return this.server;
  }
  name() {
    return this.side.label ? `the ${this.side.label} server ` : "the server ";
  }
  async stop() {
    const s = this.server;
    this.server = null;
    if (s) await s.stop();
  }
};
async function runSides(config, sides, deps, options) {
  const { workloads } = config;
  const paired = sides.length > 1;
  const emit = options.onEvent ?? (() => {
  });
  const rng = createRng(options.seed);
  const sideStates = sides.map((side) => ({
    side,
    server: new SideServer(side, deps, options),
    results: workloads.map((w) => ({ name: w.name, runs: [], warnings: [] }))
  }));
  const states = workloads.map((workload, index) => ({
    index,
    workload,
    progress: { made: 0, stopReason: null },
    startedAt: deps.now(),
    sides: sideStates.flatMap((state) => {
      const result = state.results[index];
      return result ? [{ state, result }] : [];
    })
  }));
  emit({
    type: "session-plan",
    workloads: workloads.map((w) => ({
      name: w.name,
      runs: (w.warmup + targetKeptRuns(w)) * sides.length,
      runMs: w.requests === null ? w.durationMs : null
    }))
  });
  const loadCpus = sides.map((s) => s.loadCpus ?? config.loadCpus);
  for (const cpus of new Set(loadCpus)) {
    const count = paired && options.duet ? loadCpus.filter((c) => c === cpus).length : 1;
    deps.load.prepare?.(workloads, cpus, count);
  }
  const runSide = async (ws, { state, result }, srv, round) => {
    const { workload: w, progress: p } = ws;
    const warmup = nextIsWarmup(w, p);
    const { side, server } = state;
    const tag = side.label || void 0;
    emit({
      type: "run-start",
      workload: w.name,
      run: p.made + 1,
      of: w.warmup + targetKeptRuns(w),
      warmup,
      round,
      side: tag
    });
    const sample = await tagSide(
      side,
      measureRun(w, srv, side.loadCpus ?? config.loadCpus, deps, {
        index: p.made,
        round,
        warmup,
        pair: paired && !warmup ? p.made - w.warmup : void 0,
        who: server.name(),
        signal: options.signal,
        data: options.data?.[w.name],
        onProgress: (reqPerSec, elapsedMs) => emit({ type: "run-progress", workload: w.name, reqPerSec, elapsedMs, side: tag })
      })
    );
    result.runs.push(sample);
    emit({ type: "run-end", workload: w.name, sample, side: tag });
    warnIfSaturated(sample, result, w.name, emit);
    warnIfBehindRate(sample, result, w.name, emit);
  };
  const runRound = async (ws, round) => {
    const { workload: w, progress: p } = ws;
    if (paired && options.duet) {
      const servers = [];
      for (const s of ws.sides) {
        servers.push(await tagSide(s.state.side, s.state.server.for(ws.index, w.name)));
      }
      await allOrFirstError(
        ws.sides.map((s, i) => runSide(ws, s, servers[i], round))
      );
      if (new Set(loadCpus).size === 1) {
        warnIfDuetSaturated(
          ws.sides.map((s) => s.result),
          w.name,
          emit
        );
      }
    } else {
      for (const s of shuffle(ws.sides, rng)) {
        const srv = await tagSide(s.state.side, s.state.server.for(ws.index, w.name));
        await runSide(ws, s, srv, round);
      }
    }
    p.made += 1;
    const reason = stopReason(ws, deps.now() - ws.startedAt, options.judge);
    if (reason !== null) {
      p.stopReason = reason;
      for (const s of ws.sides) s.result.stopReason = reason;
    }
  };
  try {
    if (options.restart === "per-workload") {
      for (const ws of roundOf(states, rng)) {
        for (let round = 0; !isDone(ws.workload, ws.progress); round++) await runRound(ws, round);
      }
    } else {
      for (let round = 0; ; round++) {
        const order = roundOf(states, rng);
        if (order.length === 0) break;
        for (const ws of order) await runRound(ws, round);
      }
    }
  } finally {
    await Promise.allSettled([...sideStates.map((s) => s.server.stop()), deps.load.close?.()]);
  }
  return sideStates.map(
    (s) => s.results.map(
      (r) => r.warnings?.length ? r : { name: r.name, runs: r.runs, stopReason: r.stopReason }
    )
  );
}
function roundOf(states, rng) {
  const order = nextRound(
    states.map((s) => s.workload),
    states.map((s) => s.progress),
    rng
  );
  return order.flatMap((i) => states[i] ?? []);
}
async function allOrFirstError(tasks) {
  const settled = await Promise.allSettled(tasks);
  const failed = settled.find((s) => s.status === "rejected");
  if (failed) throw failed.reason;
}
async function tagSide(side, work) {
  try {
    return await work;
  } catch (err) {
    if (err instanceof ServerError && side.label) err.side = side.label;
    throw err;
  }
}
function stopReason(ws, elapsedMs, judge) {
  const { workload: w, progress: p } = ws;
  if (w.runs !== "auto") return null;
  const kept = ws.sides.map((s) => ({
    partner: s.state.side.partner === true,
    runs: s.result.runs.filter((x) => !x.warmup)
  }));
  const n = Math.min(...kept.map((k) => k.runs.length));
  if (n >= w.maxRuns) return `reached max-runs (${w.maxRuns})`;
  if (elapsedMs >= w.budgetMs && n >= 2)
    return `time budget of ${Math.round(w.budgetMs / 1e3)}s used`;
  if (!isCheckpoint(w, p)) return null;
  if (!judge) return `no baseline to compare with: stopped at min-runs (${w.minRuns})`;
  const mine = kept.find((k) => !k.partner)?.runs ?? [];
  const partner = kept.find((k) => k.partner)?.runs;
  return judge(w, mine, partner);
}

// src/run/execute-run.ts
async function executeRun(config, deps, options = {}) {
  const [record] = await executeSides(
    config,
    [{ label: "", server: config.resolved.server }],
    deps,
    options
  );
  if (!record) throw new Error("internal: a session of one build returned no record");
  return record;
}
async function executePairedRun(config, base, deps, options = {}, pin = null) {
  const head = config.resolved.server;
  const sides = [
    {
      label: "base",
      server: pin ? { ...base.server, cpus: pin.base } : base.server,
      loadCpus: pin?.load,
      partner: true
    },
    { label: "this", server: pin ? { ...head, cpus: pin.head } : head, loadCpus: pin?.load }
  ];
  const [b, h] = await executeSides(config, sides, deps, options, [base.commit]);
  if (!b || !h) throw new Error("internal: a session of two builds returned fewer records");
  return { base: b, head: h };
}
async function executeSides(config, sides, deps, options, commits = []) {
  const { resolved } = config;
  const seed = options.seed ?? resolved.seed ?? randomInt(0, 2 ** 31 - 1);
  options.onSeed?.(seed);
  const temporary = options.logDir === void 0;
  const logDir = options.logDir ?? await mkdtemp2(path3.join(os3.tmpdir(), "perfgate-logs-"));
  await mkdir(logDir, { recursive: true });
  const createdAt = new Date(deps.now()).toISOString();
  const [commit, machine] = [await readCommit(config.dir), describeMachine2()];
  const perSide = await runSides(resolved, sides, deps, {
    seed,
    restart: resolved.server.restart,
    logDir,
    onEvent: options.onEvent,
    judge: options.judge,
    signal: options.signal,
    data: config.data,
    duet: sides.length > 1 && resolved.gate.pairing === "duet"
  });
  if (temporary) await rm2(logDir, { recursive: true, force: true });
  return perSide.map((workloads, i) => ({
    kind: "perfgate-results",
    version: RECORD_VERSION,
    tool: { name: "perfgate", version: TOOL_VERSION },
    createdAt,
    commit: commits[i] ?? commit,
    machine,
    configHash: config.hash,
    config: portableConfig(resolved),
    seed,
    design: sides.length > 1 ? "paired" : "independent",
    workloads
  }));
}
function portableConfig(c) {
  const { cwd: _cwd, ...server } = c.server;
  return { ...c, server };
}

// src/same-runner/prepare-base.ts
import path4 from "node:path";
async function prepareBase(config, spec, onCheckout) {
  const server = config.resolved.server;
  if (server.port !== "auto") {
    throw new InputError(
      "compare-to: base starts the base and this build side by side, so they need their own ports: set server.port: auto and use {{port}} in the command, env and ready URL"
    );
  }
  const root = await repoRoot(config.dir);
  const sha = "sha" in spec ? await resolveBaseCommit(root, spec.sha, false) : await resolveBaseCommit(root, spec.ref, true);
  const checkout = await createBaseCheckout(root, sha);
  try {
    onCheckout?.(checkout, server.build);
    const cwd = path4.join(checkout.dir, path4.relative(root, server.cwd));
    if (server.build) await buildBase(server.build, cwd, server.env);
    return { server: { ...server, cwd }, commit: { sha, ref: null, dirty: false }, checkout };
  } catch (err) {
    await checkout.remove();
    throw err;
  }
}

// src/same-runner/pinning.ts
import { spawnSync } from "node:child_process";
import os4 from "node:os";
function canPin() {
  if (process.platform !== "linux") return false;
  return spawnSync("taskset", ["--version"], { stdio: "ignore" }).status === 0;
}
var NO_PIN_VAR = "PERFGATE_NO_PIN";
function planPinning(config, cores = os4.availableParallelism(), pinnable = canPin(), env = process.env) {
  const { server, loadCpus } = config;
  if (server.cpus !== null || loadCpus !== null) {
    return {
      base: server.cpus,
      head: server.cpus,
      load: loadCpus,
      description: `pinning from the config: servers ${server.cpus ?? "unpinned"}, load generator ${loadCpus ?? "unpinned"}`
    };
  }
  const off = env[NO_PIN_VAR];
  if (off !== void 0 && off !== "" && off !== "0") {
    return {
      base: null,
      head: null,
      load: null,
      description: `not pinned: ${NO_PIN_VAR} is set`
    };
  }
  if (!pinnable)
    return {
      base: null,
      head: null,
      load: null,
      description: "not pinned: taskset is not available"
    };
  if (config.gate.pairing === "duet" && cores >= 2) {
    const servers = cores === 2 ? "0" : `0-${cores - 2}`;
    return {
      base: servers,
      head: servers,
      load: String(cores - 1),
      description: `pinned: both servers CPU ${servers} (loaded at once, sharing it: pairing duet), load generator CPU ${cores - 1}`
    };
  }
  if (cores >= 3) {
    return {
      base: "0",
      head: "1",
      load: "2",
      description: "pinned: base server CPU 0, this build CPU 1, load generator CPU 2"
    };
  }
  if (cores === 2) {
    return {
      base: "0",
      head: "0",
      load: "1",
      description: "pinned: both servers CPU 0 (never loaded at once), load generator CPU 1"
    };
  }
  return { base: null, head: null, load: null, description: "not pinned: one CPU only" };
}

// src/gate/same-runner-step.ts
function checkSideBySideConfig(config) {
  if (config.resolved.server.command === null) {
    throw new InputError(
      "gate.compare-to: base builds the base commit and starts its server side by side with this one, so it needs server.command (and server.port: auto); a server started outside perfgate can only be compared with a stored baseline (compare-to: stored)"
    );
  }
  if (config.resolved.server.port !== "auto") {
    throw new InputError(
      "gate.compare-to: base starts the base build and this one side by side, so each needs its own port: set server.port: auto and use {{port}} in server.command, env and ready.url"
    );
  }
}
var gitBaseBuilds = { resolve: resolveBaseBeforeLoad, prepare: prepareBase };
async function measureSideBySide(config, spec, deps, execute, builds = gitBaseBuilds) {
  const gate = config.resolved.gate;
  const prepared = await builds.prepare(
    config,
    spec,
    (checkout, build) => execute.onEvent?.({ type: "base-checkout", sha: checkout.sha, dir: checkout.dir, build })
  ).catch((err) => {
    throw new BaseBuildError(err);
  });
  try {
    const plan = planPinning(config.resolved);
    const test = testForDesign(gate.test, true);
    const judge = createPairedSamplingJudge({
      alpha: gate.alpha,
      test,
      required: gate.required,
      family: gatedFamily(config.allWorkloads ?? config.resolved.workloads, gate.required)
    });
    const { base, head } = await executePairedRun(
      config,
      prepared,
      deps,
      { ...execute, judge },
      plan
    ).catch((err) => {
      throw err instanceof ServerError && err.side === "base" ? new BaseBuildError(err) : err;
    });
    const comparison = compareRecords(base, head, {
      alpha: gate.alpha,
      design: "paired",
      test,
      required: gate.required,
      maxErrorRate: gate.maxErrorRate
    });
    return { base, head, comparison, pinning: plan.description };
  } finally {
    await prepared.checkout.remove();
  }
}
function asIndependent(record) {
  return {
    ...record,
    design: "independent",
    workloads: record.workloads.map((w) => ({
      ...w,
      runs: w.runs.map(({ pair: _pair, ...run3 }) => run3)
    }))
  };
}

// src/baseline/missing.ts
function decideMissingBaseline(input) {
  const skipped = (input.warnings ?? []).length;
  const why = skipped > 0 ? ` (${skipped} stored record${skipped === 1 ? " was" : "s were"} unusable and skipped)` : "";
  const next = input.recording ? "This run is recorded as the first baseline." : input.local ? 'Run "perfgate record" (same config) to store one here, then "perfgate run" compares with it.' : "A run on a push to the default branch records one.";
  const head = `No baseline yet for this config (hash ${input.configHash.slice(0, 12)}) in ${input.store}${why}: reporting this run's numbers without a comparison.`;
  const tail = input.onMissing === "fail" ? " Failing because on-missing is set to fail." : "";
  return {
    verdict: "no-baseline",
    fail: input.onMissing === "fail",
    notice: `${head} ${next}${tail}`
  };
}

// src/verdict/objectives.ts
var MACHINE_BOUND_METRICS = ["throughput", "p50", "p90", "p99"];
var DUET_UNCHECKED = "measured in a duet, on CPUs shared with the base build: requests/s and latency are not those of a machine of its own";
var nonNull = (xs) => xs.filter((x) => x !== null);
function measuredValue(metric, runs) {
  if (runs.length === 0) return null;
  switch (metric) {
    case "throughput":
      return median(runs.map((r) => r.reqPerSec));
    case "p50":
    case "p90":
    case "p99":
      return median(runs.map((r) => r.latencyUs[metric]));
    case "errors":
      return runs.reduce((sum, r) => sum + r.errorRate, 0) / runs.length;
    case "cpu": {
      const cpu = nonNull(runs.map((r) => r.cpuMsPerRequest));
      return cpu.length ? median(cpu) : null;
    }
    case "rss": {
      const rss = nonNull(runs.map((r) => r.peakRssBytes));
      return rss.length ? Math.max(...rss) : null;
    }
  }
}
function checkObjectives(workloads, record, options = {}) {
  const out = [];
  for (const w of workloads) {
    const result = record.workloads.find((r) => r.name === w.name);
    const runs = result ? keptRuns(result) : [];
    for (const [metric, limit] of Object.entries(w.objectives ?? {})) {
      const value = measuredValue(metric, runs);
      const atLeast = metric === "throughput";
      if (options.duet && MACHINE_BOUND_METRICS.includes(metric)) {
        out.push({
          workload: w.name,
          metric,
          limit,
          atLeast,
          value,
          met: null,
          unchecked: DUET_UNCHECKED
        });
        continue;
      }
      const met = value === null ? null : atLeast ? value >= limit : value <= limit;
      out.push({ workload: w.name, metric, limit, atLeast, value, met });
    }
  }
  return out;
}

// src/gate/outcome.ts
function decideGate(i) {
  const d = decideComparison(i);
  const broken = (i.objectives ?? []).filter((o) => o.met === false);
  if (broken.length === 0) {
    const tolerated = d.verdict === "regression" && i.failOnRegression === false;
    return tolerated ? { ...d, fail: false, failReason: null } : d;
  }
  const reason = brokenHeadline(broken, 5);
  return { ...d, fail: true, failReason: d.fail ? `${reason}; ${d.failReason}` : reason };
}
function decideComparison(i) {
  if (i.breakage) return { verdict: "broken", fail: true, failReason: i.breakage.summary };
  if (!i.compared) return { verdict: "not-compared", fail: false, failReason: null };
  const c = i.comparison;
  if (!c) {
    const fail = i.onMissing === "fail";
    return {
      verdict: "no-baseline",
      fail,
      failReason: fail ? "no baseline to compare with (on-missing: fail)" : null
    };
  }
  const shortfalls = c.notes.filter((n) => n.code === "rate-not-delivered");
  if (shortfalls.length > 0 && c.verdict !== "regression") {
    return {
      verdict: "inconclusive",
      fail: true,
      failReason: `measurement problem: ${shortfalls.map((n) => n.message).join(" ")}`
    };
  }
  const regressions = c.workloads.flatMap(
    (w) => w.metrics.filter((m) => m.status === "regression").map((m) => `${w.name} ${m.metric}`)
  );
  if (c.verdict === "regression") {
    const list2 = regressions.slice(0, 5).join(", ") + (regressions.length > 5 ? ", \u2026" : "");
    return {
      verdict: "regression",
      fail: true,
      failReason: `${regressions.length} regression(s): ${list2}`
    };
  }
  if (c.verdict === "inconclusive") {
    return {
      verdict: "inconclusive",
      fail: i.failOnInconclusive,
      failReason: i.failOnInconclusive ? "inconclusive comparison (fail-on-inconclusive is set)" : null
    };
  }
  return { verdict: "pass", fail: false, failReason: null };
}

// src/gate/settle.ts
async function settle(i) {
  const { config, notice } = i;
  const gate = config.resolved.gate;
  const recording = i.recording && i.store !== null;
  if (i.compared && !i.comparison) {
    const missing = decideMissingBaseline({
      onMissing: config.resolved.baseline.onMissing,
      configHash: config.hash,
      recording: recording && !i.incomplete,
      store: i.store?.description ?? "the given files",
      warnings: i.baseline?.warnings,
      local: i.local
    });
    notice(missing.notice);
  }
  const breakage = i.comparison ? i.comparison.breakage ?? null : findBreakage(i.record, { maxErrorRate: gate.maxErrorRate });
  let saved = { saved: null, saveError: null };
  if (recording && breakage) {
    notice(`${i.subject} was NOT recorded as the baseline: it is ${breakage.summary}`);
  } else if (recording && i.incomplete) {
    notice(`${i.subject} was NOT recorded as the baseline: ${i.incomplete}`);
  } else if (recording && measuredInDuet(i.record)) {
    notice(
      `${i.subject} was NOT recorded as the baseline: it was measured in a duet with the base build (gate.pairing: duet), so its requests/s and latency are those of a machine shared with it (gate.pairing: auto or alternate measures a run that records one side after the other)`
    );
  } else if (recording && i.store) {
    saved = await save(i.store, asIndependent(i.record), i.subject, notice);
  }
  const objectives = checkObjectives(config.resolved.workloads, i.record, {
    duet: measuredInDuet(i.record)
  });
  const decided = decideGate({
    comparison: i.comparison,
    compared: i.compared,
    onMissing: config.resolved.baseline.onMissing,
    failOnInconclusive: gate.failOnInconclusive,
    failOnRegression: invocationOf(config).failOnRegression,
    breakage,
    objectives
  });
  return { breakage, objectives, ...decided, ...saved };
}
async function save(store, record, subject, notice) {
  try {
    const { path: path6 } = await store.save(record);
    notice(`recorded ${subject} as the baseline in ${store.description} (${path6})`);
    return { saved: path6, saveError: null };
  } catch (err) {
    if (!(err instanceof BaselineStoreError)) throw err;
    notice(`${subject} could NOT be recorded as the baseline: ${err.message}`);
    return { saved: null, saveError: err };
  }
}

// src/shard/shard-file.ts
import { readdir, readFile } from "node:fs/promises";
import path5 from "node:path";
var SHARD_FILE_VERSION = 1;
var shardFileSchema = external_exports.strictObject({
  kind: external_exports.literal("perfgate-shard"),
  version: external_exports.literal(SHARD_FILE_VERSION),
  shard: external_exports.strictObject({
    index: external_exports.number().int().positive(),
    count: external_exports.number().int().positive()
  }),
  config: external_exports.string().meta({ description: "The config, as the PR comment names it." }),
  configHash: external_exports.string(),
  commit: external_exports.strictObject({ sha: external_exports.string(), ref: external_exports.string().nullable(), dirty: external_exports.boolean() }).nullable(),
  workloads: external_exports.array(external_exports.string()).meta({ description: "The workloads this shard measures." }),
  status: external_exports.enum(["ok", "failed"]),
  error: external_exports.string().nullable().meta({ description: "Why the shard failed (server, load)." }),
  notices: external_exports.array(external_exports.string()),
  record: resultsRecordSchema.nullable().meta({ description: "This build's runs." }),
  base: resultsRecordSchema.nullable().meta({ description: "The base build's runs, measured side by side (compare-to: base)." }),
  createdAt: external_exports.string()
});
async function writeShardFile(dir, shard) {
  const file = path5.join(dir, shardFileName(shard.shard));
  await writeJsonFile(file, shard);
  return file;
}
function describeShard(s, file) {
  return `shard ${formatShard(s.shard)}${file ? ` (${file})` : ""}`;
}
async function collect(p, out) {
  let entries;
  try {
    entries = await readdir(p, { withFileTypes: true });
  } catch (err) {
    const code = err.code;
    if (code === "ENOTDIR") {
      out.push(p);
      return;
    }
    if (code === "ENOENT") throw new InputError(`no such file or folder: ${p}`);
    throw new InputError(`cannot read ${p}: ${err.message}`);
  }
  for (const e of entries) {
    const child = path5.join(p, e.name);
    if (e.isDirectory()) await collect(child, out);
    else if (e.isFile() && SHARD_FILE_PATTERN.test(e.name)) out.push(child);
  }
}
async function readShardFiles(paths) {
  const files = [];
  for (const p of paths) await collect(p, files);
  const found = [];
  for (const file of files.sort()) {
    let raw;
    try {
      raw = JSON.parse(await readFile(file, "utf8"));
    } catch (err) {
      throw new InputError(`${file}: not a readable shard file: ${err.message}`);
    }
    const parsed = shardFileSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` at ${issue.path.join(".")}` : "";
      throw new InputError(
        `${file}: not a perfgate shard file of version ${SHARD_FILE_VERSION}${where}: ${issue?.message ?? "invalid"}`
      );
    }
    found.push({ file, shard: parsed.data });
  }
  return found;
}

// src/shard/merge-shards.ts
var list = (names) => names.map((n) => JSON.stringify(n)).join(", ");
function mergeShards(found, expect) {
  const notices = [];
  const mine = found.filter(
    (f) => expect.configName === void 0 || f.shard.config === expect.configName
  );
  if (mine.length < found.length) {
    notices.push(
      `skipped ${found.length - mine.length} shard file(s) of other configs (${list([...new Set(found.filter((f) => !mine.includes(f)).map((f) => f.shard.config))])})`
    );
  }
  if (mine.length === 0) {
    throw new InputError(
      `no shard files${expect.configName ? ` of ${expect.configName}` : ""} in ${expect.where} (expected perfgate-shard-<i>-of-<n>.json, written by "perfgate run --shard i/n" or the action's shard input)`
    );
  }
  const problems = checkShards(mine, expect);
  if (problems.length) {
    const text = problems.map((p) => `  - ${p}`).join("\n");
    throw new InputError(
      `the shards cannot be merged (nothing was compared or recorded):
${text}`
    );
  }
  const shards = [...mine].sort((a, b) => a.shard.shard.index - b.shard.shard.index);
  const ran = shards.flatMap(
    (s) => s.shard.status === "ok" && s.shard.record ? [{ ...s, record: s.shard.record }] : []
  );
  const failed = shards.filter((s) => !ran.some((r) => r.shard === s.shard)).map((s) => ({
    label: `shard ${formatShard(s.shard.shard)}`,
    workloads: s.shard.workloads,
    error: s.shard.error ?? "no record"
  }));
  notices.push(
    `merged ${shards.length} shards: ${shards.map((s) => `${formatShard(s.shard.shard)} (${list(s.shard.workloads)})`).join("; ")}`
  );
  for (const f of failed) {
    notices.push(
      `\u26D4 ${f.label} failed, so ${list(f.workloads)} ${f.workloads.length === 1 ? "was" : "were"} not measured: ${f.error.split("\n")[0]}`
    );
  }
  notices.push(...machineNotices(ran));
  const withBase = ran.flatMap((s) => s.shard.base ? [{ ...s, base: s.shard.base }] : []);
  if (withBase.length > 0 && withBase.length < ran.length) {
    for (const s of ran.filter((r) => !r.shard.base)) {
      notices.push(
        `${describeShard(s.shard)} could not measure the base build, so ${list(s.shard.workloads)} ${s.shard.workloads.length === 1 ? "is" : "are"} shown without a comparison`
      );
    }
  }
  const order = (w) => expect.workloads.indexOf(w.name);
  const record = joinRecords(
    ran.map((s) => s.record),
    order
  );
  const base = withBase.length ? joinRecords(
    withBase.map((s) => s.base),
    order
  ) : null;
  return { count: shards[0]?.shard.shard.count ?? 0, record, base, failed, notices };
}
function checkShards(shards, expect) {
  const problems = [];
  const counts = [...new Set(shards.map((s) => s.shard.shard.count))];
  if (counts.length > 1) {
    problems.push(
      `the shard files disagree on the number of shards: ${shards.map((s) => `${s.file} is ${formatShard(s.shard.shard)}`).join(", ")}; remove the files of the other run`
    );
    return problems;
  }
  const count = counts[0];
  for (let i = 1; i <= count; i++) {
    const at = shards.filter((s) => s.shard.shard.index === i);
    if (at.length === 0) {
      problems.push(
        `shard ${i}/${count} is missing: no ${shardFileName({ index: i, count })} in ${expect.where} (did its job upload its files?)`
      );
    } else if (at.length > 1) {
      problems.push(
        `shard ${i}/${count} appears ${at.length} times: ${at.map((s) => s.file).join(", ")}`
      );
    }
  }
  for (const s of shards) {
    if (s.shard.configHash !== expect.configHash) {
      problems.push(
        `${describeShard(s.shard, s.file)} was made with config hash ${s.shard.configHash}, but this config hashes to ${expect.configHash}: every shard must run the same config`
      );
    }
  }
  const commits = [...new Set(shards.map((s) => s.shard.commit?.sha ?? "none"))];
  if (commits.length > 1) {
    const by = commits.map(
      (c) => `${c === "none" ? "no git commit" : `commit ${c.slice(0, 12)}`}: ${shards.filter((s) => (s.shard.commit?.sha ?? "none") === c).map((s) => describeShard(s.shard, s.file)).join(", ")}`
    );
    problems.push(`the shards measured different commits (${by.join("; ")})`);
  }
  const bases = [
    ...new Set(shards.flatMap((s) => s.shard.base ? [s.shard.base.commit?.sha ?? "none"] : []))
  ];
  if (bases.length > 1) {
    problems.push(`the shards measured different base commits (${bases.join(", ")})`);
  }
  problems.push(...checkWorkloads(shards, expect.workloads));
  return problems;
}
function checkWorkloads(shards, workloads) {
  const problems = [];
  const owners = /* @__PURE__ */ new Map();
  for (const s of shards) {
    for (const name of s.shard.workloads) {
      owners.set(name, [...owners.get(name) ?? [], describeShard(s.shard)]);
    }
    const rec = s.shard.record;
    if (s.shard.status === "ok" && rec) {
      const measured = rec.workloads.map((w) => w.name);
      const same = measured.length === s.shard.workloads.length && measured.every((n) => s.shard.workloads.includes(n));
      if (!same) {
        problems.push(
          `${describeShard(s.shard, s.file)} was assigned ${list(s.shard.workloads)} but its record holds ${list(measured)}`
        );
      }
    }
  }
  for (const [name, by] of owners) {
    if (!workloads.includes(name)) {
      problems.push(`workload ${JSON.stringify(name)} of ${by.join(", ")} is not in this config`);
    } else if (by.length > 1) {
      problems.push(`workload ${JSON.stringify(name)} was measured by ${by.join(" and ")}`);
    }
  }
  for (const name of workloads) {
    if (!owners.has(name))
      problems.push(`workload ${JSON.stringify(name)} was measured by no shard`);
  }
  return problems;
}
function machineNotices(ran) {
  const byPrint = /* @__PURE__ */ new Map();
  for (const s of ran) {
    const fp = s.record.machine.fingerprint;
    const group = byPrint.get(fp);
    if (group) group.push(s);
    else byPrint.set(fp, [s]);
  }
  if (byPrint.size <= 1) return [];
  const parts = [...byPrint.values()].map((group) => {
    const m = group[0].record.machine;
    const who = group.map((s) => formatShard(s.shard.shard)).join(", ");
    return `${who} on ${describeMachine(m)} (fingerprint ${m.fingerprint})`;
  });
  return [
    `the shards ran on ${byPrint.size} different machines: ${parts.join("; ")}. Each workload is compared on the numbers of its own shard; the recorded baseline names the machine of the first shard.`
  ];
}
function joinRecords(records, order) {
  const first = records[0];
  if (!first) return null;
  const workloads = records.flatMap((r) => r.workloads).sort((a, b) => order(a) - order(b));
  const configured = records.flatMap((r) => Array.isArray(r.config.workloads) ? r.config.workloads : []).filter((w) => typeof w === "object" && w !== null && "name" in w).sort((a, b) => order(a) - order(b));
  const { shard: _shard, ...config } = first.config;
  const createdAt = records.map((r) => r.createdAt).sort()[0];
  const { checksum: _checksum, ...rest } = first;
  return { ...rest, createdAt, config: { ...config, workloads: configured }, workloads };
}

// src/shard/merge-gate.ts
async function runMerge(input) {
  const { config, place } = input;
  const gate = config.resolved.gate;
  const notices = [];
  const notice = (m) => {
    notices.push(m);
    input.onNotice?.(m);
  };
  const decision = decideBaselineMode({
    mode: config.resolved.baseline.mode,
    event: place.event,
    ref: place.ref,
    defaultBranch: place.defaultBranch
  });
  if (!decision.ok) throw new InputError(decision.error);
  const merged = mergeShards(await readShardFiles(input.paths), {
    configHash: config.hash,
    workloads: config.resolved.workloads.map((w) => w.name),
    configName: input.configName,
    where: input.paths.join(", ")
  });
  merged.notices.forEach(notice);
  const record = merged.record;
  if (!record) {
    throw new ServerError(
      `every shard failed, nothing was measured:
${merged.failed.map((f) => `  - ${f.label}: ${f.error}`).join("\n")}`,
      ""
    );
  }
  const compare = decision.compare && invocationOf(config).compare;
  let comparison = null;
  let baseline = null;
  if (compare && merged.base) {
    const test = testForDesign(gate.test, true);
    comparison = compareRecords(merged.base, record, {
      alpha: gate.alpha,
      design: "paired",
      test,
      required: gate.required,
      maxErrorRate: gate.maxErrorRate
    });
    notice("compare-to: base: every shard measured its base side by side; one paired comparison");
  } else if (compare) {
    baseline = await storedBaseline(input, record, notice);
    const test = testForDesign(gate.test, false);
    comparison = baseline && baseline.records.length > 0 ? compareRecords(baseline.records, asIndependent(record), {
      alpha: gate.alpha,
      test,
      required: gate.required,
      history: baseline.history,
      runnerNoise: config.resolved.baseline.runnerNoise,
      maxErrorRate: gate.maxErrorRate
    }) : null;
  }
  if (comparison && merged.failed.length) markIncomplete(comparison, merged);
  const failedShards = merged.failed.map((f) => f.label);
  const decided = await settle({
    config,
    record,
    comparison,
    compared: compare,
    baseline,
    store: input.store,
    recording: decision.record,
    incomplete: failedShards.length ? `${failedShards.join(", ")} failed, and a baseline must hold every workload` : null,
    subject: "the merged record",
    notice
  });
  const shardReason = failedShards.length ? `${failedShards.join(", ")} failed: ${merged.failed.map((f) => `${f.label}: ${(f.error.split("\n")[0] ?? "").slice(0, 200)}`).join("; ")}` : null;
  return {
    record,
    comparison,
    storedComparison: null,
    baseRecord: merged.base,
    baseline: baseline && baseline.records.length ? baseline : null,
    ...decided,
    fail: decided.fail || shardReason !== null,
    failReason: [shardReason, decided.fail ? decided.failReason : null].filter((x) => x !== null).join("; ") || null,
    notices,
    failedShards
  };
}
function markIncomplete(c, merged) {
  const missing = merged.failed.flatMap((f) => f.workloads);
  const labels = merged.failed.map((f) => f.label).join(", ");
  if (c.verdict === "pass") c.verdict = "inconclusive";
  c.headline = `incomplete: ${labels} failed (${missing.length} workload${missing.length === 1 ? "" : "s"} not measured); ${c.headline}`;
}
async function storedBaseline(input, record, notice) {
  if (!input.store) return null;
  const choice = await loadStoredBaseline(input.store, input.config, {
    mergeBaseSha: input.place.baseSha,
    fingerprint: record.machine.fingerprint
  });
  choice.warnings.forEach(notice);
  return choice;
}

export {
  describeExit,
  exitHint,
  serverFailure,
  loadStoredBaseline,
  readCommit,
  executeRun,
  tooFewRuns,
  mayMeasureSideBySide,
  checkSideBySideConfig,
  gitBaseBuilds,
  measureSideBySide,
  asIndependent,
  decideBaselineMode,
  MACHINE_BOUND_METRICS,
  settle,
  SHARD_FILE_VERSION,
  writeShardFile,
  runMerge
};
