import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  COOKIE_VAR,
  TrackedTree,
  findOrphans,
  holdSignalHandlers,
  isAlive,
  newCookie,
  procAvailable,
  readProcStat,
  registerServer,
  releaseWatchdogIfIdle,
  stopMarked,
  sumTree,
  unregisterServer,
  watchdogTag
} from "./chunk-ATV5KR2B.js";
import {
  describeError
} from "./chunk-I7N6E4U2.js";
import {
  nativeEngineFits
} from "./chunk-VJQVCDOV.js";
import {
  createIterationSource
} from "./chunk-FJK4FC5C.js";
import {
  applyCaptures,
  isExpectedBody,
  isExpectedStatus,
  renderParts,
  requestParts,
  unresolvedNames
} from "./chunk-MIODLOIC.js";
import {
  LoadError
} from "./chunk-I2DQ53TU.js";
import {
  MACHINE_BOUND_METRICS,
  SHARD_FILE_VERSION,
  asIndependent,
  checkSideBySideConfig,
  decideBaselineMode,
  describeExit,
  executeRun,
  exitHint,
  gitBaseBuilds,
  loadStoredBaseline,
  measureSideBySide,
  readCommit,
  serverFailure,
  settle,
  tooFewRuns,
  writeShardFile
} from "./chunk-KYRY7MJL.js";
import {
  fillServerEnv,
  invocationOf,
  readEnvValues,
  serverEnvNames,
  workloadEnvNames
} from "./chunk-GHS35YF3.js";
import {
  ServerError
} from "./chunk-ODZ6REOH.js";
import {
  compareRecords,
  createSamplingJudge,
  effectivePairing,
  formatShard,
  testForDesign,
  trendOf
} from "./chunk-6TR6MCCT.js";
import {
  BaseBuildError,
  InputError
} from "./chunk-M4UYDDKJ.js";
import {
  ITERATION_NAMES,
  fillPlaceholders
} from "./chunk-5MSJA75B.js";

// src/load/fd-limit.ts
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
var FD_OVERHEAD = 64;
var parseLimit = (text) => text === void 0 || /^unlimited$/i.test(text.trim()) ? Infinity : Number(text.trim());
function readFdLimits() {
  try {
    const m = /^Max open files\s+(\S+)\s+(\S+)/m.exec(readFileSync("/proc/self/limits", "utf8"));
    if (m) return { soft: parseLimit(m[1]), hard: parseLimit(m[2]) };
  } catch {
  }
  const r = spawnSync("sh", ["-c", "ulimit -Sn; ulimit -Hn"], { encoding: "utf8" });
  const [soft, hard] = (r.stdout ?? "").trim().split(/\s+/);
  if (r.status !== 0 || soft === void 0 || hard === void 0) return null;
  const limits = { soft: parseLimit(soft), hard: parseLimit(hard) };
  return Number.isNaN(limits.soft) || Number.isNaN(limits.hard) ? null : limits;
}
function fdLimitFor(connections, limits) {
  const needed = connections + FD_OVERHEAD;
  if (limits === null || needed <= limits.soft) return null;
  if (needed > limits.hard) {
    throw new LoadError(
      `${connections} connections need about ${needed} open files, but this process may open at most ${limits.hard} (ulimit -n, hard limit): raise it with \`ulimit -n ${needed}\` (or more) before starting perfgate, or use fewer connections`
    );
  }
  return Number.isFinite(limits.hard) ? limits.hard : Math.max(needed, 1048576);
}

// src/load/setup-requests.ts
function describe(step, i) {
  return `setup[${i}] (${step.method ?? "GET"} ${step.path})`;
}
function headersRecord(headers) {
  const out = {};
  headers.forEach((v, k) => {
    out[k] = v;
  });
  return out;
}
async function send(step, i, values, o) {
  const filled = renderParts(requestParts(step), values);
  if (filled === null) {
    throw new LoadError(
      `${describe(step, i)}: uses a {{value}} that no earlier setup step captured`
    );
  }
  const timeout = AbortSignal.timeout(o.timeoutMs);
  const signal = o.signal ? AbortSignal.any([o.signal, timeout]) : timeout;
  try {
    const res = await fetch(o.baseUrl.replace(/\/+$/, "") + filled.path, {
      method: filled.method,
      headers: filled.headers,
      body: filled.body,
      signal
    });
    return { status: res.status, body: await res.text(), headers: headersRecord(res.headers) };
  } catch (err) {
    if (o.signal?.aborted) throw new LoadError(`${describe(step, i)}: aborted`);
    const why = timeout.aborted ? `no response within ${o.timeoutMs} ms` : err instanceof Error ? err.cause?.message ?? err.message : String(err);
    throw new LoadError(`${describe(step, i)}: request failed: ${why}`);
  }
}
async function runSetupRequests(steps, o) {
  const values = { ...o.vars ?? {} };
  const iteration = createIterationSource(steps, o.data);
  for (const [i, step] of steps.entries()) {
    iteration?.begin(values);
    const res = await send(step, i, values, o);
    const excerpt = JSON.stringify(res.body.slice(0, 200));
    if (!isExpectedStatus(step, res.status)) {
      const want = step.expect?.status ?? "2xx";
      throw new LoadError(
        `${describe(step, i)}: expected status ${String(want)}, got ${res.status}; body: ${excerpt}`
      );
    }
    if (!isExpectedBody(step, res.body)) {
      throw new LoadError(
        `${describe(step, i)}: expected the body to contain ${JSON.stringify(step.expect?.body)}; body: ${excerpt}`
      );
    }
    if (!applyCaptures(step, res.status, res.body, res.headers, values)) {
      const missing = Object.entries(step.capture ?? {}).filter(([name]) => values[name] === void 0).map(([name, source]) => `${name} (${source})`);
      throw new LoadError(
        `${describe(step, i)}: the response lacks ${missing.join(", ")}; status ${res.status}, body: ${excerpt}`
      );
    }
  }
  return values;
}

