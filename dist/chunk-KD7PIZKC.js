import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  LatencyRecorder,
  applyCaptures,
  createIterationSource,
  firstReachAt,
  isConnectionActive,
  isExpectedBody,
  isExpectedStatus,
  isTemplated,
  newTally,
  overdueMs,
  renderParts,
  requestParts,
  startProgress,
  summarize
} from "./chunk-L7QLQZ2Y.js";
import {
  LoadError
} from "./chunk-I2DQ53TU.js";
import {
  closedModelLatency
} from "./chunk-NM4ZIQ3O.js";

// src/load/native-engine.ts
import net from "node:net";
import { performance } from "node:perf_hooks";

// src/load/request-bytes.ts
function hasHeader(headers, name) {
  return Object.keys(headers).some((k) => k.toLowerCase() === name);
}
function serialize(parts, host) {
  const lines = [`${parts.method} ${parts.path} HTTP/1.1`];
  if (!hasHeader(parts.headers, "host")) lines.push(`Host: ${host}`);
  for (const [k, v] of Object.entries(parts.headers)) lines.push(`${k}: ${v}`);
  const body = parts.body === void 0 ? null : Buffer.from(parts.body, "utf8");
  if (body && !hasHeader(parts.headers, "content-length"))
    lines.push(`Content-Length: ${body.length}`);
  const head = Buffer.from(`${lines.join("\r\n")}\r
\r
`, "latin1");
  return body ? Buffer.concat([head, body]) : head;
}
function prepareSteps(steps, prefix, host) {
  return steps.map((spec) => {
    const own = requestParts(spec);
    const parts = { ...own, path: prefix + own.path };
    return {
      spec,
      isHead: parts.method.toUpperCase() === "HEAD",
      fixed: isTemplated(parts) ? null : serialize(parts, host),
      parts
    };
  });
}

