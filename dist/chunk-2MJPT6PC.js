import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  TrackedTree,
  isAlive,
  readProcStat,
  registerServer,
  sumTree,
  unregisterServer
} from "./chunk-D7G34NWQ.js";
import {
  TOOL_VERSION
} from "./chunk-PBUJGFXF.js";
import {
  applyCaptures,
  isExpectedBody,
  isExpectedStatus,
  renderParts,
  requestParts,
  unresolvedNames
} from "./chunk-XVZ7F6HW.js";
import {
  fillPlaceholders
} from "./chunk-FY6ML3O3.js";
import {
  RECORD_VERSION,
  compareRecords,
  createPairedSamplingJudge,
  createRng,
  createSamplingJudge,
  gatedFamilySize,
  shuffle,
  trendOf
} from "./chunk-BQL65V6L.js";
import {
  BaselineMismatchError,
  BaselineStoreError,
  InputError,
  ServerError,
  describeError
} from "./chunk-BK6UZVNW.js";
import {
  LoadError
} from "./chunk-I2DQ53TU.js";

// src/load/load-runner.ts
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

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
  for (const [i, step] of steps.entries()) {
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

// src/load/load-runner.ts
var SATURATION_THRESHOLD = 0.9;
function saturationWarning(result) {
  if (result.loadCpu <= SATURATION_THRESHOLD) return null;
  const pct = Math.round(result.loadCpu * 100);
  return `the load generator saturated its CPU (${pct}% of a core); numbers may reflect the client, not the server`;
}
function workerArgs() {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith(".ts")) {
    const root = path.resolve(path.dirname(here), "..", "..");
    return { args: ["--import", "tsx", path.join(path.dirname(here), "worker.ts")], cwd: root };
  }
  return { args: [path.join(path.dirname(here), "loadgen.js")], cwd: void 0 };
}
function spawnWorker(cpus, override) {
  const { args, cwd } = override ? { args: override, cwd: void 0 } : workerArgs();
  const [file, argv] = cpus ? ["taskset", ["-c", cpus, process.execPath, ...args]] : [process.execPath, args];
  return spawn(file, argv, {
    cwd,
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    serialization: "json"
  });
}
function tailOf(child, max = 4e3) {
  let text = "";
  const keep = (chunk) => {
    text = (text + chunk.toString("utf8")).slice(-max);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return () => text.trim();
}
function checkWorkload(w, vars) {
  const problems = unresolvedNames(w.steps, vars);
  const captures = w.steps.some((s) => Object.keys(s.capture ?? {}).length > 0);
  if (w.pipelining > 1 && captures) {
    problems.push(
      `pipelining ${w.pipelining} cannot be combined with captured values: a pipelined request is sent before the response it would take a value from`
    );
  }
  return problems;
}
function runInWorker(job, options, override) {
  const w = job.workload;
  const silenceMs = w.timeoutMs + 15e3;
  if (options.signal?.aborted) return Promise.reject(new LoadError("load run aborted"));
  return new Promise((resolve, reject) => {
    const child = spawnWorker(options.cpus, override);
    const tail = tailOf(child);
    let settled = false;
    let watchdog;
    const killOnExit = () => child.kill("SIGKILL");
    const onAbort = () => finish(new LoadError("load run aborted"));
    const armWatchdog = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(
        () => finish(new LoadError(`the load generator sent nothing for ${silenceMs} ms`)),
        silenceMs
      );
    };
    function finish(outcome) {
      if (settled) return;
      settled = true;
      clearTimeout(watchdog);
      process.removeListener("exit", killOnExit);
      options.signal?.removeEventListener("abort", onAbort);
      if (outcome instanceof Error) {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
        reject(outcome);
      } else resolve(outcome);
    }
    process.once("exit", killOnExit);
    options.signal?.addEventListener("abort", onAbort, { once: true });
    armWatchdog();
    child.on("error", (err) => {
      const what = options.cpus && err.code === "ENOENT" ? "taskset (util-linux)" : "node";
      finish(new LoadError(`cannot start the load generator with ${what}: ${err.message}`));
    });
    child.on("message", (m) => {
      armWatchdog();
      if (m.type === "progress") options.onProgress?.(m.progress);
      else if (m.type === "result") finish(m.result);
      else if (m.type === "error") finish(new LoadError(`load generator failed: ${m.message}`));
    });
    child.on("close", (code, signal) => {
      const how = signal ? `signal ${signal}` : `code ${code}`;
      const out = tail();
      finish(new LoadError(`the load generator exited with ${how}${out ? `:
${out}` : ""}`));
    });
    const message = { type: "job", job };
    child.send(message);
  });
}
function createLoadRunner(runnerOptions = {}) {
  return {
    async run(workload, options) {
      const vars = options.vars ?? {};
      const problems = checkWorkload(workload, vars);
      if (problems.length > 0) {
        throw new LoadError(`workload "${workload.name}": ${problems.join("; ")}`);
      }
      const job = { workload, baseUrl: options.baseUrl, vars };
      const result = await runInWorker(job, options, runnerOptions.workerArgs);
      const warning = saturationWarning(result);
      if (warning) runnerOptions.onWarning?.(`workload "${workload.name}": ${warning}`);
      return result;
    },
    async setup(workload, options) {
      return runSetupRequests(workload.setup, {
        baseUrl: options.baseUrl,
        vars: options.vars,
        timeoutMs: workload.timeoutMs,
        signal: options.signal
      });
    }
  };
}