// src/load/worker-pool.ts
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
function workerArgs() {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith(".ts")) {
    const built = process.env.PERFGATE_LOADGEN;
    if (built) return { args: [built], cwd: void 0 };
    const root = path.resolve(path.dirname(here), "..", "..");
    return { args: ["--import", "tsx", path.join(path.dirname(here), "worker.ts")], cwd: root };
  }
  return { args: [path.join(path.dirname(here), "loadgen.js")], cwd: void 0 };
}
function commandLine(cpus, fdLimit, args) {
  let argv = [process.execPath, ...args];
  if (cpus) argv = ["taskset", "-c", cpus, ...argv];
  if (fdLimit !== null) argv = ["sh", "-c", `ulimit -n ${fdLimit} && exec "$0" "$@"`, ...argv];
  return [argv[0], argv.slice(1)];
}
var LoadWorker = class {
  constructor(cpus, fdLimit, override) {
    this.cpus = cpus;
    this.fdLimit = fdLimit;
    const { args, cwd } = override ? { args: override, cwd: void 0 } : workerArgs();
    const [file, argv] = commandLine(cpus, fdLimit, args);
    this.child = spawn(file, argv, {
      cwd,
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      serialization: "json"
    });
    const keep = (chunk) => {
      this.text = (this.text + chunk.toString("utf8")).slice(-4e3);
    };
    this.child.stdout?.on("data", keep);
    this.child.stderr?.on("data", keep);
    this.closed = new Promise((resolve) => {
      this.child.once("close", () => {
        this.exited = true;
        resolve();
      });
      this.child.once("error", () => {
        this.exited = true;
        resolve();
      });
    });
    this.idle();
  }
  cpus;
  fdLimit;
  child;
  text = "";
  exited = false;
  busy = false;
  /** Settles when the process has exited. */
  closed;
  get alive() {
    return !this.exited && this.child.exitCode === null && this.child.signalCode === null;
  }
  /** Idle workers do not keep this process alive. */
  idle() {
    this.busy = false;
    this.child.unref();
    this.child.channel?.unref?.();
    for (const stream of [this.child.stdout, this.child.stderr]) {
      stream?.unref?.();
    }
  }
  active() {
    this.busy = true;
    this.child.ref();
    this.child.channel?.ref?.();
  }
  /** Kills the process; until it has exited it keeps this process alive, so `closed` settles. */
  kill() {
    if (!this.alive) return;
    this.child.ref();
    for (const stream of [this.child.stdout, this.child.stderr]) {
      stream?.ref?.();
    }
    this.child.kill("SIGKILL");
  }
  /** Runs one job; kills the process on abort, on silence, and when this process exits. */
  run(job, options) {
    const silenceMs = job.workload.timeoutMs + 15e3;
    const child = this.child;
    this.active();
    return new Promise((resolve, reject) => {
      let settled = false;
      let watchdog;
      const killOnExit = () => this.kill();
      const onAbort = () => finish2(new LoadError("load run aborted"));
      const armWatchdog = () => {
        clearTimeout(watchdog);
        watchdog = setTimeout(
          () => finish2(new LoadError(`the load generator sent nothing for ${silenceMs} ms`)),
          silenceMs
        );
      };
      const onError = (err) => {
        const what = this.cpus && err.code === "ENOENT" ? "taskset (util-linux)" : "node";
        finish2(new LoadError(`cannot start the load generator with ${what}: ${err.message}`));
      };
      const onMessage = (m) => {
        armWatchdog();
        if (m.type === "progress") options.onProgress?.(m.progress);
        else if (m.type === "result") finish2(m.result);
        else if (m.type === "error") finish2(new LoadError(`load generator failed: ${m.message}`));
      };
      const onClose = (code, signal) => {
        const how = signal ? `signal ${signal}` : `code ${code}`;
        const out = this.text.trim();
        finish2(new LoadError(`the load generator exited with ${how}${out ? `:
${out}` : ""}`));
      };
      const finish2 = (outcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(watchdog);
        process.removeListener("exit", killOnExit);
        options.signal?.removeEventListener("abort", onAbort);
        child.off("error", onError).off("message", onMessage).off("close", onClose);
        if (outcome instanceof Error) {
          this.kill();
          reject(outcome);
        } else {
          this.idle();
          resolve(outcome);
        }
      };
      if (options.signal?.aborted) return finish2(new LoadError("load run aborted"));
      if (!this.alive) return onClose(child.exitCode, child.signalCode);
      process.once("exit", killOnExit);
      options.signal?.addEventListener("abort", onAbort, { once: true });
      armWatchdog();
      child.on("error", onError).on("message", onMessage).on("close", onClose);
      const message = { type: "job", job };
      child.send(message, () => {
      });
    });
  }
};
var WorkerPool = class {
  /**
   * @param override Node arguments that start the worker instead of the default entry
   * @param reuse keep a process between runs (false: one process per run)
   */
  constructor(override, reuse) {
    this.override = override;
    this.reuse = reuse;
  }
  override;
  reuse;
  workers = [];
  killAll = () => void this.close();
  /**
   * Starts `count` workers ahead of the first run (while the servers start), so that run does
   * not wait for Node and the bundle to load (two for runs made at the same time, so that they
   * start together). Only as many as are missing among the idle ones that fit.
   */
  prepare(cpus, fdLimit, count = 1) {
    this.prune();
    if (!this.reuse) return;
    const idle = this.workers.filter((w) => this.fits(w, cpus, fdLimit)).length;
    for (let i = idle; i < count; i++) {
      this.workers.push(new LoadWorker(cpus, fdLimit.raiseTo, this.override));
      if (this.workers.length === 1) process.once("exit", this.killAll);
    }
  }
  fits(w, cpus, fdLimit) {
    return !w.busy && w.cpus === cpus && (w.fdLimit ?? 0) >= (fdLimit.raiseTo ? fdLimit.needed : 0);
  }
  /** Runs `job` on an idle worker that fits, or on a new one. */
  async run(job, options, fdLimit) {
    this.prune();
    let worker = this.reuse ? this.workers.find((w) => this.fits(w, options.cpus, fdLimit)) : void 0;
    if (!worker) {
      worker = new LoadWorker(options.cpus, fdLimit.raiseTo, this.override);
      this.workers.push(worker);
      if (this.workers.length === 1) process.once("exit", this.killAll);
    }
    try {
      return await worker.run(job, options);
    } finally {
      if (!this.reuse) {
        worker.kill();
        await worker.closed;
      }
      this.prune();
    }
  }
  /** Ends every worker; resolves once they have exited. */
  async close() {
    const workers = this.workers.splice(0);
    process.removeListener("exit", this.killAll);
    for (const w of workers) w.kill();
    await Promise.all(workers.map((w) => w.closed));
  }
  prune() {
    for (let i = this.workers.length - 1; i >= 0; i--) {
      if (!this.workers[i].alive) this.workers.splice(i, 1);
    }
    if (this.workers.length === 0) process.removeListener("exit", this.killAll);
  }
};

