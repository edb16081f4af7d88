// One keep-alive connection of the built-in client, running the workload's steps in a loop: it
// sends a request, waits for the whole response, checks and captures, and sends the next. The
// per-request path is kept lean (see `npm run bench:loadgen`): sockets read with `onread` into
// one buffer shared by all connections (no stream machinery, no Buffer per read), a prebuilt
// request Buffer per step, the head read from the bytes, no objects or closures per request,
// and one clock reading per response, which is also the next request's send time.
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import type { ResolvedStages } from '../config/resolve-extras.ts';
import {
  Http1ResponseParser,
  ProtocolError,
  type ParsedResponse,
  type ResponseSink,
} from './http1-response-parser.ts';
import type { IterationSource } from './iteration-values.ts';
import type { LatencyRecorder } from './latency-recorder.ts';
import { isIdempotent, serialize, type Step } from './request-bytes.ts';
import {
  applyCaptures,
  isExpectedBody,
  isExpectedStatus,
  renderParts,
  type Values,
} from './request-template.ts';
import type { Tally } from './run-tally.ts';
import { isConnectionActive } from './stage-schedule.ts';
import { LoadError } from './types.ts';

/** What the connections of one run share. */
export interface Shared {
  steps: Step[];
  host: string;
  hostname: string;
  port: number;
  vars: Values;
  keep: { headers: boolean; body: boolean };
  tally: Tally;
  latency: LatencyRecorder;
  /** Latency per step label (method and path) for sequences and mixes; null for one request. */
  stepLatency: Map<Step, LatencyRecorder> | null;
  timeoutMs: number;
  /** Fills {{seq}}, {{random.*}} and {{data.*}} at the start of each iteration; null if unused. */
  iteration: IterationSource | null;
  /** Closed-model stages: connection i sends only while the target exceeds i. */
  stages: ResolvedStages | null;
  /** Wait after a response before the next request (think time), in ms. */
  thinkMs: number;
  /** When the run started (performance.now()). */
  t0: number;
  /**
   * When a timed run ends (performance.now(); Infinity for a count). Checked per response too:
   * with thousands of busy sockets the event loop can go seconds between timers.
   */
  endsAt: number;
  /** Ends the run (its time is up). */
  timeUp: () => void;
  /** A request overdue when the run ended (see Connection.endRun) was answered, or was lost. */
  lateDone: (answered: boolean) => void;
  stopped: boolean;
  /** Called after each finished request (response or error). */
  settled: () => void;
  fail: (err: Error) => void;
}

/**
 * Where every socket of the process reads to: read callbacks run one at a time, and the
 * parser copies what it keeps, so one buffer serves all connections.
 */
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);

/** One keep-alive connection running the workload's steps in a loop. */
export class Connection implements ResponseSink {
  private socket: net.Socket | null = null;
  private parser: Http1ResponseParser | null = null;
  private connected = false;
  private step = 0;
  private context: Values;
  /** The request on the wire (null: none), when it was sent, and whether it is a resend. */
  private inflight: Step | null = null;
  private sentAt = 0;
  private inflightResent = false;
  /** Overdue when the run ended: waits for its answer in the drain (see endRun). */
  private late = false;
  /** When the pending connect started, or -1 once connected. */
  private connectingSince = -1;
  /** Responses on the current socket. */
  private served = 0;
  /** Resend the current step (a kept-alive connection closed before answering it). */
  private resend = false;
  private failures = 0;
  /** A response completed during the current read. */
  private answered = false;
  /** The clock at the last response, the send time of the request that follows it. */
  private now = 0;
  /** The run has started: a connection opened before it waits for start() to send. */
  private live = true;
  /** The connect before the run failed; start() counts it. */
  private preconnectFailed = false;
  /** Told once when the connect before the run succeeded or failed. */
  private ready: (() => void) | null = null;
  /** Called when a write is done (at once, as a rule). */
  private written: (err?: Error | null) => void = () => {};

  /**
   * @param budget requests this connection sends in a run bounded by a count (its share, so a
   *   sequence's steps stay whole), Infinity in a timed run
   */
  constructor(
    private readonly s: Shared,
    private budget: number,
    private readonly index = 0,
  ) {
    this.context = { ...s.vars };
  }