// src/load/http1-response-parser.ts
var ProtocolError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "ProtocolError";
  }
};
var HEAD_END = Buffer.from("\r\n\r\n");
var HTTP_PREFIX = Buffer.from("HTTP/");
var LF_LF = Buffer.from("\n\n");
var LF = 10;
var CR = 13;
var MAX_HEAD = 64 * 1024;
var STATUS_LINE = /^HTTP\/1\.([01]) (\d{3})(?: |\r|$)/;
var Http1ResponseParser = class {
  constructor(keep) {
    this.keep = keep;
  }
  keep;
  pending = null;
  current = null;
  /**
   * Feeds bytes; returns the responses completed by them, in order. `headRequest()` tells
   * whether the oldest unanswered request was a HEAD (its response has no body).
   */
  push(chunk, headRequest) {
    let buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = null;
    const done = [];
    while (buf.length > 0) {
      if (!this.current) {
        if (!buf.subarray(0, 5).equals(HTTP_PREFIX.subarray(0, Math.min(5, buf.length)))) {
          const line = buf.toString("latin1", 0, Math.min(buf.length, 40)).split(/\r?\n/)[0];
          throw new ProtocolError(`not an HTTP/1.x status line: ${JSON.stringify(line)}`);
        }
        const end = headEnd(buf);
        if (end === null) {
          if (buf.length > MAX_HEAD) throw new ProtocolError("response head over 64 KiB");
          this.pending = buf;
          return done;
        }
        const [at, blank] = end;
        let head = buf.toString("latin1", 0, at);
        if (blank === 2) head = head.replace(/\r?\n/g, "\r\n");
        buf = buf.subarray(at + blank);
        const started = this.startResponse(head, at + blank, headRequest());
        if (started === null) continue;
        this.current = started;
      }
      buf = this.feedBody(this.current, buf);
      if (this.isComplete(this.current)) {
        done.push(this.finish(this.current));
        this.current = null;
      }
    }
    return done;
  }
  /**
   * The connection ended. Returns the response it completes (a body framed by the close), or
   * null; throws when a response was cut off midway.
   */
  end() {
    const c = this.current;
    if (c && c.framing.kind === "close") {
      this.current = null;
      return this.finish(c);
    }
    if (c || this.pending) throw new ProtocolError("connection closed in the middle of a response");
    return null;
  }
  /** True when part of a response has been received and not yet completed. */
  get midResponse() {
    return this.current !== null || this.pending !== null;
  }
  startResponse(head, headBytes, isHead) {
    const m = STATUS_LINE.exec(head);
    if (!m) {
      const line = head.slice(0, head.indexOf("\r\n") >>> 0);
      throw new ProtocolError(`not an HTTP/1.x status line: ${JSON.stringify(line)}`);
    }
    const status = Number(m[2]);
    if (status >= 100 && status < 200 && status !== 101) return null;
    const http10 = m[1] === "0";
    const lower = head.toLowerCase();
    const length = contentLength(headerValues(lower, "content-length"));
    const codings = headerValues(lower, "transfer-encoding")?.join(", ") ?? "";
    const chunked = /(^|,)\s*chunked$/.test(codings);
    const connection = headerValues(lower, "connection")?.join(", ") ?? "";
    const keepAlive = http10 ? /\bkeep-alive\b/.test(connection) : !/\bclose\b/.test(connection);
    const noBody = isHead || status === 204 || status === 304 || status === 101;
    const framing = noBody ? { kind: "length", remaining: 0 } : chunked ? { kind: "chunked", state: "size", remaining: 0 } : length !== null ? { kind: "length", remaining: length } : { kind: "close" };
    return {
      status,
      bytes: headBytes,
      headers: this.keep.headers ? headerMap(head) : null,
      keepAlive: keepAlive && framing.kind !== "close",
      framing,
      parts: []
    };
  }
  /** Consumes what belongs to the current body; returns the rest of `buf`. */
  feedBody(c, buf) {
    const f = c.framing;
    if (f.kind === "close") {
      this.take(c, buf);
      return buf.subarray(buf.length);
    }
    if (f.kind === "length") {
      const n = Math.min(f.remaining, buf.length);
      this.take(c, buf.subarray(0, n));
      f.remaining -= n;
      return buf.subarray(n);
    }
    return this.feedChunked(c, f, buf);
  }
  feedChunked(c, f, input) {
    let buf = input;
    while (buf.length > 0 && !(f.state === "trailers" && f.remaining < 0)) {
      if (f.state === "data") {
        const n = Math.min(f.remaining, buf.length);
        this.take(c, buf.subarray(0, n));
        f.remaining -= n;
        buf = buf.subarray(n);
        if (f.remaining === 0) f.state = "data-end";
        continue;
      }
      const eol = buf.indexOf(LF);
      if (eol < 0) {
        if (buf.length > MAX_HEAD) throw new ProtocolError("chunk line over 64 KiB");
        this.pending = buf;
        return buf.subarray(buf.length);
      }
      const cr = eol > 0 && buf[eol - 1] === CR ? 1 : 0;
      const line = buf.toString("latin1", 0, eol - cr);
      c.bytes += eol + 1;
      buf = buf.subarray(eol + 1);
      if (f.state === "size") {
        const size = parseInt(line.split(";")[0], 16);
        if (!Number.isSafeInteger(size) || size < 0)
          throw new ProtocolError(`bad chunk size ${JSON.stringify(line)}`);
        if (size === 0) f.state = "trailers";
        else [f.state, f.remaining] = ["data", size];
      } else if (f.state === "data-end") {
        if (line !== "") throw new ProtocolError("chunk data longer than its size");
        f.state = "size";
      } else if (line === "") {
        f.remaining = -1;
      }
    }
    return buf;
  }
  take(c, part) {
    c.bytes += part.length;
    if (this.keep.body && part.length > 0) c.parts.push(part);
  }
  isComplete(c) {
    const f = c.framing;
    if (this.pending) return false;
    if (f.kind === "length") return f.remaining === 0;
    if (f.kind === "chunked") return f.state === "trailers" && f.remaining < 0;
    return false;
  }
  finish(c) {
    return {
      status: c.status,
      bytes: c.bytes,
      headers: c.headers,
      body: this.keep.body ? Buffer.concat(c.parts).toString("utf8") : null,
      keepAlive: c.keepAlive
    };
  }
};
function headEnd(buf) {
  const crlf = buf.indexOf(HEAD_END);
  const lf = (crlf < 0 ? buf : buf.subarray(0, crlf)).indexOf(LF_LF);
  if (lf >= 0) return [lf, 2];
  return crlf < 0 ? null : [crlf, 4];
}
function headerValues(lowerHead, name) {
  let out = null;
  let from = 0;
  for (; ; ) {
    const at = lowerHead.indexOf(name, from);
    if (at < 0) return out;
    let i = at + name.length;
    from = i;
    if (at < 2 || lowerHead.charCodeAt(at - 1) !== LF) continue;
    while (lowerHead.charCodeAt(i) === 32 || lowerHead.charCodeAt(i) === 9) i++;
    if (lowerHead.charCodeAt(i) !== 58) continue;
    const end = lowerHead.indexOf("\r\n", i);
    (out ??= []).push(lowerHead.slice(i + 1, end < 0 ? void 0 : end).trim());
  }
}
function contentLength(values) {
  if (values === null) return null;
  const first = values[0];
  if (values.some((v) => v !== first))
    throw new ProtocolError(`conflicting content-length values ${JSON.stringify(values)}`);
  const length = Number(first);
  if (!/^\d+$/.test(first) || !Number.isSafeInteger(length))
    throw new ProtocolError(`bad content-length ${JSON.stringify(first)}`);
  return length;
}
function headerMap(head) {
  const out = {};
  const lines = head.split("\r\n");
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    out[name] = name in out ? `${out[name]}, ${value}` : value;
  }
  return out;
}