// src/server/start-server.ts
import { spawn as spawn2 } from "node:child_process";
import { once as once2 } from "node:events";
import { accessSync, constants, statSync } from "node:fs";
import path3 from "node:path";

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
import net from "node:net";
function pickFreePort(host = "127.0.0.1") {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
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
    command: fill(spec.command),
    env: Object.fromEntries(Object.entries(spec.env).map(([k, v]) => [k, fill(v)])),
    ready: spec.ready.kind === "url" ? { kind: "url", url: fill(spec.ready.url) } : spec.ready,
    url: fill(spec.url)
  };
}

// src/server/managed-server.ts
import { once } from "node:events";
import { setTimeout as sleep2 } from "node:timers/promises";

// src/server/stop-tree.ts
import { setTimeout as sleep } from "node:timers/promises";
var POLL_MS = 50;
var KILL_WAIT_MS = 5e3;
async function stopTree(tree, graceMs) {
  const live = () => tree.refresh().filter(isAlive);
  let alive = live();
  if (alive.length === 0) return;
  tree.signal("SIGTERM", alive);
  const termDeadline = Date.now() + graceMs;
  while (alive.length > 0 && Date.now() < termDeadline) {
    await sleep(POLL_MS);
    alive = live();
  }
  const killDeadline = Date.now() + KILL_WAIT_MS;
  while (alive.length > 0 && Date.now() < killDeadline) {
    tree.signal("SIGKILL", alive);
    await sleep(POLL_MS);
    alive = live();
  }
}
function killTreeSync(tree) {
  tree.signal("SIGKILL", tree.refresh());
}

