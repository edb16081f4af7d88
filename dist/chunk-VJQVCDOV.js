import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  isIdempotent,
  prepareSteps,
  serialize,
  socketHost
} from "./chunk-UEKVTZGY.js";
import {
  createIterationSource,
  firstReachAt,
  isConnectionActive
} from "./chunk-FJK4FC5C.js";
import {
  LatencyRecorder,
  applyCaptures,
  isExpectedBody,
  isExpectedStatus,
  newTally,
  overdueMs,
  renderParts,
  startProgress,
  summarize
} from "./chunk-MIODLOIC.js";
import {
  LoadError
} from "./chunk-I2DQ53TU.js";
import {
  closedModelLatency
} from "./chunk-NM4ZIQ3O.js";

// src/load/native-engine.ts
import { performance as performance2 } from "node:perf_hooks";

// src/load/connection.ts
import net from "node:net";
import { performance } from "node:perf_hooks";

// src/load/http1-head.ts
var ProtocolError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "ProtocolError";
  }
};
function newHeadInfo() {
  return {
    status: 0,
    http10: false,
    length: -1,
    chunked: false,
    close: false,
    keepAliveToken: false
  };
}
var LF = 10;
var CR = 13;
var SP = 32;
var HT = 9;
var ascii = (s) => Uint8Array.from(s, (c) => c.charCodeAt(0));
var CONTENT_LENGTH = ascii("content-length");
var CONNECTION = ascii("connection");
var TRANSFER_ENCODING = ascii("transfer-encoding");
var CHUNKED = ascii("chunked");
var CLOSE = ascii("close");
var KEEP_ALIVE = ascii("keep-alive");
var HTTP_1 = ascii("HTTP/1.");
var clStart = 0;
var clEnd = 0;
var clValues = null;
var teStart = -1;
var teEnd = -1;
var latin1 = (buf, from, to) => buf.toString("latin1", from, to);
var lower = (buf, from, to) => latin1(buf, from, to).toLowerCase();
function lineFeed(buf, from, to) {
  for (let i = from; i < to; i++) if (buf[i] === LF) return i;
  return -1;
}
function readHead(buf, start, end, h) {
  let lf = lineFeed(buf, start, end);
  if (lf < 0) return -1;
  readStatusLine(buf, start, lf > start && buf[lf - 1] === CR ? lf - 1 : lf, h);
  h.length = -1;
  h.chunked = false;
  h.close = false;
  h.keepAliveToken = false;
  clStart = -1;
  clValues = null;
  teStart = -1;
  for (let i = lf + 1; ; i = lf + 1) {
    lf = lineFeed(buf, i, end);
    if (lf < 0) return -1;
    const lineEnd = lf > i && buf[lf - 1] === CR ? lf - 1 : lf;
    if (lineEnd === i) break;
    headerLine(buf, i, lineEnd, h);
  }
  if (clValues) h.length = contentLength(clValues);
  else if (clStart >= 0) h.length = digits(buf, clStart, clEnd);
  if (teStart >= 0) {
    h.chunked = equalsLower(buf, teStart, teEnd, CHUNKED) || /(^|,)\s*chunked$/.test(lower(buf, teStart, teEnd));
  }
  return lf + 1;
}
function readStatusLine(buf, start, end, h) {
  let ok = end - start >= 12 && buf[start + 8] === SP;
  for (let k = 0; ok && k < HTTP_1.length; k++) ok = buf[start + k] === HTTP_1[k];
  const minor = buf[start + 7];
  ok &&= minor === 48 || minor === 49;
  let status = 0;
  for (let k = 9; ok && k < 12; k++) {
    const d = buf[start + k] - 48;
    ok = d >= 0 && d <= 9;
    status = status * 10 + d;
  }
  ok &&= end === start + 12 || buf[start + 12] === SP || buf[start + 12] === CR;
  if (!ok) {
    throw new ProtocolError(
      `not an HTTP/1.x status line: ${JSON.stringify(latin1(buf, start, end))}`
    );
  }
  h.status = status;
  h.http10 = minor === 48;
}
function valueOf(buf, start, end, name) {
  const n = name.length;
  if (end - start <= n) return -1;
  for (let k = 0; k < n; k++) {
    let c = buf[start + k];
    if (c >= 65 && c <= 90) c += 32;
    if (c !== name[k]) return -1;
  }
  let i = start + n;
  while (i < end && (buf[i] === SP || buf[i] === HT)) i++;
  return i < end && buf[i] === 58 ? i + 1 : -1;
}
function isSpace(c) {
  return c === SP || c === HT || c === CR || c === 11 || c === 12 || c === 160;
}
function headerLine(buf, start, end, h) {
  const first = buf[start] | 32;
  if (first !== 99 && first !== 116) return;
  let v = valueOf(buf, start, end, CONTENT_LENGTH);
  let kind = 0;
  if (v >= 0) kind = 1;
  else if ((v = valueOf(buf, start, end, CONNECTION)) >= 0) kind = 2;
  else if ((v = valueOf(buf, start, end, TRANSFER_ENCODING)) >= 0) kind = 3;
  else return;
  let e = end;
  while (v < e && isSpace(buf[v])) v++;
  while (e > v && isSpace(buf[e - 1])) e--;
  if (kind === 1) {
    if (clValues) clValues.push(lower(buf, v, e));
    else if (clStart >= 0) clValues = [lower(buf, clStart, clEnd), lower(buf, v, e)];
    else [clStart, clEnd] = [v, e];
  } else if (kind === 3) {
    [teStart, teEnd] = [v, e];
  } else if (equalsLower(buf, v, e, KEEP_ALIVE)) {
    h.keepAliveToken = true;
  } else if (equalsLower(buf, v, e, CLOSE)) {
    h.close = true;
  } else {
    const value = lower(buf, v, e);
    h.close ||= /\bclose\b/.test(value);
    h.keepAliveToken ||= /\bkeep-alive\b/.test(value);
  }
}
function equalsLower(buf, start, end, lower2) {
  if (end - start !== lower2.length) return false;
  for (let k = 0; k < lower2.length; k++) {
    let c = buf[start + k];
    if (c >= 65 && c <= 90) c += 32;
    if (c !== lower2[k]) return false;
  }
  return true;
}
function digits(buf, start, end) {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = buf[i] - 48;
    if (d < 0 || d > 9 || n > Number.MAX_SAFE_INTEGER / 10)
      return contentLength([lower(buf, start, end)]);
    n = n * 10 + d;
  }
  return end > start && Number.isSafeInteger(n) ? n : contentLength([lower(buf, start, end)]);
}
function contentLength(values) {
  const first = values[0];
  if (values.some((v) => v !== first))
    throw new ProtocolError(`conflicting content-length values ${JSON.stringify(values)}`);
  const length = Number(first);
  if (!/^\d+$/.test(first) || !Number.isSafeInteger(length))
    throw new ProtocolError(`bad content-length ${JSON.stringify(first)}`);
  return length;
}
function headerMap(buf, start, end) {
  const out = {};
  const lines = latin1(buf, start, end).split(/\r?\n/);
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

// src/load/http1-response-parser.ts
var Framing = { Length: 0, Chunked: 1, Close: 2 };
var Chunk = { Size: 0, Data: 1, DataEnd: 2, Trailers: 3, Done: 4 };
var HTTP_PREFIX = Buffer.from("HTTP/");
var LF2 = 10;
var CR2 = 13;
var MAX_HEAD = 64 * 1024;
var Http1ResponseParser = class {
  constructor(keep) {
    this.keep = keep;
  }
  keep;
  /** Unconsumed bytes (an incomplete head or chunk line), copied. */
  pending = null;
  /** A response is being received. */
  active = false;
  framing = Framing.Length;
  remaining = 0;
  chunk = Chunk.Size;
  parts = [];
  head = newHeadInfo();
  /** The response being received, then the one completed (reused). */
  r = {
    status: 0,
    bytes: 0,
    headers: null,
    body: null,
    keepAlive: true
  };
  /** Feeds bytes; returns copies of the responses completed by them, in order. */
  push(chunk, headRequest) {
    const done = [];
    const sink = {
      isHeadRequest: headRequest,
      onResponse: (r) => done.push({ ...r }) > 0
    };
    this.feed(chunk, 0, chunk.length, sink);
    return done;
  }
  /**
   * Feeds input[start, end), which is only read during the call; tells `sink` of each
   * response it completes.
   */
  feed(input, start, end, sink) {
    let buf = input;
    let i = start;
    let n = end;
    if (this.pending) {
      buf = Buffer.concat([this.pending, input.subarray(start, end)]);
      this.pending = null;
      i = 0;
      n = buf.length;
    }
    while (i < n) {
      if (!this.active) {
        const after = this.startResponse(buf, i, n, sink);
        if (after < 0) return;
        i = after;
        if (!this.active) continue;
      }
      i = this.framing === Framing.Chunked ? this.feedChunked(buf, i, n) : this.feedBody(buf, i, n);
      if (this.isComplete()) {
        this.active = false;
        const r = this.r;
        if (this.keep.body) {
          r.body = Buffer.concat(this.parts).toString("utf8");
          this.parts = [];
        }
        if (!sink.onResponse(r)) return;
      }
    }
  }
  /**
   * The connection ended. Returns the response it completes (a body framed by the close), or
   * null; throws when a response was cut off midway.
   */
  end() {
    if (this.active && this.framing === Framing.Close) {
      this.active = false;
      const body = this.keep.body ? Buffer.concat(this.parts).toString("utf8") : null;
      return { ...this.r, body };
    }
    if (this.active || this.pending) {
      throw new ProtocolError("connection closed in the middle of a response");
    }
    return null;
  }
  /** True when part of a response has been received and not yet completed. */
  get midResponse() {
    return this.active || this.pending !== null;
  }
  /**
   * Reads the head at buf[i]; returns where it ends, or -1 when it is incomplete (kept as
   * pending). Leaves `active` false for an interim 1xx response.
   */
  startResponse(buf, i, n, sink) {
    for (let k = 0; k < 5 && i + k < n; k++) {
      if (buf[i + k] !== HTTP_PREFIX[k]) {
        const line = buf.toString("latin1", i, Math.min(n, i + 40)).split(/\r?\n/)[0];
        throw new ProtocolError(`not an HTTP/1.x status line: ${JSON.stringify(line)}`);
      }
    }
    const h = this.head;
    const after = readHead(buf, i, n, h);
    if (after < 0) {
      if (n - i > MAX_HEAD) throw new ProtocolError("response head over 64 KiB");
      this.pending = Buffer.from(buf.subarray(i, n));
      return -1;
    }
    const status = h.status;
    if (status >= 100 && status < 200 && status !== 101) return after;
    const noBody = status === 204 || status === 304 || status === 101 || sink.isHeadRequest();
    this.framing = noBody ? Framing.Length : h.chunked ? Framing.Chunked : h.length >= 0 ? Framing.Length : Framing.Close;
    this.remaining = noBody ? 0 : h.length;
    this.chunk = Chunk.Size;
    const keepAlive = h.http10 ? h.keepAliveToken : !h.close;
    const r = this.r;
    r.status = status;
    r.bytes = after - i;
    r.headers = this.keep.headers ? headerMap(buf, i, after) : null;
    r.keepAlive = keepAlive && this.framing !== Framing.Close;
    this.active = true;
    return after;
  }
  /** Consumes what belongs to a body framed by length or close; returns where it stopped. */
  feedBody(buf, i, n) {
    if (this.framing === Framing.Close) {
      this.take(buf, i, n);
      return n;
    }
    const m = Math.min(this.remaining, n - i);
    this.take(buf, i, i + m);
    this.remaining -= m;
    return i + m;
  }
  feedChunked(buf, from, n) {
    let i = from;
    while (i < n && this.chunk !== Chunk.Done) {
      if (this.chunk === Chunk.Data) {
        const m = Math.min(this.remaining, n - i);
        this.take(buf, i, i + m);
        this.remaining -= m;
        i += m;
        if (this.remaining === 0) this.chunk = Chunk.DataEnd;
        continue;
      }
      let eol = i;
      while (eol < n && buf[eol] !== LF2) eol++;
      if (eol === n) {
        if (n - i > MAX_HEAD) throw new ProtocolError("chunk line over 64 KiB");
        this.pending = Buffer.from(buf.subarray(i, n));
        return n;
      }
      const cr = eol > i && buf[eol - 1] === CR2 ? 1 : 0;
      const line = buf.toString("latin1", i, eol - cr);
      this.r.bytes += eol + 1 - i;
      i = eol + 1;
      if (this.chunk === Chunk.Size) {
        const size = parseInt(line.split(";")[0], 16);
        if (!Number.isSafeInteger(size) || size < 0)
          throw new ProtocolError(`bad chunk size ${JSON.stringify(line)}`);
        if (size === 0) this.chunk = Chunk.Trailers;
        else [this.chunk, this.remaining] = [Chunk.Data, size];
      } else if (this.chunk === Chunk.DataEnd) {
        if (line !== "") throw new ProtocolError("chunk data longer than its size");
        this.chunk = Chunk.Size;
      } else if (line === "") {
        this.chunk = Chunk.Done;
      }
    }
    return i;
  }
  /** Counts body bytes buf[from, to), and keeps a copy when bodies are kept. */
  take(buf, from, to) {
    this.r.bytes += to - from;
    if (this.keep.body && to > from) this.parts.push(Buffer.from(buf.subarray(from, to)));
  }
  isComplete() {
    if (this.pending) return false;
    if (this.framing === Framing.Length) return this.remaining === 0;
    if (this.framing === Framing.Chunked) return this.chunk === Chunk.Done;
    return false;
  }
};

// src/load/connection.ts
var READ_BUFFER = Buffer.allocUnsafe(64 * 1024);
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
  parser = null;
  connected = false;
  step = 0;
  context;
  /** The request on the wire (null: none), when it was sent, and whether it is a resend. */
  inflight = null;
  sentAt = 0;
  inflightResent = false;
  /** Overdue when the run ended: waits for its answer in the drain (see endRun). */
  late = false;
  /** When the pending connect started, or -1 once connected. */
  connectingSince = -1;
  /** Responses on the current socket. */
  served = 0;
  /** Resend the current step (a kept-alive connection closed before answering it). */
  resend = false;
  failures = 0;
  /** A response completed during the current read. */
  answered = false;
  /** The clock at the last response, the send time of the request that follows it. */
  now = 0;
  /** The run has started: a connection opened before it waits for start() to send. */
  live = true;
  /** The connect before the run failed; start() counts it. */
  preconnectFailed = false;
  /** Told once when the connect before the run succeeded or failed. */
  ready = null;
  /** Called when a write is done (at once, as a rule). */
  written = () => {
  };
  open() {
    if (this.s.stopped) return;
    let socket = null;
    const onread = {
      buffer: READ_BUFFER,
      callback: (n) => this.onRead(socket, n)
    };
    socket = net.connect({ host: this.s.hostname, port: this.s.port, onread });
    this.socket = socket;
    this.written = (err) => {
      if (err) socket.destroy();
    };
    this.parser = new Http1ResponseParser(this.s.keep);
    this.served = 0;
    this.connected = false;
    this.connectingSince = performance.now();
    socket.setNoDelay(true);
    socket.on("connect", () => this.onConnect(socket));
    socket.on("error", () => {
    });
    socket.on("close", () => this.onClose(socket));
  }
  /** Connects before the run's clock starts, without sending; `ready` once it is known how. */
  preconnect(ready) {
    this.live = false;
    this.ready = ready;
    this.open();
  }
  /**
   * The clock started: send on the connection opened by preconnect(), or count its failed
   * connect and connect again (a connect still pending sends when it is done).
   */
  start(now) {
    this.live = true;
    this.ready = null;
    if (this.preconnectFailed) {
      this.preconnectFailed = false;
      this.unsent("connection");
      this.reopen();
    } else if (this.connected && this.socket) this.send(now);
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
    const since = this.inflight ? this.sentAt : this.connectingSince;
    if (since < 0 || now - since < this.s.timeoutMs || !this.socket) return;
    const socket = this.socket;
    this.socket = null;
    socket.destroy();
    if (this.inflight) this.failed("timeout");
    else this.unsent("timeout");
    this.reopen();
  }
  /**
   * The run is over. A connection whose request has waited longer than `overdue` ms stays open
   * for the drain and returns true: it is incomplete unless its answer comes (lateDone); every
   * other connection closes.
   */
  endRun(now, overdue) {
    this.late = this.inflight !== null && this.socket !== null && this.s.tally.measuring && now - this.sentAt > overdue;
    if (!this.late) this.close();
    return this.late;
  }
  /** Whether the request that was overdue when the run ended is still unanswered. */
  isLate() {
    return this.late;
  }
  /** The late request was answered (true) or its connection closed without an answer. */
  lateSettled(answered) {
    this.late = false;
    this.close();
    this.s.lateDone(answered);
  }
  isHeadRequest() {
    return this.inflight?.isHead ?? false;
  }
  onConnect(socket) {
    if (socket !== this.socket) return;
    this.connected = true;
    this.connectingSince = -1;
    if (this.live) this.send(performance.now());
    else this.preconnected();
  }
  send(now) {
    const socket = this.socket;
    if (this.s.stopped || !socket || this.budget <= 0 || !this.live) return;
    const stages = this.s.stages;
    if (stages && !isConnectionActive(stages, this.index, now - this.s.t0)) {
      setTimeout(() => this.send(performance.now()), 10).unref();
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
        return this.send(now);
      }
      if (filled === null) {
        const what = `${step.parts.method} ${step.parts.path}`;
        return this.s.fail(new LoadError(`${what}: a {{value}} it uses has no value`));
      }
      bytes = serialize(filled, this.s.host);
    }
    this.budget--;
    this.inflight = step;
    this.sentAt = now;
    this.inflightResent = this.resend;
    this.resend = false;
    socket._write(bytes, "buffer", this.written);
  }
  /** Bytes came into READ_BUFFER[0, n). Returns true: go on reading. */
  onRead(socket, n) {
    if (socket !== this.socket) return true;
    this.answered = false;
    try {
      this.parser.feed(READ_BUFFER, 0, n, this);
    } catch (err) {
      if (socket !== this.socket) return true;
      this.socket = null;
      socket.destroy();
      this.failed(err instanceof ProtocolError ? "protocol" : "connection");
      this.reopen();
      return true;
    }
    if (this.answered && socket === this.socket && !socket.destroyed && !this.inflight) {
      this.sendAfterThink();
    }
    return true;
  }
  /** A response came (during onRead): account for it; false when the socket is done. */
  onResponse(r) {
    const socket = this.socket;
    if (socket === null) return false;
    this.answered = true;
    this.receive(r);
    if (!r.keepAlive) {
      socket.destroy();
      return false;
    }
    return socket === this.socket;
  }
  /** Sends the next request, after the think time when one is set. */
  sendAfterThink() {
    if (this.s.thinkMs > 0) setTimeout(() => this.send(performance.now()), this.s.thinkMs).unref();
    else this.send(this.now);
  }
  receive(r) {
    if (this.late) return this.lateSettled(true);
    const now = performance.now();
    this.now = now;
    if (now >= this.s.endsAt) return this.s.timeUp();
    const step = this.inflight;
    if (!step) return;
    this.inflight = null;
    this.failures = 0;
    this.served++;
    const { tally } = this.s;
    if (tally.measuring) {
      tally.responses++;
      tally.bytes += r.bytes;
      tally.statusCounts[r.status] = (tally.statusCounts[r.status] ?? 0) + 1;
      const ms = now - this.sentAt;
      this.s.latency.record(ms);
      if (this.s.stepLatency) this.s.stepLatency.get(step)?.record(ms);
    }
    const spec = step.spec;
    if (spec.expect !== void 0 || spec.capture !== void 0) this.check(step, r);
    else if (!(r.status >= 200 && r.status < 300) && tally.measuring) tally.errors.status++;
    this.next();
  }
  /** Status and body checks and captures of a step that has them. */
  check(step, r) {
    const { tally } = this.s;
    const spec = step.spec;
    const body = r.body ?? "";
    if (!isExpectedStatus(spec, r.status)) {
      if (tally.measuring) tally.errors.status++;
    } else if (!isExpectedBody(spec, body)) {
      if (tally.measuring) tally.errors.body++;
    } else if (spec.capture && !applyCaptures(spec, r.status, body, r.headers ?? {}, this.context) && tally.measuring) {
      tally.errors.body++;
    }
  }
  onClose(socket) {
    if (socket !== this.socket) return;
    if (this.late) return this.lateSettled(this.lastResponse() !== null);
    this.socket = null;
    if (!this.live) {
      if (this.connected) return this.reopen();
      this.preconnectFailed = true;
      return this.preconnected();
    }
    if (!this.connected) {
      this.unsent("connection");
      return this.reopen();
    }
    let last = null;
    let cut = false;
    try {
      last = this.parser.end();
    } catch {
      cut = true;
    }
    if (last) this.receive(last);
    else if (this.inflight && !cut && this.served > 0 && this.mayResend(this.inflight)) {
      this.inflight = null;
      this.budget++;
      this.resend = true;
    } else if (this.inflight) this.failed(cut ? "protocol" : "connection");
    this.reopen();
  }
  /** The response a close completes (one framed by the end of the connection), if any. */
  lastResponse() {
    try {
      return this.parser?.end() ?? null;
    } catch {
      return null;
    }
  }
  preconnected() {
    const ready = this.ready;
    this.ready = null;
    ready?.();
  }
  mayResend(step) {
    return !this.inflightResent && isIdempotent(step.parts.method);
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
var DRAIN_MS = 1e3;
var Drain = class {
  constructor(late, ms, tally, done) {
    this.tally = tally;
    this.done = done;
    this.left = late.length;
    this.timer = setTimeout(() => {
      tally.errors.incomplete += late.filter((c) => c.isLate()).length;
      this.end();
    }, ms);
  }
  tally;
  done;
  left;
  over = false;
  timer;
  /** A late connection settled; `answered` false counts its request as incomplete. */
  settled(answered) {
    if (this.over) return;
    if (!answered) this.tally.errors.incomplete++;
    if (--this.left === 0) this.end();
  }
  end() {
    if (this.over) return;
    this.over = true;
    clearTimeout(this.timer);
    this.done();
  }
};
function nativeEngineFits(job) {
  const w = job.workload;
  return w.pipelining === 1 && w.rate === null && new URL(job.baseUrl).protocol === "http:";
}
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
    let cpu0 = process.cpuUsage();
    let t0 = performance2.now();
    let lastResponseAt = t0;
    let finished = 0;
    let progressTimer;
    let timeoutSweep;
    let stopTimer;
    let drain = null;
    const finish = (err) => {
      if (shared.stopped) return;
      const now = performance2.now();
      const overdue = overdueMs(latency, now - t0);
      shared.stopped = true;
      const late = err ? [] : connections.filter((c) => c.endRun(now, overdue));
      tally.measuring = false;
      const cpu = process.cpuUsage(cpu0);
      const tEnd = !timed && tally.responses > 0 ? lastResponseAt : performance2.now();
      clearInterval(progressTimer);
      clearInterval(timeoutSweep);
      clearTimeout(stopTimer);
      if (err) {
        for (const c of connections) c.close();
        return reject(err);
      }
      const done = () => {
        for (const c of connections) c.close();
        const fields = closedModelLatency(w, latency, tEnd - t0, connections.length);
        resolve(withSteps(summarize(tally, latency, tEnd - t0, cpu, fields), shared.stepLatency));
      };
      if (late.length === 0) return done();
      drain = new Drain(late, Math.min(DRAIN_MS, w.timeoutMs), tally, done);
    };
    const steps = prepareSteps(w.steps, prefix, base.host);
    const shared = {
      steps,
      stepLatency: stepRecorders(steps),
      host: base.host,
      hostname: socketHost(base),
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
      endsAt: Infinity,
      timeUp: () => finish(),
      lateDone: (answered) => drain?.settled(answered),
      stopped: false,
      settled: () => {
        finished++;
        if (!timed) {
          lastResponseAt = performance2.now();
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
    const opensAt = connections.map(
      (_, i) => shared.stages ? firstReachAt(shared.stages, i + 1) : 0
    );
    const first = connections.filter((_, i) => opensAt[i] !== null && opensAt[i] <= 0);
    let started = false;
    const start = () => {
      if (started) return;
      started = true;
      clearTimeout(connectTimer);
      cpu0 = process.cpuUsage();
      t0 = performance2.now();
      lastResponseAt = t0;
      shared.t0 = t0;
      if (timed) shared.endsAt = t0 + w.durationMs;
      progressTimer = startProgress(tally, t0, onProgress);
      timeoutSweep = setInterval(
        () => {
          const now = performance2.now();
          for (const c of connections) c.checkTimeout(now);
        },
        Math.max(10, Math.min(100, w.timeoutMs / 4))
      );
      stopTimer = timed ? setTimeout(() => finish(), w.durationMs) : void 0;
      for (const c of first) c.start(t0);
      connections.forEach((c, i) => {
        const at = opensAt[i];
        if (at !== null && at > 0) setTimeout(() => c.open(), at).unref();
      });
    };
    let connecting = first.length;
    const connectTimer = setTimeout(start, w.timeoutMs);
    if (connecting === 0) start();
    for (const c of first) c.preconnect(() => --connecting === 0 && start());
  });
}

export {
  DRAIN_MS,
  nativeEngineFits,
  runNativeLoadJob
};