// src/load/step-latency.ts
function stepRecorders(steps) {
  const label = (s) => `${s.spec.method ?? "GET"} ${s.spec.path}`;
  const labels = /* @__PURE__ */ new Map();
  for (const s of steps) if (!labels.has(label(s))) labels.set(label(s), new LatencyRecorder());
  if (labels.size < 2) return null;
  return new Map(steps.map((s) => [s, labels.get(label(s))]));
}
function withSteps(result, recorders) {
  if (!recorders) return result;
  const seen = /* @__PURE__ */ new Map();
  for (const [s, r] of recorders)
    if (!seen.has(r)) seen.set(r, `${s.spec.method ?? "GET"} ${s.spec.path}`);
  const steps = [...seen].map(([r, step]) => ({ step, requests: r.count, latencyUs: r.summary() }));
  return { ...result, steps };
}

// src/load/native-engine.ts
function nativeEngineFits(job) {
  const w = job.workload;
  return w.pipelining === 1 && w.rate === null && new URL(job.baseUrl).protocol === "http:";
}
var IDEMPOTENT = /* @__PURE__ */ new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"]);
var Connection = class {
  /**
   * @param budget requests this connection sends in a run bounded by a count (its share, so a
   *   sequence's steps stay whole), Infinity in a timed run
   */
  constructor(s, budget, index = 0) {
    this.s = s;
    this.budget = budget;
    this.index = index;
    this.context = { ...s.vars };
  }
  s;
  budget;
  index;
  socket = null;
  step = 0;
  context;
  inflight = null;
  /** When the pending connect started, or null once connected. */
  connectingSince = null;
  /** Responses on the current socket. */
  served = 0;
  /** Resend the current step (a kept-alive connection closed before answering it). */
  resend = false;
  failures = 0;
  open() {
    if (this.s.stopped) return;
    const socket = net.connect({ host: this.s.hostname, port: this.s.port });
    const parser = new Http1ResponseParser(this.s.keep);
    this.socket = socket;
    this.served = 0;
    this.connectingSince = performance.now();
    socket.setNoDelay(true);
    let connected = false;
    socket.on("connect", () => {
      connected = true;
      this.connectingSince = null;
      this.send();
    });
    socket.on("data", (chunk) => this.onData(socket, parser, chunk));
    socket.on("error", () => {
    });
    socket.on("close", () => this.onClose(socket, parser, connected));
  }
  close() {
    this.socket?.destroy();
    this.socket = null;
  }
  /**
   * Counts a timeout when a response, or the connection it waits for, is overdue, and starts
   * over on a new connection.
   */
  checkTimeout(now) {
    const since = this.inflight?.sentAt ?? this.connectingSince;
    if (since === null || now - since < this.s.timeoutMs || !this.socket) return;
    const socket = this.socket;
    this.socket = null;
    socket.destroy();
    if (this.inflight) this.failed("timeout");
    else this.unsent("timeout");
    this.reopen();
  }
  send() {
    if (this.s.stopped || !this.socket || this.budget <= 0) return;
    const stages = this.s.stages;
    if (stages && !isConnectionActive(stages, this.index, performance.now() - this.s.t0)) {
      setTimeout(() => this.send(), 10).unref();
      return;
    }
    const step = this.s.steps[this.step];
    if (this.step === 0 && !this.resend) this.s.iteration?.begin(this.context);
    let bytes = step.fixed;
    if (!bytes) {
      const filled = renderParts(step.parts, this.context);
      if (filled === null && this.step !== 0) {
        this.step = 0;
        this.context = { ...this.s.vars };
        return this.send();
      }
      if (filled === null) {
        const what = `${step.parts.method} ${step.parts.path}`;
        return this.s.fail(new LoadError(`${what}: a {{value}} it uses has no value`));
      }
      bytes = serialize(filled, this.s.host);
    }
    this.budget--;
    this.inflight = { step, sentAt: performance.now(), resent: this.resend };
    this.resend = false;
    this.socket.write(bytes);
  }
  onData(socket, parser, chunk) {
    if (socket !== this.socket) return;
    let responses;
    try {
      responses = parser.push(chunk, () => this.inflight?.step.isHead ?? false);
    } catch (err) {
      this.socket = null;
      socket.destroy();
      this.failed(err instanceof ProtocolError ? "protocol" : "connection");
      this.reopen();
      return;
    }
    for (const r of responses) {
      this.onResponse(r);
      if (!r.keepAlive) {
        socket.destroy();
        return;
      }
    }
    if (responses.length > 0 && !this.inflight) this.sendAfterThink();
  }
  /** Sends the next request, after the think time when one is set. */
  sendAfterThink() {
    if (this.s.thinkMs > 0) setTimeout(() => this.send(), this.s.thinkMs).unref();
    else this.send();
  }
  onResponse(r) {
    const sent = this.inflight;
    if (!sent) return;
    this.inflight = null;
    this.failures = 0;
    this.served++;
    const { tally } = this.s;
    if (tally.measuring) {
      tally.responses++;
      tally.bytes += r.bytes;
      tally.statusCounts[r.status] = (tally.statusCounts[r.status] ?? 0) + 1;
      const ms = performance.now() - sent.sentAt;
      this.s.latency.record(ms);
      this.s.stepLatency?.get(sent.step)?.record(ms);
    }
    const spec = sent.step.spec;
    const body = r.body ?? "";
    if (!isExpectedStatus(spec, r.status)) {
      if (tally.measuring) tally.errors.status++;
    } else if (!isExpectedBody(spec, body)) {
      if (tally.measuring) tally.errors.body++;
    } else if (spec.capture && !applyCaptures(spec, r.status, body, r.headers ?? {}, this.context) && tally.measuring) {
      tally.errors.body++;
    }
    this.next();
  }
  onClose(socket, parser, connected) {
    if (socket !== this.socket) return;
    this.socket = null;
    if (!connected) {
      this.unsent("connection");
      return this.reopen();
    }
    let last = null;
    let cut = false;
    try {
      last = parser.end();
    } catch {
      cut = true;
    }
    if (last) this.onResponse(last);
    else if (this.inflight && !cut && this.served > 0 && this.mayResend(this.inflight)) {
      this.inflight = null;
      this.budget++;
      this.resend = true;
    } else if (this.inflight) this.failed(cut ? "protocol" : "connection");
    this.reopen();
  }
  mayResend(r) {
    return !r.resent && IDEMPOTENT.has(r.step.parts.method.toUpperCase());
  }
  /** The run is over: a request unanswered for longer than `overdue` ms counts as incomplete. */
  abandon(now, overdue) {
    const sent = this.inflight;
    if (sent && this.s.tally.measuring && now - sent.sentAt > overdue)
      this.s.tally.errors.incomplete++;
  }
  /** The request in flight failed: count it and go on with the next step. */
  failed(kind) {
    if (!this.inflight) return;
    this.inflight = null;
    this.failures++;
    if (this.s.tally.measuring) this.s.tally.errors[kind]++;
    this.next();
  }
  /**
   * No connection to send on (refused, unreachable, or not accepted in time): one error, which
   * in a run bounded by a count stands for the request it could not send.
   */
  unsent(kind) {
    this.failures++;
    if (this.s.tally.measuring) this.s.tally.errors[kind]++;
    if (this.budget !== Infinity) {
      this.budget--;
      this.s.settled();
    }
  }
  next() {
    this.step = (this.step + 1) % this.s.steps.length;
    this.s.settled();
  }
  reopen() {
    if (this.s.stopped || this.budget <= 0) return;
    const delay = this.failures === 0 ? 0 : Math.min(100, 2 ** this.failures);
    if (delay === 0) this.open();
    else setTimeout(() => this.open(), delay).unref();
  }
};
function runNativeLoadJob(job, onProgress = () => {
}) {
  const w = job.workload;
  const base = new URL(job.baseUrl);
  const prefix = base.pathname.replace(/\/+$/, "");
  const needs = (f) => w.steps.some(f);
  const timed = w.requests === null;
  const amount = w.requests ?? Infinity;
  const tally = newTally();
  const latency = new LatencyRecorder();
  return new Promise((resolve, reject) => {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let lastResponseAt = t0;
    let finished = 0;
    const finish = (err) => {
      if (shared.stopped) return;
      const now = performance.now();
      for (const c of connections) c.abandon(now, overdueMs(latency, now - t0));
      shared.stopped = true;
      tally.measuring = false;
      const cpu = process.cpuUsage(cpu0);
      const tEnd = !timed && tally.responses > 0 ? lastResponseAt : performance.now();
      clearInterval(progressTimer);
      clearInterval(timeoutSweep);
      clearTimeout(stopTimer);
      for (const c of connections) c.close();
      if (err) reject(err);
      else {
        const fields = closedModelLatency(w, latency, tEnd - t0, connections.length);
        resolve(withSteps(summarize(tally, latency, tEnd - t0, cpu, fields), shared.stepLatency));
      }
    };
    const steps = prepareSteps(w.steps, prefix, base.host);
    const shared = {
      steps,
      stepLatency: stepRecorders(steps),
      host: base.host,
      hostname: base.hostname.replace(/^\[(.*)\]$/, "$1"),
      port: Number(base.port || 80),
      vars: { ...job.vars },
      keep: {
        headers: needs((s) => Object.values(s.capture ?? {}).some((v) => v.startsWith("headers."))),
        body: needs((s) => s.expect?.body !== void 0 || Object.keys(s.capture ?? {}).length > 0)
      },
      tally,
      latency,
      timeoutMs: w.timeoutMs,
      iteration: createIterationSource(w.steps, job.data),
      stages: w.stages?.kind === "connections" ? w.stages : null,
      thinkMs: w.thinkMs ?? 0,
      t0,
      stopped: false,
      settled: () => {
        finished++;
        if (!timed) {
          lastResponseAt = performance.now();
          if (finished >= amount) finish();
        }
      },
      fail: (err) => finish(err)
    };
    const count = Math.min(w.connections, amount);
    const unit = !timed && amount % w.steps.length === 0 ? w.steps.length : 1;
    const units = amount / unit;
    const share = (i) => timed ? Infinity : (Math.floor(units / count) + (i < units % count ? 1 : 0)) * unit;
    const connections = Array.from(
      { length: count },
      (_, i) => new Connection(shared, share(i), i)
    );
    const progressTimer = startProgress(tally, t0, onProgress);
    const timeoutSweep = setInterval(
      () => {
        const now = performance.now();
        for (const c of connections) c.checkTimeout(now);
      },
      Math.max(10, Math.min(100, w.timeoutMs / 4))
    );
    const stopTimer = timed ? setTimeout(() => finish(), w.durationMs) : void 0;
    connections.forEach((c, i) => {
      const at = shared.stages ? firstReachAt(shared.stages, i + 1) : 0;
      if (at === null) return;
      if (at <= 0) c.open();
      else setTimeout(() => c.open(), at).unref();
    });
  });
}

export {
  nativeEngineFits,
  runNativeLoadJob
};