  open(): void {
    if (this.s.stopped) return;
    let socket: net.Socket | null = null;
    const onread = {
      buffer: READ_BUFFER,
      callback: (n: number) => this.onRead(socket as net.Socket, n),
    };
    socket = net.connect({ host: this.s.hostname, port: this.s.port, onread });
    this.socket = socket;
    // A write that fails ends the socket; 'close' counts the request.
    this.written = (err?: Error | null) => {
      if (err) (socket as net.Socket).destroy();
    };
    this.parser = new Http1ResponseParser(this.s.keep);
    this.served = 0;
    this.connected = false;
    this.connectingSince = performance.now();
    socket.setNoDelay(true);
    socket.on('connect', () => this.onConnect(socket as net.Socket));
    socket.on('error', () => {}); // 'close' follows and does the accounting
    socket.on('close', () => this.onClose(socket as net.Socket));
  }

  /** Connects before the run's clock starts, without sending; `ready` once it is known how. */
  preconnect(ready: () => void): void {
    this.live = false;
    this.ready = ready;
    this.open();
  }

  /**
   * The clock started: send on the connection opened by preconnect(), or count its failed
   * connect and connect again (a connect still pending sends when it is done).
   */
  start(now: number): void {
    this.live = true;
    this.ready = null;
    if (this.preconnectFailed) {
      this.preconnectFailed = false;
      this.unsent('connection');
      this.reopen();
    } else if (this.connected && this.socket) this.send(now);
  }

  close(): void {
    this.socket?.destroy();
    this.socket = null;
  }

  /**
   * Counts a timeout when a response, or the connection it waits for, is overdue, and starts
   * over on a new connection.
   */
  checkTimeout(now: number): void {
    const since = this.inflight ? this.sentAt : this.connectingSince;
    if (since < 0 || now - since < this.s.timeoutMs || !this.socket) return;
    const socket = this.socket;
    this.socket = null; // its 'close' is not counted again
    socket.destroy();
    if (this.inflight) this.failed('timeout');
    else this.unsent('timeout');
    this.reopen();
  }

  /**
   * The run is over. A connection whose request has waited longer than `overdue` ms stays open
   * for the drain and returns true: it is incomplete unless its answer comes (lateDone); every
   * other connection closes.
   */
  endRun(now: number, overdue: number): boolean {
    this.late =
      this.inflight !== null &&
      this.socket !== null &&
      this.s.tally.measuring &&
      now - this.sentAt > overdue;
    if (!this.late) this.close();
    return this.late;
  }

  /** Whether the request that was overdue when the run ended is still unanswered. */
  isLate(): boolean {
    return this.late;
  }

  /** The late request was answered (true) or its connection closed without an answer. */
  private lateSettled(answered: boolean): void {
    this.late = false;
    this.close();
    this.s.lateDone(answered);
  }

  isHeadRequest(): boolean {
    return this.inflight?.isHead ?? false;
  }

  private onConnect(socket: net.Socket): void {
    if (socket !== this.socket) return;
    this.connected = true;
    this.connectingSince = -1;
    if (this.live) this.send(performance.now());
    else this.preconnected(); // start() sends (perhaps at once: this was the last to connect)
  }