// src/server/managed-server.ts
var RSS_SAMPLE_MS = 100;
var DRAIN_MS = 1e3;
var ManagedServer = class {
  constructor(child, url, command, log, stopTimeoutMs) {
    this.url = url;
    this.command = command;
    this.log = log;
    this.stopTimeoutMs = stopTimeoutMs;
    this.pid = child.pid;
    this.startTime = readProcStat(this.pid)?.startTime ?? 0;
    this.tree = new TrackedTree(this.pid);
    this.tree.refresh();
    this.exited = new Promise((resolve) => {
      child.once("exit", (code, signal) => {
        const info = { code, signal };
        if (this.stopping === null) {
          this.ownExit = info;
          log.note(`server exited on its own (${describeExit(info)})`);
        }
        resolve(info);
      });
    });
    this.logClosed = Promise.all(
      [child.stdout, child.stderr].map((s) => s && !s.closed ? once(s, "close") : null)
    );
    this.sampler = setInterval(() => this.samplePeak(), RSS_SAMPLE_MS);
    this.sampler.unref();
    registerServer(this);
  }
  url;
  command;
  log;
  stopTimeoutMs;
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
  /** Path of the file holding the server's stdout and stderr. */
  get logFile() {
    return this.log.file;
  }
  async usage() {
    const totals = sumTree(this.tree.refresh());
    this.peakRss = Math.max(this.peakRss, totals.rssBytes);
    return { cpuMs: totals.cpuMs, peakRssBytes: this.peakRss };
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
    killTreeSync(this.tree);
  }
  async stopNow() {
    clearInterval(this.sampler);
    try {
      if (this.ownExit === null)
        this.log.note(`stopping the server (SIGTERM, SIGKILL after ${this.stopTimeoutMs} ms)`);
      await stopTree(this.tree, this.stopTimeoutMs);
      await Promise.race([
        Promise.all([this.exited, this.logClosed]),
        sleep2(DRAIN_MS, void 0, { ref: false })
      ]);
    } finally {
      unregisterServer(this);
    }
  }
  samplePeak() {
    try {
      this.peakRss = Math.max(this.peakRss, sumTree(this.tree.refresh()).rssBytes);
    } catch {
    }
  }
};
function describeExit(info) {
  return info.signal !== null ? `killed by ${info.signal}` : `exit code ${info.code}`;
}

// src/server/wait-until-ready.ts
import http from "node:http";
import https from "node:https";
import net2 from "node:net";
import { setTimeout as sleep3 } from "node:timers/promises";
var POLL_MS2 = 50;
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
    const socket = net2.connect({ host, port });
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
  const probe = async () => ready.kind === "url" ? (await probeUrl(ready.url) ?? 500) < 500 : await isPortOpen(endpoint.host, endpoint.port);
  for (; ; ) {
    if (await Promise.race([probe(), aborted])) return;
    await Promise.race([sleep3(POLL_MS2), aborted]);
  }
}