// src/load/load-runner.ts
function connectionsOf(w) {
  return w.requests ? Math.min(w.connections, w.requests) : w.connections;
}
function envVars(w) {
  const { values, missing } = readEnvValues(workloadEnvNames(w), process.env);
  if (missing.length > 0) {
    throw new LoadError(
      `workload "${w.name}": environment variable ${missing.join(", ")} is not set (used as {{env.${missing[0]}}})`
    );
  }
  return values;
}
function iterationVars(w, data) {
  const names = [...ITERATION_NAMES];
  const columns = Object.keys(data?.[0] ?? {}).map((c) => `data.${c}`);
  return Object.fromEntries([...names, ...columns].map((n) => [n, ""]));
}
function checkWorkload(w, vars, baseUrl) {
  const problems = unresolvedNames(w.steps, vars);
  const native = w.client !== "autocannon" && nativeEngineFits({ workload: w, baseUrl, vars: {} });
  if (!native && w.stages?.kind === "connections") {
    problems.push(
      "stages of connections run on the built-in client, which takes http:// URLs without pipelining and client: auto"
    );
  }
  if (!native && (w.thinkMs ?? 0) > 0) {
    problems.push(
      "think time runs on the built-in client (closed model, http://, no pipelining, client: auto)"
    );
  }
  const captures = w.steps.some((s) => Object.keys(s.capture ?? {}).length > 0);
  if (w.pipelining > 1 && captures) {
    problems.push(
      `pipelining ${w.pipelining} cannot be combined with captured values: a pipelined request is sent before the response it would take a value from`
    );
  }
  return problems;
}
function createLoadRunner(runnerOptions = {}) {
  const pool = new WorkerPool(runnerOptions.workerArgs, runnerOptions.reuseWorkers ?? true);
  let limits;
  const fdNeeds = (connections) => {
    limits ??= readFdLimits();
    return { needed: connections + FD_OVERHEAD, raiseTo: fdLimitFor(connections, limits) };
  };
  return {
    async run(workload, options) {
      const vars = { ...envVars(workload), ...options.vars };
      const known = { ...iterationVars(workload, options.data), ...vars };
      const problems = checkWorkload(workload, known, options.baseUrl);
      if (problems.length > 0) {
        throw new LoadError(`workload "${workload.name}": ${problems.join("; ")}`);
      }
      const job = {
        workload,
        baseUrl: options.baseUrl,
        vars,
        data: options.data,
        ...runnerOptions.cClient === false ? { cClient: false } : {}
      };
      return pool.run(job, options, fdNeeds(connectionsOf(workload)));
    },
    async setup(workload, options) {
      return runSetupRequests(workload.setup, {
        baseUrl: options.baseUrl,
        vars: { ...envVars(workload), ...options.vars },
        data: options.data,
        timeoutMs: workload.timeoutMs,
        signal: options.signal
      });
    },
    prepare(workloads, cpus, count = 1) {
      const most = Math.max(0, ...workloads.map(connectionsOf));
      try {
        pool.prepare(cpus, fdNeeds(most), count);
      } catch {
      }
    },
    close: () => pool.close()
  };
}

// src/server/start-server.ts
import { spawn as spawn2 } from "node:child_process";
import { once as once2 } from "node:events";
import { accessSync, constants, statSync } from "node:fs";
import path3 from "node:path";