  private send(now: number): void {
    const socket = this.socket;
    if (this.s.stopped || !socket || this.budget <= 0 || !this.live) return;
    const stages = this.s.stages;
    if (stages && !isConnectionActive(stages, this.index, now - this.s.t0)) {
      // Ramping down: this connection stays open but idle until the target needs it again.
      setTimeout(() => this.send(performance.now()), 10).unref();
      return;
    }
    const step = this.s.steps[this.step] as Step;
    if (this.step === 0 && !this.resend) this.s.iteration?.begin(this.context);
    let bytes = step.fixed;
    if (!bytes) {
      const filled = renderParts(step.parts, this.context);
      if (filled === null && this.step !== 0) {
        // A value this step needs was not captured: the sequence starts over, fresh.
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
    // Straight to the socket's own write, past the Writable stream's buffering and the tick it
    // schedules per write (a third of the client's CPU per request at 1,000 connections): the
    // connection writes one request, after connect, and only once the last one is answered.
    socket._write(bytes, 'buffer' as BufferEncoding, this.written);
  }

  /** Bytes came into READ_BUFFER[0, n). Returns true: go on reading. */
  private onRead(socket: net.Socket, n: number): boolean {
    if (socket !== this.socket) return true;
    this.answered = false;
    try {
      (this.parser as Http1ResponseParser).feed(READ_BUFFER, 0, n, this);
    } catch (err) {
      if (socket !== this.socket) return true;
      this.socket = null;
      socket.destroy();
      this.failed(err instanceof ProtocolError ? 'protocol' : 'connection');
      this.reopen();
      return true;
    }
    // Not on a socket ended after its response (Connection: close): 'close' opens the next.
    if (this.answered && socket === this.socket && !socket.destroyed && !this.inflight) {
      this.sendAfterThink();
    }
    return true;
  }

  /** A response came (during onRead): account for it; false when the socket is done. */
  onResponse(r: ParsedResponse): boolean {
    const socket = this.socket;
    if (socket === null) return false;
    this.answered = true;
    this.receive(r);
    if (!r.keepAlive) {
      socket.destroy(); // the server closes it; 'close' opens the next one
      return false;
    }
    return socket === this.socket;
  }

  /** Sends the next request, after the think time when one is set. */
  private sendAfterThink(): void {
    if (this.s.thinkMs > 0) setTimeout(() => this.send(performance.now()), this.s.thinkMs).unref();
    else this.send(this.now);
  }

  private receive(r: ParsedResponse): void {
    if (this.late) return this.lateSettled(true);
    const now = performance.now();
    this.now = now;
    if (now >= this.s.endsAt) return this.s.timeUp(); // after the run: not counted
    const step = this.inflight;
    if (!step) return; // a response nobody asked for: ignore it
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
    if (spec.expect !== undefined || spec.capture !== undefined) this.check(step, r);
    else if (!(r.status >= 200 && r.status < 300) && tally.measuring) tally.errors.status++;
    this.next();
  }

  /** Status and body checks and captures of a step that has them. */
  private check(step: Step, r: ParsedResponse): void {
    const { tally } = this.s;
    const spec = step.spec;
    const body = r.body ?? '';
    if (!isExpectedStatus(spec, r.status)) {
      if (tally.measuring) tally.errors.status++;
    } else if (!isExpectedBody(spec, body)) {
      if (tally.measuring) tally.errors.body++;
    } else if (
      spec.capture &&
      !applyCaptures(spec, r.status, body, r.headers ?? {}, this.context) &&
      tally.measuring
    ) {
      tally.errors.body++;
    }
  }

  private onClose(socket: net.Socket): void {
    if (socket !== this.socket) return; // closed by perfgate: counted already, or the run is over
    if (this.late) return this.lateSettled(this.lastResponse() !== null);
    this.socket = null;
    if (!this.live) {
      // Before the run: a failed connect is counted when the run starts; a connection the
      // server closed while idle is opened again.
      if (this.connected) return this.reopen();
      this.preconnectFailed = true;
      return this.preconnected();
    }
    if (!this.connected) {
      this.unsent('connection'); // refused or unreachable
      return this.reopen();
    }
    let last: ParsedResponse | null = null;
    let cut = false;
    try {
      last = (this.parser as Http1ResponseParser).end();
    } catch {
      cut = true; // closed or reset in the middle of a response: not a whole response (protocol)
    }
    if (last) this.receive(last);
    else if (this.inflight && !cut && this.served > 0 && this.mayResend(this.inflight)) {
      // A kept-alive connection the server closed as the request went out (its idle timeout):
      // no byte of an answer came, so send it again on a new connection, once, as browsers do.
      this.inflight = null;
      this.budget++;
      this.resend = true;
    } else if (this.inflight) this.failed(cut ? 'protocol' : 'connection');
    this.reopen();
  }

  /** The response a close completes (one framed by the end of the connection), if any. */
  private lastResponse(): ParsedResponse | null {
    try {
      return this.parser?.end() ?? null;
    } catch {
      return null; // cut in the middle of a response
    }
  }

  private preconnected(): void {
    const ready = this.ready;
    this.ready = null;
    ready?.();
  }

  private mayResend(step: Step): boolean {
    return !this.inflightResent && isIdempotent(step.parts.method);
  }

  /** The request in flight failed: count it and go on with the next step. */
  private failed(kind: 'connection' | 'timeout' | 'protocol'): void {
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
  private unsent(kind: 'connection' | 'timeout'): void {
    this.failures++;
    if (this.s.tally.measuring) this.s.tally.errors[kind]++;
    if (this.budget !== Infinity) {
      this.budget--;
      this.s.settled();
    }
  }

  private next(): void {
    this.step = (this.step + 1) % this.s.steps.length;
    this.s.settled();
  }

  private reopen(): void {
    if (this.s.stopped || this.budget <= 0) return;
    // Back off while the server refuses connections, so a dead server is not hammered.
    const delay = this.failures === 0 ? 0 : Math.min(100, 2 ** this.failures);
    if (delay === 0) this.open();
    else setTimeout(() => this.open(), delay).unref();
  }
}