// src/server/start-server.ts
var TAIL_LINES = 30;
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
  const spec = await assignPort(config);
  checkCwd(spec.cwd);
  await checkPortFree(spec);
  outer?.throwIfAborted();
  const [file, args] = spec.cpus ? [findTaskset(), ["-c", spec.cpus, "sh", "-c", spec.command]] : ["sh", ["-c", spec.command]];
  const log = new LogCapture(options.logFile);
  const child = spawn2(file, args, {
    cwd: spec.cwd,
    env: { ...process.env, ...spec.env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"]
  });
  if (child.pid === void 0) {
    const [err] = await once2(child, "error");
    log.close();
    throw new ServerError(`could not start the server (${spec.command}): ${err.message}`, "");
  }
  log.attach(child.stdout);
  log.attach(child.stderr);
  const server = new ManagedServer(child, spec.url, spec.command, log, spec.stopTimeoutMs);
  const wait = new AbortController();
  const onOuterAbort = () => wait.abort(outer?.reason);
  outer?.addEventListener("abort", onOuterAbort, { once: true });
  const timer = setTimeout(() => wait.abort(new ReadyTimeout()), spec.readyTimeoutMs);
  void server.exited.then((info) => wait.abort(new EarlyExit(info)));
  try {
    await waitUntilReady(spec.ready, log, wait.signal);
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
  const tail = server.logTail(TAIL_LINES);
  const withTail = (message) => new ServerError(
    tail.trim() === "" ? `${message}
(the server printed nothing; log: ${server.logFile})` : `${message}
--- last lines of ${server.logFile} ---
${tail}`,
    tail
  );
  if (reason instanceof ReadyTimeout) {
    return withTail(
      `server did not become ready within ${formatDuration(spec.readyTimeoutMs)} (waiting for ${target})`
    );
  }
  if (reason instanceof EarlyExit) {
    const hint = reason.info.code === 0 ? " (the command must keep running in the foreground)" : reason.info.code === 127 ? " (the shell did not find the command: check server.command and PATH)" : "";
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
async function checkPortFree(spec) {
  const endpoint = readinessEndpoint(spec.ready) ?? (spec.url ? readinessEndpoint({ kind: "url", url: spec.url }) : null);
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

// src/baseline/missing.ts
function decideMissingBaseline(input) {
  const skipped = (input.warnings ?? []).length;
  const why = skipped > 0 ? ` (${skipped} stored record${skipped === 1 ? " was" : "s were"} unusable and skipped)` : "";
  const next = input.recording ? "This run is recorded as the first baseline." : "A run on a push to the default branch records one.";
  const head = `No baseline yet for this config (hash ${input.configHash.slice(0, 12)}) in ${input.store}${why}: reporting this run's numbers without a comparison.`;
  const tail = input.onMissing === "fail" ? " Failing because on-missing is set to fail." : "";
  return {
    verdict: "no-baseline",
    fail: input.onMissing === "fail",
    notice: `${head} ${next}${tail}`
  };
}

// src/run/execute-run.ts
import { randomInt } from "node:crypto";
import { mkdir, mkdtemp } from "node:fs/promises";
import os2 from "node:os";
import path5 from "node:path";

// src/run/git-info.ts
import { execFile } from "node:child_process";
import { promisify } from "node:util";
var run = promisify(execFile);
async function git(cwd, args) {
  const { stdout } = await run("git", args, { cwd, timeout: 1e4 });
  return stdout.trim();
}
async function readCommit(dir) {
  try {
    const sha = await git(dir, ["rev-parse", "HEAD"]);
    const ref = await git(dir, ["rev-parse", "--abbrev-ref", "HEAD"]).catch(() => "");
    const status = await git(dir, ["status", "--porcelain", "--untracked-files=no"]).catch(
      () => ""
    );
    return { sha, ref: ref && ref !== "HEAD" ? ref : null, dirty: status.length > 0 };
  } catch {
    return null;
  }
}

// src/run/machine.ts
import { createHash } from "node:crypto";
import os from "node:os";
function describeMachine() {
  const cpus = os.cpus();
  const cpuModel = (cpus[0]?.model ?? "unknown").replace(/\s+/g, " ").trim();
  const cores = Math.max(1, cpus.length);
  const os_ = `${os.platform()} ${os.release()}`;
  const nodeMajor = process.versions.node.split(".")[0] ?? "";
  const fingerprint = createHash("sha256").update([cpuModel, cores, os.platform(), os.arch(), nodeMajor].join("|")).digest("hex").slice(0, 16);
  return {
    cpuModel,
    cores,
    memoryBytes: os.totalmem(),
    os: os_,
    arch: os.arch(),
    node: process.versions.node,
    fingerprint
  };
}

// src/run/run-session.ts
import path4 from "node:path";

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
  const { connection, timeout, status, body } = load.errors;
  const failed = connection + timeout + status + body;
  const attempts = load.requests + connection + timeout;
  const cpuMs = usage.after.cpuMs - usage.before.cpuMs;
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
    errors: { ...load.errors },
    errorRate: attempts > 0 ? failed / attempts : 0,
    cpuMsPerRequest: load.requests > 0 ? cpuMs / load.requests : null,
    peakRssBytes: usage.after.peakRssBytes > 0 ? usage.after.peakRssBytes : null,
    loadCpu: load.loadCpu
  };
}

// src/run/measure-run.ts
async function measureRun(w, server, loadCpus, deps, o) {
  const base = { baseUrl: server.url, cpus: loadCpus, signal: o.signal };
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
    const how = exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
    const what = `${o.who}exited during run ${o.index + 1} of "${w.name}" (${how})`;
    throw new ServerError(what, server.logTail());
  }
  const sample = buildSample(
    load,
    { before, after },
    { index: o.index, round: o.round, warmup: o.warmup, startedAt }
  );
  return o.pair === void 0 ? sample : { ...sample, pair: o.pair };
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
      const how = exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
      throw new ServerError(`${this.name()}exited between runs (${how})`, this.server.logTail());
    }
    await this.stop();
    this.started += 1;
    const label = this.side.label ? `${this.side.label}-` : "";
    this.options.onEvent?.({
      type: "server-start",
      workload: policy === "never" ? null : workloadName,
      side: this.side.label || void 0
    });
    const logFile = path4.join(this.options.logDir, `server-${label}${this.started}.log`);
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
  const progress = workloads.map(() => ({ made: 0, stopReason: null }));
  const results = sides.map(
    () => workloads.map((w) => ({ name: w.name, runs: [], warnings: [] }))
  );
  const startedAt = workloads.map(() => deps.now());
  const rng = createRng(options.seed);
  const servers = sides.map((s) => new SideServer(s, deps, options));
  const runRound = async (wi, round) => {
    const w = workloads[wi];
    const p = progress[wi];
    const warmup = nextIsWarmup(w, p);
    const order = shuffle(
      sides.map((_, i) => i),
      rng
    );
    for (const si of order) {
      const side = sides[si];
      const srv = await tagSide(side, servers[si].for(wi, w.name));
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
          who: servers[si].name(),
          signal: options.signal,
          onProgress: (reqPerSec, elapsedMs) => emit({ type: "run-progress", workload: w.name, reqPerSec, elapsedMs, side: tag })
        })
      );
      const result = results[si][wi];
      result.runs.push(sample);
      emit({ type: "run-end", workload: w.name, sample, side: tag });
      warnIfSaturated(sample, result, w.name, emit);
    }
    p.made += 1;
    const kept = results.map((r) => r[wi].runs.filter((x) => !x.warmup));
    const reason = stopReason(w, p, kept, deps.now() - startedAt[wi], options.judge);
    if (reason !== null) {
      p.stopReason = reason;
      for (const r of results) r[wi].stopReason = reason;
    }
  };
  try {
    if (options.restart === "per-workload") {
      for (const wi of nextRound(workloads, progress, rng)) {
        for (let round = 0; !isDone(workloads[wi], progress[wi]); round++) {
          await runRound(wi, round);
        }
      }
    } else {
      for (let round = 0; ; round++) {
        const order = nextRound(workloads, progress, rng);
        if (order.length === 0) break;
        for (const wi of order) await runRound(wi, round);
      }
    }
  } finally {
    await Promise.allSettled(servers.map((s) => s.stop()));
  }
  return results.map(
    (side) => side.map(
      (r) => r.warnings?.length ? r : { name: r.name, runs: r.runs, stopReason: r.stopReason }
    )
  );
}
async function tagSide(side, work) {
  try {
    return await work;
  } catch (err) {
    if (err instanceof ServerError && side.label) err.side = side.label;
    throw err;
  }
}
function warnIfSaturated(sample, result, workload, emit) {
  if (sample.loadCpu <= 0.9) return;
  const message = `load generator used ${(sample.loadCpu * 100).toFixed(0)}% of a core: the numbers may describe the client, not the server (pin it with load.cpus, or lower connections)`;
  if (result.warnings?.includes(message)) return;
  result.warnings?.push(message);
  emit({ type: "warning", workload, message });
}
function stopReason(w, p, kept, elapsedMs, judge) {
  if (w.runs !== "auto") return null;
  const n = Math.min(...kept.map((k) => k.length));
  if (n >= w.maxRuns) return `reached max-runs (${w.maxRuns})`;
  if (elapsedMs >= w.budgetMs && n >= 2)
    return `time budget of ${Math.round(w.budgetMs / 1e3)}s used`;
  if (!isCheckpoint(w, p)) return null;
  if (!judge) return `no baseline to compare with: stopped at min-runs (${w.minRuns})`;
  const [mine, partner] = kept.length > 1 ? [kept[1], kept[0]] : [kept[0], void 0];
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
  return record;
}
async function executePairedRun(config, base, deps, options = {}, pin = null) {
  const head = config.resolved.server;
  const sides = [
    {
      label: "base",
      server: pin ? { ...base.server, cpus: pin.base } : base.server,
      loadCpus: pin?.load
    },
    { label: "this", server: pin ? { ...head, cpus: pin.head } : head, loadCpus: pin?.load }
  ];
  const [b, h] = await executeSides(config, sides, deps, options, [base.commit]);
  return { base: b, head: h };
}
async function executeSides(config, sides, deps, options, commits = []) {
  const { resolved } = config;
  const seed = options.seed ?? resolved.seed ?? randomInt(0, 2 ** 31 - 1);
  options.onSeed?.(seed);
  const logDir = options.logDir ?? await mkdtemp(path5.join(os2.tmpdir(), "perfgate-logs-"));
  await mkdir(logDir, { recursive: true });
  const createdAt = new Date(deps.now()).toISOString();
  const [commit, machine] = [await readCommit(config.dir), describeMachine()];
  const perSide = await runSides(resolved, sides, deps, {
    seed,
    restart: resolved.server.restart,
    logDir,
    onEvent: options.onEvent,
    judge: options.judge,
    signal: options.signal
  });
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

// src/gate/baseline-source.ts
async function loadStoredBaseline(store, config, options) {
  const b = config.resolved.baseline;
  const warnings = [];
  try {
    const loaded = await store.load(config.hash, {
      pool: b.pool,
      commit: b.mergeBase && options.mergeBaseSha ? options.mergeBaseSha : void 0,
      fingerprint: describeMachine().fingerprint,
      mismatch: b.mismatch,
      onWarning: (w) => warnings.push(w)
    });
    if (!loaded) return { records: [], sources: [], warnings };
    return {
      records: loaded.records.map((r) => r.record),
      sources: loaded.records.map((r) => r.path),
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
    throw err;
  }
}

// src/gate/outcome.ts
function decideGate(i) {
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
  const regressions = c.workloads.flatMap(
    (w) => w.metrics.filter((m) => m.status === "regression").map((m) => `${w.name} ${m.metric}`)
  );
  if (c.verdict === "regression") {
    const list = regressions.slice(0, 5).join(", ") + (regressions.length > 5 ? ", \u2026" : "");
    return {
      verdict: "regression",
      fail: true,
      failReason: `${regressions.length} regression(s): ${list}`
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

// src/same-runner/prepare-base.ts
import path7 from "node:path";

// src/same-runner/base-checkout.ts
import { execFile as execFile2, spawn as spawn3 } from "node:child_process";
import { mkdtemp as mkdtemp2, rm } from "node:fs/promises";
import os3 from "node:os";
import path6 from "node:path";
import { promisify as promisify2 } from "node:util";
var run2 = promisify2(execFile2);
async function git2(cwd, args) {
  const { stdout } = await run2("git", args, { cwd, timeout: 12e4, maxBuffer: 16 * 1024 * 1024 });
  return stdout.trim();
}
function gitMessage(err) {
  const e = err;
  return (e.stderr || e.message || String(err)).trim().split("\n").slice(-3).join(" ");
}
async function repoRoot(dir) {
  try {
    return await git2(dir, ["rev-parse", "--show-toplevel"]);
  } catch {
    throw new InputError(`comparing with the base needs a git work tree, and ${dir} is not in one`);
  }
}
async function resolveBaseCommit(root, ref, mergeBase) {
  const commit = async (r) => git2(root, ["rev-parse", "--verify", "--quiet", `${r}^{commit}`]);
  let sha = await commit(ref).catch(() => "");
  if (!sha) {
    await git2(root, ["fetch", "--no-tags", "--depth=50", "origin", ref]).catch(() => "");
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
    return await git2(root, ["merge-base", "HEAD", sha]);
  } catch {
    throw new InputError(
      `HEAD and "${ref}" have no common ancestor in this clone (a shallow checkout?); fetch more history (actions/checkout with fetch-depth: 0) or pass the base commit itself`
    );
  }
}
async function createBaseCheckout(root, sha) {
  const parent = await mkdtemp2(path6.join(os3.tmpdir(), "perfgate-base-"));
  const dir = path6.join(parent, "base");
  try {
    await git2(root, ["worktree", "add", "--detach", "--force", dir, sha]);
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
      await git2(root, ["worktree", "remove", "--force", dir]).catch(() => "");
      await rm(parent, { recursive: true, force: true });
      await git2(root, ["worktree", "prune"]).catch(() => "");
    }
  };
}
async function buildBase(command, cwd, env) {
  const output = [];
  const code = await new Promise((resolve, reject) => {
    const child = spawn3("sh", ["-c", command], {
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

// src/same-runner/prepare-base.ts
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
    const cwd = path7.join(checkout.dir, path7.relative(root, server.cwd));
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
  if (config.resolved.server.port !== "auto") {
    throw new InputError(
      "gate.compare-to: base starts the base build and this one side by side, so each needs its own port: set server.port: auto and use {{port}} in server.command, env and ready.url"
    );
  }
}
async function measureSideBySide(config, spec, deps, execute) {
  const gate = config.resolved.gate;
  const prepared = await prepareBase(
    config,
    spec,
    (checkout, build) => execute.onEvent?.({ type: "base-checkout", sha: checkout.sha, dir: checkout.dir, build })
  );
  try {
    const plan = planPinning(config.resolved);
    const judge = createPairedSamplingJudge({
      alpha: gate.alpha,
      test: gate.test,
      familySize: gatedFamilySize(config.resolved.workloads)
    });
    const { base, head } = await executePairedRun(
      config,
      prepared,
      deps,
      { ...execute, judge },
      plan
    );
    const test = gate.test === "welch" || gate.test === "mann-whitney" ? "auto" : gate.test;
    const comparison = compareRecords(base, head, { alpha: gate.alpha, design: "paired", test });
    return { base, head, comparison, pinning: plan.description };
  } finally {
    await prepared.checkout.remove();
  }
}
function isBaseFailure(err) {
  if (err instanceof ServerError)
    return err.side === "base" || err.message.includes("build command of the base");
  if (err instanceof InputError)
    return /base (ref|commit)|common ancestor|git work tree/.test(err.message);
  return false;
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

// src/gate/run-gate.ts
async function runGate(input, deps) {
  const { config, place } = input;
  const gate = config.resolved.gate;
  const notices = [];
  const notice = (m) => {
    notices.push(m);
    input.onNotice?.(m);
  };
  const mode = input.baselineRecords ? "compare" : input.mode ?? config.resolved.baseline.mode;
  const decision = decideBaselineMode({
    mode,
    event: place.event,
    ref: place.ref,
    defaultBranch: place.defaultBranch
  });
  if (!decision.ok) throw new InputError(decision.error);
  const record = decision.record && !input.baselineRecords && input.store !== null;
  const compare = decision.compare && input.compare !== false;
  const sideBySide = compare && (gate.compareTo === "base" || gate.confirm === "same-runner");
  const baseSpec = input.base ?? (place.baseSha ? { sha: place.baseSha } : null);
  if (sideBySide) checkSideBySideConfig(config);
  const baseline = compare ? await chooseBaseline(input, notice) : null;
  const usable = baseline && baseline.records.length > 0 ? baseline : null;
  const compareStored = (r) => usable ? compareRecords(usable.records, r, { alpha: gate.alpha, test: unpairedTest(gate.test) }) : null;
  let head = null;
  let paired = null;
  let stored = null;
  const tryPaired = async (why) => {
    if (!baseSpec) {
      notice(
        `${why}, but there is no base to build: pass --compare-ref REF, or run on a pull request`
      );
      return;
    }
    try {
      paired = await measureSideBySide(config, baseSpec, deps, input.execute ?? {});
      notice(
        `${why}: measured the base ${describeBase(paired.base, baseSpec)} side by side with this build (${paired.pinning})`
      );
    } catch (err) {
      if (!isBaseFailure(err)) throw err;
      notice(`could not compare with the base on this runner: ${describeError(err)}`);
    }
  };
  if (sideBySide && gate.compareTo === "base") {
    await tryPaired("compare-to: base");
  } else {
    const judge = usable ? createSamplingJudge(usable.records, { alpha: gate.alpha }) : void 0;
    head = await executeRun(config, deps, { ...input.execute, judge });
    stored = compareStored(head);
    if (sideBySide && (!stored || stored.verdict !== "pass")) {
      await tryPaired(
        `confirm: same-runner (the stored baseline ${stored ? `said ${stored.verdict}` : "is missing"})`
      );
    }
  }
  const p = paired;
  if (p) {
    head = p.head;
    stored ??= compareStored(asIndependent(p.head));
  } else if (!head) {
    head = await executeRun(config, deps, input.execute ?? {});
    stored = compareStored(head);
  }
  const comparison = p ? p.comparison : stored;
  if (compare && !comparison) {
    const missing = decideMissingBaseline({
      onMissing: config.resolved.baseline.onMissing,
      configHash: config.hash,
      recording: record,
      store: input.store?.description ?? "the given files",
      warnings: baseline?.warnings
    });
    notice(missing.notice);
  }
  const { saved, saveError } = record ? await save(input.store, asIndependent(head), notice) : { saved: null, saveError: null };
  const decided = decideGate({
    comparison,
    compared: compare,
    onMissing: config.resolved.baseline.onMissing,
    failOnInconclusive: gate.failOnInconclusive
  });
  return {
    record: head,
    comparison,
    storedComparison: p ? stored : null,
    baseRecord: p ? p.base : null,
    baseline: usable,
    ...decided,
    notices,
    saved,
    saveError
  };
}
function unpairedTest(test) {
  return test === "paired-t" || test === "trimmed" ? "auto" : test;
}
function describeBase(base, spec) {
  const sha = base.commit?.sha.slice(0, 12) ?? "";
  return "ref" in spec ? `${sha} (merge-base with ${spec.ref})` : sha;
}
async function chooseBaseline(input, notice) {
  if (input.baselineRecords) return { ...input.baselineRecords, warnings: [] };
  if (!input.store) return null;
  let choice;
  try {
    choice = await loadStoredBaseline(input.store, input.config, {
      mergeBaseSha: input.place.baseSha
    });
  } catch (err) {
    if (!(err instanceof BaselineStoreError)) throw err;
    choice = {
      records: [],
      sources: [],
      warnings: [`could not read the baselines in ${input.store.description}: ${err.message}`]
    };
  }
  choice.warnings.forEach(notice);
  return choice;
}
async function save(store, record, notice) {
  try {
    const { path: path8 } = await store.save(record);
    notice(`recorded this run as the baseline in ${store.description} (${path8})`);
    return { saved: path8, saveError: null };
  } catch (err) {
    if (!(err instanceof BaselineStoreError)) throw err;
    notice(`this run could NOT be recorded as the baseline: ${err.message}`);
    return { saved: null, saveError: err };
  }
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
  loadTrend
};