// src/server/wait-until-ready.ts
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
var POLL_MS = 50;
var PROBE_TIMEOUT_MS = 2e3;
function readinessEndpoint(ready) {
  if (ready.kind === "port") return { host: "127.0.0.1", port: ready.port };
  if (ready.kind === "log") return null;
  const u = new URL(ready.url);
  const port = u.port !== "" ? Number(u.port) : u.protocol === "https:" ? 443 : 80;
  return { host: u.hostname.replace(/^\[(.*)\]$/, "$1"), port };
}
function describeReadiness(ready) {
  if (ready.kind === "url") return ready.url;
  if (ready.kind === "port") return `port ${ready.port} on 127.0.0.1`;
  return `${JSON.stringify(ready.text)} in the server output`;
}
function isPortOpen(host, port, timeoutMs = PROBE_TIMEOUT_MS) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (open) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}
function probeUrl(url, timeoutMs = PROBE_TIMEOUT_MS) {
  return new Promise((resolve) => {
    const get = url.startsWith("https:") ? https.get : http.get;
    const req = get(url, { agent: false, timeout: timeoutMs, insecureHTTPParser: true }, (res) => {
      res.resume();
      resolve(res.statusCode ?? null);
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(null));
  });
}
function isReadyStatus(status, want) {
  if (status === null) return false;
  if (want === "any") return true;
  if (want) return want.includes(status);
  return status >= 200 && status < 400;
}
function whenAborted(signal) {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}
async function waitUntilReady(ready, log, signal) {
  const aborted = whenAborted(signal);
  if (ready.kind === "log") {
    await Promise.race([log.waitForText(ready.text), aborted]);
    return;
  }
  const endpoint = readinessEndpoint(ready);
  const probe = async () => ready.kind === "url" ? isReadyStatus(await probeUrl(ready.url), ready.status) : await isPortOpen(endpoint.host, endpoint.port);
  for (; ; ) {
    if (await Promise.race([probe(), aborted])) return;
    await Promise.race([sleep(POLL_MS), aborted]);
  }
}

// src/server/external-server.ts
var RSS_SAMPLE_MS = 100;
var ExternalServer = class {
  constructor(url, pid) {
    this.url = url;
    this.pid = pid;
    const stat = pid > 0 && procAvailable() ? readProcStat(pid) : null;
    this.startTime = stat?.startTime ?? null;
    this.tree = stat ? new TrackedTree(pid, -1) : null;
    this.sampler = this.tree ? setInterval(() => this.sample(), RSS_SAMPLE_MS) : null;
    this.sampler?.unref();
  }
  url;
  pid;
  logFile = "";
  peakRss = 0;
  tree;
  startTime;
  sampler;
  async usage() {
    if (!this.tree) return { measured: false, cpuMs: 0, peakRssBytes: 0 };
    const totals = sumTree(this.tree.refresh());
    this.peakRss = Math.max(this.peakRss, totals.rssBytes);
    return { measured: true, cpuMs: totals.cpuMs, peakRssBytes: this.peakRss };
  }
  resetPeak() {
    this.peakRss = 0;
    this.sample();
  }
  exitInfo() {
    if (this.startTime === null) return null;
    const now = readProcStat(this.pid);
    const gone = now === null || now.startTime !== this.startTime || now.state === "Z";
    return gone ? { code: null, signal: null } : null;
  }
  logTail() {
    return "";
  }
  /** Leaves the server running: perfgate did not start it. */
  async stop() {
    if (this.sampler) clearInterval(this.sampler);
  }
  [Symbol.asyncDispose]() {
    return this.stop();
  }
  sample() {
    try {
      if (this.tree) this.peakRss = Math.max(this.peakRss, sumTree(this.tree.sample()).rssBytes);
    } catch {
    }
  }
};
var NO_LOG = { waitForText: () => new Promise(() => {
}) };
async function attachRunningServer(spec, signal) {
  const wait = new AbortController();
  const timer = setTimeout(() => wait.abort(new Error("timeout")), spec.readyTimeoutMs);
  const onAbort = () => wait.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    await waitUntilReady(spec.ready, NO_LOG, wait.signal);
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ServerError(
      `the running server at ${spec.url} was not ready within ${spec.readyTimeoutMs / 1e3}s (waiting for ${describeReadiness(spec.ready)}); start it before perfgate runs, or set server.command to let perfgate start it`,
      ""
    );
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
  return new ExternalServer(spec.url, spec.pid ?? 0);
}

// src/server/log-capture.ts
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import path2 from "node:path";
import { StringDecoder } from "node:string_decoder";
var KEPT_LINES = 500;
var SEARCH_WINDOW = 64 * 1024;
var LogCapture = class {
  constructor(file) {
    this.file = file;
    mkdirSync(path2.dirname(file), { recursive: true });
    this.fd = openSync(file, "a");
  }
  file;
  fd;
  closed = false;
  openStreams = 0;
  lines = [];
  partial = "";
  recent = "";
  watchers = [];
  /** Captures `stream` until it ends; the file is closed when every attached stream has ended. */
  attach(stream) {
    if (!stream) return;
    this.openStreams++;
    const decoder = new StringDecoder("utf8");
    stream.on("data", (chunk) => this.append(chunk, decoder.write(chunk)));
    stream.on("close", () => {
      if (--this.openStreams === 0) this.close();
    });
  }
  /**
   * Adds a line of perfgate's own to the log file, e.g. why the server was stopped. It is not
   * part of tail(), which holds only what the server printed.
   */
  note(line) {
    if (this.closed) return;
    try {
      writeSync(this.fd, `[perfgate] ${line}
`);
    } catch {
    }
  }
  /** Resolves when `text` appears in the output; at once if the kept lines hold it already. */
  waitForText(text) {
    if (this.tail(KEPT_LINES).includes(text)) return Promise.resolve();
    return new Promise((resolve) => this.watchers.push({ text, resolve }));
  }
  /** The last `count` lines of output, including an unterminated last line. */
  tail(count = 20) {
    const all = this.partial === "" ? this.lines : [...this.lines, this.partial];
    return all.slice(-count).join("\n");
  }
  /** Closes the file now (done on its own once the streams end); later output stays in memory. */
  close() {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
  append(bytes, text) {
    if (!this.closed) {
      try {
        writeSync(this.fd, bytes);
      } catch {
      }
    }
    const parts = (this.partial + text).split("\n");
    this.partial = (parts.pop() ?? "").slice(-SEARCH_WINDOW);
    for (const line of parts) this.lines.push(line.replace(/\r$/, ""));
    if (this.lines.length > KEPT_LINES) this.lines.splice(0, this.lines.length - KEPT_LINES);
    if (this.watchers.length === 0) {
      this.recent = "";
      return;
    }
    this.recent = (this.recent + text).slice(-SEARCH_WINDOW);
    for (let i = this.watchers.length - 1; i >= 0; i--) {
      const w = this.watchers[i];
      if (w && this.recent.includes(w.text)) {
        this.watchers.splice(i, 1);
        w.resolve();
      }
    }
  }
};

// src/server/server-port.ts
import net2 from "node:net";
function pickFreePort(host = "127.0.0.1") {
  return new Promise((resolve, reject) => {
    const probe = net2.createServer();
    probe.once("error", reject);
    probe.listen(0, host, () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}
async function assignPort(spec) {
  if (spec.port === null) return spec;
  const port = spec.port === "auto" ? await pickFreePort() : spec.port;
  const fill = (text) => fillPlaceholders(text, { port: String(port) });
  return {
    ...spec,
    port,
    command: spec.command === null ? null : fill(spec.command),
    env: Object.fromEntries(Object.entries(spec.env).map(([k, v]) => [k, fill(v)])),
    ready: spec.ready.kind === "url" ? { ...spec.ready, url: fill(spec.ready.url) } : spec.ready,
    url: fill(spec.url)
  };
}

// src/server/managed-server.ts
import { once } from "node:events";
import { readFileSync as readFileSync2 } from "node:fs";
import { setTimeout as sleep3 } from "node:timers/promises";

// src/server/stop-tree.ts
import { setTimeout as sleep2 } from "node:timers/promises";
var POLL_MS2 = 50;
var KILL_WAIT_MS = 5e3;
async function stopTree(tree, graceMs, hurry) {
  const live = () => tree.refresh().filter(isAlive);
  let alive = live();
  if (alive.length === 0) return;
  tree.signal("SIGTERM", alive);
  const termDeadline = Date.now() + graceMs;
  while (alive.length > 0 && Date.now() < termDeadline && !hurry?.aborted) {
    await sleep2(POLL_MS2);
    alive = live();
  }
  const killDeadline = Date.now() + KILL_WAIT_MS;
  while (alive.length > 0 && Date.now() < killDeadline) {
    tree.signal("SIGKILL", alive);
    await sleep2(POLL_MS2);
    alive = live();
  }
}
function killTreeSync(tree) {
  tree.signal("SIGKILL", tree.refresh());
}
function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch {
  }
}
async function stopGroup(pgid, exited, graceMs) {
  signalGroup(pgid, "SIGTERM");
  const gone = await Promise.race([exited.then(() => true), sleep2(graceMs, false, { ref: false })]);
  signalGroup(pgid, "SIGKILL");
  if (!gone) await Promise.race([exited, sleep2(KILL_WAIT_MS, void 0, { ref: false })]);
}
function killGroupSync(pgid) {
  signalGroup(pgid, "SIGKILL");
}

// src/server/managed-server.ts
var RSS_SAMPLE_MS2 = 100;
var DRAIN_MS = 1e3;
var SETTLE_READS = 4;
var SETTLE_EVERY_MS = 100;
var SETTLE_MAX_READS = 20;
var ManagedServer = class {
  constructor(child, url, command, log, stopTimeoutMs, marks = { cookie: null, endpoint: null }) {
    this.url = url;
    this.command = command;
    this.log = log;
    this.stopTimeoutMs = stopTimeoutMs;
    this.marks = marks;
    this.pid = child.pid;
    this.measured = procAvailable();
    this.startTime = readProcStat(this.pid)?.startTime ?? 0;
    this.tree = new TrackedTree(this.pid, this.pid, marks.cookie);
    this.tree.refresh();
    this.exited = new Promise((resolve) => {
      child.once("exit", (code, signal) => {
        if (this.stopping !== null) {
          resolve({ code, signal });
          return;
        }
        void this.describeOwnExit({ code, signal }).then((info) => {
          this.ownExit = info;
          log.note(`server exited on its own (${describeExit(info)})`);
          resolve(info);
        });
      });
    });
    this.logClosed = Promise.all(
      [child.stdout, child.stderr].map((s) => s && !s.closed ? once(s, "close") : null)
    );
    this.sampler = setInterval(() => this.samplePeak(), RSS_SAMPLE_MS2);
    this.sampler.unref();
    registerServer(this);
  }
  url;
  command;
  log;
  stopTimeoutMs;
  marks;
  pid;
  startTime;
  /** Resolves when the group leader has exited, for whatever reason. */
  exited;
  ownExit = null;
  stopping = null;
  peakRss = 0;
  sampler;
  logClosed;
  /** Refreshed by every sample, so descendants that leave the group are still known at stop. */
  tree;
  /** Aborted by hurry(): the grace period ends now. */
  hurried = new AbortController();
  /** False without /proc: no CPU or memory readings, and stopping signals the group alone. */
  measured;
  /** Path of the file holding the server's stdout and stderr. */
  get logFile() {
    return this.log.file;
  }
  async usage() {
    if (!this.measured) return { measured: false, cpuMs: 0, peakRssBytes: 0 };
    const totals = sumTree(this.tree.refresh());
    this.peakRss = Math.max(this.peakRss, totals.rssBytes);
    return { measured: true, cpuMs: totals.cpuMs, peakRssBytes: this.peakRss };
  }
  resetPeak() {
    this.peakRss = 0;
    this.samplePeak();
  }
  exitInfo() {
    return this.ownExit;
  }
  logTail(lines = 20) {
    return this.log.tail(lines);
  }
  stop() {
    this.stopping ??= this.stopNow();
    return this.stopping;
  }
  [Symbol.asyncDispose]() {
    return this.stop();
  }
  /** SIGKILL to the whole tree, synchronously: the last resort when the process exits. */
  killNow() {
    if (this.measured) killTreeSync(this.tree);
    else killGroupSync(this.pid);
  }
  /** Ends the grace period of a stop now (a second Ctrl-C): SIGKILL, and still wait. */
  hurry() {
    this.hurried.abort();
  }
  /** Adds what the leader left running when it exited: a daemon that forked away. */
  async describeOwnExit(info) {
    if (this.leftBehind().length === 0) return info;
    const e = this.marks.endpoint;
    let port = null;
    for (let i = 0; e && port === null && i < 30; i++) {
      if (await isPortOpen(e.host, e.port, 200)) port = e.port;
      else await sleep3(100);
    }
    let left = this.leftBehind();
    for (let stable = 1, i = 0; stable < SETTLE_READS && i < SETTLE_MAX_READS; i++) {
      await sleep3(SETTLE_EVERY_MS);
      const next = this.leftBehind();
      stable = samePids(next, left) ? stable + 1 : 1;
      left = next;
    }
    if (left.length === 0) return info;
    return { ...info, leftRunning: { processes: left, port } };
  }
  /** The processes of the tree still running, the command's own process left out. */
  leftBehind() {
    return this.tree.refresh().filter((p) => isAlive(p) && p.pid !== this.pid).map((p) => ({ pid: p.pid, command: commandLine2(p.pid) }));
  }
  async stopNow() {
    clearInterval(this.sampler);
    try {
      if (this.ownExit === null)
        this.log.note(`stopping the server (SIGTERM, SIGKILL after ${this.stopTimeoutMs} ms)`);
      if (this.measured) await stopTree(this.tree, this.stopTimeoutMs, this.hurried.signal);
      else await stopGroup(this.pid, this.exited, this.stopTimeoutMs);
      await Promise.race([
        Promise.all([this.exited, this.logClosed]),
        sleep3(DRAIN_MS, void 0, { ref: false })
      ]);
    } finally {
      unregisterServer(this);
    }
  }
  samplePeak() {
    if (!this.measured) return;
    try {
      this.peakRss = Math.max(this.peakRss, sumTree(this.tree.sample()).rssBytes);
    } catch {
    }
  }
};
function samePids(a, b) {
  const pids = new Set(a.map((p) => p.pid));
  return a.length === b.length && b.every((p) => pids.has(p.pid));
}
function commandLine2(pid) {
  try {
    const text = readFileSync2(`/proc/${pid}/cmdline`, "latin1").split("\0").join(" ").trim();
    return text.length > 100 ? `${text.slice(0, 99)}\u2026` : text;
  } catch {
    return "?";
  }
}

// src/server/priority.ts
import { writeFileSync } from "node:fs";
import os from "node:os";
function keepNiceness(pid) {
  let nice;
  try {
    nice = os.getPriority();
  } catch {
    return;
  }
  if (nice <= 0) return;
  try {
    writeFileSync(`/proc/${pid}/autogroup`, String(nice));
  } catch {
  }
}

// src/server/start-server.ts
var STOP_ORPHANS_VAR = "PERFGATE_STOP_ORPHANS";
var ReadyTimeout = class extends Error {
};
var EarlyExit = class extends Error {
  constructor(info) {
    super("exited");
    this.info = info;
  }
  info;
};
async function startServer(config, options) {
  const outer = options.signal;
  outer?.throwIfAborted();
  const withEnv = fillServerEnv(config, readEnvValues(serverEnvNames(config), process.env).values);
  if (withEnv.command === null) return attachRunningServer(withEnv, outer);
  const spec = await assignPort(withEnv);
  const command = spec.command;
  checkCwd(spec.cwd);
  const orphans = process.env[STOP_ORPHANS_VAR] === "0" ? 0 : await stopMarked(() => findOrphans(), spec.stopTimeoutMs);
  await checkPortFree(spec);
  outer?.throwIfAborted();
  const [file, args] = spec.cpus ? [findTaskset(), ["-c", spec.cpus, "sh", "-c", command]] : ["sh", ["-c", command]];
  const log = new LogCapture(options.logFile);
  if (orphans > 0) log.note(`stopped ${orphans} process(es) left running by an earlier perfgate`);
  const cookie = newCookie(watchdogTag());
  const release = holdSignalHandlers();
  const child = spawn2(file, args, {
    cwd: spec.cwd,
    env: { ...process.env, ...spec.env, [COOKIE_VAR]: cookie },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"]
  });
  if (child.pid === void 0) {
    release();
    const [err] = await once2(child, "error");
    log.close();
    releaseWatchdogIfIdle();
    throw new ServerError(`could not start the server (${command}): ${err.message}`, "");
  }
  keepNiceness(child.pid);
  log.attach(child.stdout);
  log.attach(child.stderr);
  const server = new ManagedServer(child, spec.url, command, log, spec.stopTimeoutMs, {
    cookie,
    endpoint: serverEndpoint(spec)
  });
  release();
  const wait = new AbortController();
  const onOuterAbort = () => wait.abort(outer?.reason);
  outer?.addEventListener("abort", onOuterAbort, { once: true });
  const timer = setTimeout(() => wait.abort(new ReadyTimeout()), spec.readyTimeoutMs);
  void server.exited.then((info) => wait.abort(new EarlyExit(info)));
  try {
    await waitUntilReady(spec.ready, log, wait.signal);
    if (child.exitCode !== null || child.signalCode !== null)
      throw new EarlyExit(await server.exited);
  } catch (err) {
    await server.stop();
    throw explainFailure(err, spec, server);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener("abort", onOuterAbort);
    wait.abort();
  }
  if (outer) {
    const stopOnAbort = () => void server.stop();
    outer.addEventListener("abort", stopOnAbort, { once: true });
    void server.exited.then(() => outer.removeEventListener("abort", stopOnAbort));
  }
  return server;
}
function explainFailure(reason, spec, server) {
  const target = describeReadiness(spec.ready);
  const withTail = (message) => serverFailure(message, server);
  if (reason instanceof ReadyTimeout) {
    return withTail(
      `server did not become ready within ${formatDuration(spec.readyTimeoutMs)} (waiting for ${target})`
    );
  }
  if (reason instanceof EarlyExit) {
    const hint = exitHint(reason.info);
    if (reason.info.leftRunning) {
      return withTail(`the server command exited (${describeExit(reason.info)})${hint}`);
    }
    return withTail(
      `server exited (${describeExit(reason.info)}) before it became ready (waiting for ${target})${hint}`
    );
  }
  if (reason instanceof Error) return reason;
  return new DOMException("server start aborted", "AbortError");
}
function checkCwd(cwd) {
  let isDir = false;
  try {
    isDir = statSync(cwd).isDirectory();
  } catch {
  }
  if (!isDir) throw new ServerError(`server.cwd ${cwd} is not a directory`, "");
}
function serverEndpoint(spec) {
  return readinessEndpoint(spec.ready) ?? (spec.url ? readinessEndpoint({ kind: "url", url: spec.url }) : null);
}
async function checkPortFree(spec) {
  const endpoint = serverEndpoint(spec);
  if (endpoint && await isPortOpen(endpoint.host, endpoint.port)) {
    throw new ServerError(
      `port ${endpoint.port} on ${endpoint.host} is already in use by another process; stop it or change the port`,
      ""
    );
  }
}
function findTaskset() {
  for (const dir of (process.env.PATH ?? "").split(path3.delimiter)) {
    const candidate = path3.join(dir || ".", "taskset");
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
    }
  }
  throw new ServerError(
    "server.cpus is set but taskset was not found on PATH; install util-linux or remove server.cpus",
    ""
  );
}
function formatDuration(ms) {
  return ms < 1e3 ? `${ms}ms` : `${Number((ms / 1e3).toFixed(1))}s`;
}

// src/run/session-deps.ts
function createSessionDeps() {
  return { startServer, load: createLoadRunner(), now: Date.now };
}

// src/gate/measure-paths.ts
async function measureAlone(ctx, adaptive = true) {
  const judge = adaptive && ctx.baseline ? createSamplingJudge(ctx.baseline.records, storedOptions(ctx)) : void 0;
  const record = await executeRun(ctx.config, ctx.deps, { ...ctx.execute, judge });
  return {
    record,
    comparison: compareStored(ctx, record),
    storedComparison: null,
    baseRecord: null
  };
}
async function measureWithBase(ctx) {
  const paired = await tryPaired(ctx, "compare-to: base");
  if (!paired) return measureAlone(ctx, false);
  return fromPaired(paired, compareStored(ctx, asIndependent(paired.head)));
}
async function measureAndConfirm(ctx) {
  const alone = await measureAlone(ctx);
  const stored = alone.comparison;
  if (stored?.verdict === "pass") return alone;
  const paired = await tryPaired(
    ctx,
    `confirm: same-runner (the stored baseline ${stored ? `said ${stored.verdict}` : "is missing"})`
  );
  return paired ? fromPaired(paired, stored) : alone;
}
function fromPaired(paired, stored) {
  return {
    record: paired.head,
    comparison: paired.comparison,
    storedComparison: stored,
    baseRecord: paired.base
  };
}
async function tryPaired(ctx, why) {
  if (!ctx.base) {
    ctx.notice(
      `${why}, but there is no base to build: pass --compare-ref REF, or run on a pull request`
    );
    return null;
  }
  try {
    const paired = await measureSideBySide(ctx.config, ctx.base, ctx.deps, ctx.execute, ctx.builds);
    const how = ctx.config.resolved.gate.pairing === "duet" ? "both loaded at once, a duet" : "one run of each in turn";
    ctx.notice(
      `${why}: measured the base ${describeBase(paired.base, ctx.requestedBase ?? ctx.base)} side by side with this build, ${how} (${paired.pinning})`
    );
    return paired;
  } catch (err) {
    if (!(err instanceof BaseBuildError)) throw err;
    ctx.notice(`could not compare with the base on this runner: ${describeError(err)}`);
    return null;
  }
}
function storedOptions(ctx) {
  const { gate, baseline } = ctx.config.resolved;
  return {
    alpha: gate.alpha,
    required: gate.required,
    history: ctx.baseline?.history,
    runnerNoise: baseline.runnerNoise,
    maxErrorRate: gate.maxErrorRate,
    // A stored baseline shares no pairs with this run.
    test: testForDesign(gate.test, false)
  };
}
function compareStored(ctx, record) {
  return ctx.baseline ? compareRecords(ctx.baseline.records, record, storedOptions(ctx)) : null;
}
function describeBase(base, spec) {
  const sha = base.commit?.sha.slice(0, 12) ?? "";
  return "ref" in spec ? `${sha} (merge-base with ${spec.ref})` : sha;
}

// src/gate/plan.ts
function planGate(i) {
  const { gate, baseline } = i.config.resolved;
  const invocation = invocationOf(i.config);
  const decision = decideBaselineMode({
    mode: i.explicitBaseline ? "compare" : baseline.mode,
    event: i.place.event,
    ref: i.place.ref,
    defaultBranch: i.place.defaultBranch
  });
  if (!decision.ok) throw new InputError(decision.error);
  const compare = decision.compare && invocation.compare;
  const path4 = !compare ? "alone" : gate.compareTo === "base" ? "side-by-side" : gate.confirm === "same-runner" ? "confirm" : "alone";
  const base = invocation.baseRef ? { ref: invocation.baseRef } : i.place.baseSha ? { sha: i.place.baseSha } : null;
  const destinedForBaseline = decision.record && !i.explicitBaseline && i.hasStore;
  return {
    record: destinedForBaseline && !i.noRecord,
    compare,
    path: path4,
    base,
    pairing: effectivePairing(gate.pairing, {
      recordsBaseline: destinedForBaseline,
      absoluteObjectives: hasAbsoluteObjectives(
        i.config.allWorkloads ?? i.config.resolved.workloads
      )
    })
  };
}
function hasAbsoluteObjectives(workloads) {
  return workloads.some((w) => MACHINE_BOUND_METRICS.some((m) => w.objectives?.[m] !== void 0));
}
function withPairing(config, pairing) {
  const { resolved } = config;
  if (resolved.gate.pairing === pairing && pairing !== "duet") return config;
  const gate = { ...resolved.gate, pairing };
  if (pairing !== "duet") return { ...config, resolved: { ...resolved, gate } };
  return {
    ...config,
    resolved: { ...resolved, gate, workloads: resolved.workloads.map(latencyOff) },
    ...config.allWorkloads ? { allWorkloads: config.allWorkloads.map(latencyOff) } : {}
  };
}
function latencyOff(w) {
  return { ...w, thresholds: { ...w.thresholds, p50: null, p90: null, p99: null } };
}

// src/gate/run-gate.ts
var PATHS = {
  alone: measureAlone,
  "side-by-side": measureWithBase,
  confirm: measureAndConfirm
};
async function runGate(input, deps) {
  const notices = [];
  const notice = (m) => {
    notices.push(m);
    input.onNotice?.(m);
  };
  const plan = planGate({
    config: input.config,
    place: input.place,
    explicitBaseline: input.baselineRecords !== void 0,
    hasStore: input.store !== null,
    noRecord: input.noRecord
  });
  const config = withPairing(input.config, plan.pairing);
  const builds = deps.builds ?? gitBaseBuilds;
  const sideBySide = plan.path !== "alone";
  if (sideBySide) checkSideBySideConfig(config);
  const base = sideBySide && plan.base ? await builds.resolve(config, plan.base) : plan.base;
  tooFewRuns(config, sideBySide).forEach(notice);
  const baseline = plan.compare ? await chooseBaseline(input, notice) : null;
  const usable = baseline && baseline.records.length > 0 ? baseline : null;
  const ctx = {
    config,
    deps,
    builds,
    execute: input.execute ?? {},
    baseline: usable,
    base,
    requestedBase: plan.base,
    notice
  };
  const measured = await PATHS[plan.path](ctx);
  return { ...await finish({ ...input, config }, plan, measured, baseline, notice), notices };
}
async function finish(input, plan, m, baseline, notice) {
  const settled = await settle({
    config: input.config,
    record: m.record,
    comparison: m.comparison,
    compared: plan.compare,
    baseline,
    store: input.store,
    recording: plan.record,
    local: input.place.event === "local",
    subject: "this run",
    notice
  });
  return {
    ...m,
    baseline: baseline && baseline.records.length > 0 ? baseline : null,
    ...settled
  };
}
async function chooseBaseline(input, notice) {
  if (input.baselineRecords) return { ...input.baselineRecords, warnings: [] };
  if (!input.store) return null;
  const choice = await loadStoredBaseline(input.store, input.config, {
    mergeBaseSha: input.place.baseSha
  });
  choice.warnings.forEach(notice);
  return choice;
}

// src/shard/assign.ts
import { createHash } from "node:crypto";
var CAP_SLACK = 0.1;
function expectedLoadMs(w) {
  const perRun = w.requests !== null && w.rate !== null ? w.requests / w.rate * 1e3 : w.durationMs;
  const kept = w.runs === "auto" ? Math.min(w.maxRuns * perRun, w.budgetMs) : w.runs * perRun;
  return Math.max(1, w.warmup * perRun + kept);
}
function score(name, shard) {
  const digest = createHash("sha256").update(`${name}\0${shard}`).digest();
  return digest.readBigUInt64BE(0);
}
function nameHash(name) {
  return createHash("sha256").update(name).digest().readBigUInt64BE(0);
}
function assignShards(workloads, count) {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`shard count ${count}`);
  const total = workloads.reduce((s, w) => s + w.expectedMs, 0);
  const cap = total / count * (1 + CAP_SLACK);
  const order = workloads.map((w, i) => ({ i, w, h: nameHash(w.name) })).sort(
    (a, b) => b.w.expectedMs - a.w.expectedMs || (a.h < b.h ? -1 : a.h > b.h ? 1 : 0) || (a.w.name < b.w.name ? -1 : 1)
  );
  const load = new Array(count).fill(0);
  const members = Array.from({ length: count }, () => []);
  const result = new Array(workloads.length).fill(0);
  for (const { i, w } of order) {
    const prefs = Array.from({ length: count }, (_, s) => ({ s, score: score(w.name, s + 1) })).sort((a, b) => a.score > b.score ? -1 : a.score < b.score ? 1 : a.s - b.s).map((p) => p.s);
    let chosen = prefs.find((s) => load[s] + w.expectedMs <= cap * (1 + 1e-12));
    if (chosen === void 0) {
      chosen = prefs.reduce((best, s) => load[s] < load[best] ? s : best);
    }
    load[chosen] = load[chosen] + w.expectedMs;
    members[chosen].push(i);
    result[i] = chosen + 1;
  }
  fillEmptyShards(workloads, members, load, result);
  return result;
}
function fillEmptyShards(workloads, members, load, result) {
  for (let empty = 0; empty < members.length; empty++) {
    if (members[empty].length > 0) continue;
    let donor = -1;
    for (let s = 0; s < members.length; s++) {
      if (members[s].length < 2) continue;
      if (donor < 0 || load[s] > load[donor]) donor = s;
    }
    if (donor < 0) return;
    const from = members[donor];
    const lightest = from.reduce((a, b) => {
      const wa = workloads[a].expectedMs;
      const wb = workloads[b].expectedMs;
      return wb < wa || wb === wa && b > a ? b : a;
    });
    from.splice(from.indexOf(lightest), 1);
    members[empty].push(lightest);
    const ms = workloads[lightest].expectedMs;
    load[donor] = load[donor] - ms;
    load[empty] = ms;
    result[lightest] = empty + 1;
  }
}
function workloadsOfShard(workloads, shard) {
  const assigned = assignShards(
    workloads.map((w) => ({ name: w.name, expectedMs: expectedLoadMs(w) })),
    shard.count
  );
  return workloads.filter((_, i) => assigned[i] === shard.index).map((w) => w.name);
}

// src/shard/run-shard.ts
function shardConfig(config, shard) {
  const all = config.resolved.workloads;
  const label = `shard ${formatShard(shard)}`;
  if (shard.count > all.length) {
    throw new InputError(
      `${label}: the config has ${all.length} workload${all.length === 1 ? "" : "s"}, so it can be split into at most ${all.length} shard${all.length === 1 ? "" : "s"}`
    );
  }
  const gate = config.resolved.gate;
  if (gate.confirm === "same-runner" && gate.compareTo !== "base") {
    throw new InputError(
      `${label}: gate.confirm: same-runner decides per comparison whether to measure the base, which a shard cannot do for the whole family; use gate.compare-to: base (every shard measures its base) or confirm: none`
    );
  }
  const names = new Set(workloadsOfShard(all, shard));
  return {
    ...config,
    resolved: { ...config.resolved, shard, workloads: all.filter((w) => names.has(w.name)) },
    allWorkloads: all
  };
}
async function runShard(input, run, deps) {
  const config = shardConfig(input.config, run.shard);
  const names = config.resolved.workloads.map((w) => w.name);
  const base = {
    kind: "perfgate-shard",
    version: SHARD_FILE_VERSION,
    shard: run.shard,
    config: run.configName,
    configHash: config.hash,
    workloads: names,
    createdAt: new Date(deps.now()).toISOString()
  };
  const label = `shard ${formatShard(run.shard)}`;
  input.onNotice?.(`${label}: measuring ${names.map((n) => JSON.stringify(n)).join(", ")}`);
  let outcome;
  try {
    outcome = await runGate({ ...input, config, noRecord: true }, deps);
  } catch (err) {
    if (err instanceof ServerError || err instanceof LoadError) {
      await writeShardFile(run.dir, {
        ...base,
        commit: await readCommit(config.dir),
        status: "failed",
        error: describeError(err),
        notices: [],
        record: null,
        base: null
      });
    }
    throw err;
  }
  const file = await writeShardFile(run.dir, {
    ...base,
    commit: outcome.record.commit,
    status: "ok",
    error: null,
    notices: outcome.notices,
    record: outcome.record,
    base: outcome.baseRecord
  });
  const total = input.config.resolved.workloads.length;
  const partial = `${label}: measured ${names.length} of ${total} workloads; this is a partial report without a verdict: the merge job compares every shard in one family, comments, sets the status and records the baseline. Shard file: ${file}`;
  return {
    outcome: {
      ...outcome,
      comparison: null,
      storedComparison: null,
      verdict: "not-compared",
      fail: false,
      failReason: null,
      notices: [partial, ...outcome.notices]
    },
    file
  };
}

// src/gate/trend-source.ts
var TREND_RECORDS = 20;
async function loadTrend(store, configHash, max = TREND_RECORDS) {
  if (!store) return null;
  try {
    const loaded = await store.load(configHash, { pool: max, onWarning: () => {
    } });
    if (!loaded || loaded.records.length === 0) return null;
    return trendOf(loaded.records.map((r) => r.record));
  } catch {
    return null;
  }
}

export {
  createSessionDeps,
  runGate,
  runShard,
  loadTrend
};
