// The built-in load client: closed-model HTTP/1.1 load over plain TCP sockets, for workloads of
// one request or a sequence, without pipelining or a fixed rate (those go to autocannon). Each
// connection sends a request, waits for the whole response, checks and captures, and sends the
// next: the least client work per request, so that on a small runner the server, not the load
// generator, sets the pace (see `npm run bench:loadgen`).
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import type { RequestSpec } from '../config/schema.ts';
import { prepareSteps, serialize, type Step } from './request-bytes.ts';
import {
  Http1ResponseParser,
  ProtocolError,
  type ParsedResponse,
} from './http1-response-parser.ts';
import { closedModelLatency } from './latency-basis.ts';
import { createIterationSource, type IterationSource } from './iteration-values.ts';
import { stepRecorders, withSteps } from './step-latency.ts';
import { LatencyRecorder } from './latency-recorder.ts';
import type { ResolvedStages } from '../config/resolve-extras.ts';
import { firstReachAt, isConnectionActive } from './stage-schedule.ts';
import type { LoadJob } from './protocol.ts';
import {
  applyCaptures,
  isExpectedBody,
  isExpectedStatus,
  renderParts,
  type Values,
} from './request-template.ts';
import { newTally, overdueMs, startProgress, summarize, type Tally } from './run-tally.ts';
import { LoadError, type LoadProgress, type LoadResult } from './types.ts';

/** Whether the built-in client can run this job (else autocannon runs it). */
export function nativeEngineFits(job: LoadJob): boolean {
  const w = job.workload;
  return w.pipelining === 1 && w.rate === null && new URL(job.baseUrl).protocol === 'http:';
}

/** What the connections of one run share. */
interface Shared {
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
  stopped: boolean;
  /** Called after each finished request (response or error). */
  settled: () => void;
  fail: (err: Error) => void;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'TRACE']);

/** A request on the wire. */
interface Inflight {
  step: Step;
  sentAt: number;
  /** Already sent once on a kept-alive connection that closed without answering. */
  resent: boolean;
}

/** One keep-alive connection running the workload's steps in a loop. */
class Connection {
  private socket: net.Socket | null = null;
  private step = 0;
  private context: Values;
  private inflight: Inflight | null = null;
  /** When the pending connect started, or null once connected. */
  private connectingSince: number | null = null;
  /** Responses on the current socket. */
  private served = 0;
  /** Resend the current step (a kept-alive connection closed before answering it). */
  private resend = false;
  private failures = 0;

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
    const socket = net.connect({ host: this.s.hostname, port: this.s.port });
    const parser = new Http1ResponseParser(this.s.keep);
    this.socket = socket;
    this.served = 0;
    this.connectingSince = performance.now();
    socket.setNoDelay(true);
    let connected = false;
    socket.on('connect', () => {
      connected = true;
      this.connectingSince = null;
      this.send();
    });
    socket.on('data', (chunk: Buffer) => this.onData(socket, parser, chunk));
    socket.on('error', () => {}); // 'close' follows and does the accounting
    socket.on('close', () => this.onClose(socket, parser, connected));
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
    const since = this.inflight?.sentAt ?? this.connectingSince;
    if (since === null || now - since < this.s.timeoutMs || !this.socket) return;
    const socket = this.socket;
    this.socket = null; // its 'close' is not counted again
    socket.destroy();
    if (this.inflight) this.failed('timeout');
    else this.unsent('timeout');
    this.reopen();
  }

  private send(): void {
    if (this.s.stopped || !this.socket || this.budget <= 0) return;
    const stages = this.s.stages;
    if (stages && !isConnectionActive(stages, this.index, performance.now() - this.s.t0)) {
      // Ramping down: this connection stays open but idle until the target needs it again.
      setTimeout(() => this.send(), 10).unref();
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

  private onData(socket: net.Socket, parser: Http1ResponseParser, chunk: Buffer): void {
    if (socket !== this.socket) return;
    let responses: ParsedResponse[];
    try {
      responses = parser.push(chunk, () => this.inflight?.step.isHead ?? false);
    } catch (err) {
      this.socket = null;
      socket.destroy();
      this.failed(err instanceof ProtocolError ? 'protocol' : 'connection');
      this.reopen();
      return;
    }
    for (const r of responses) {
      this.onResponse(r);
      if (!r.keepAlive) {
        socket.destroy(); // the server closes it; 'close' opens the next one
        return;
      }
    }
    if (responses.length > 0 && !this.inflight) this.sendAfterThink();
  }

  /** Sends the next request, after the think time when one is set. */
  private sendAfterThink(): void {
    if (this.s.thinkMs > 0) setTimeout(() => this.send(), this.s.thinkMs).unref();
    else this.send();
  }

  private onResponse(r: ParsedResponse): void {
    const sent = this.inflight;
    if (!sent) return; // a response nobody asked for: ignore it
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
    this.next();
  }

  private onClose(socket: net.Socket, parser: Http1ResponseParser, connected: boolean): void {
    if (socket !== this.socket) return; // closed by perfgate: counted already, or the run is over
    this.socket = null;
    if (!connected) {
      this.unsent('connection'); // refused or unreachable
      return this.reopen();
    }
    let last: ParsedResponse | null = null;
    let cut = false;
    try {
      last = parser.end();
    } catch {
      cut = true; // closed or reset in the middle of a response: not a whole response (protocol)
    }
    if (last) this.onResponse(last);
    else if (this.inflight && !cut && this.served > 0 && this.mayResend(this.inflight)) {
      // A kept-alive connection the server closed as the request went out (its idle timeout):
      // no byte of an answer came, so send it again on a new connection, once, as browsers do.
      this.inflight = null;
      this.budget++;
      this.resend = true;
    } else if (this.inflight) this.failed(cut ? 'protocol' : 'connection');
    this.reopen();
  }

  private mayResend(r: Inflight): boolean {
    return !r.resent && IDEMPOTENT.has(r.step.parts.method.toUpperCase());
  }

  /** The run is over: a request unanswered for longer than `overdue` ms counts as incomplete. */
  abandon(now: number, overdue: number): void {
    const sent = this.inflight;
    if (sent && this.s.tally.measuring && now - sent.sentAt > overdue)
      this.s.tally.errors.incomplete++;
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

/** Runs one measured load run with the built-in client; see runLoadJob for the contract. */
export function runNativeLoadJob(
  job: LoadJob,
  onProgress: (p: LoadProgress) => void = () => {},
): Promise<LoadResult> {
  const w = job.workload;
  const base = new URL(job.baseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  const needs = (f: (s: RequestSpec) => boolean) => w.steps.some(f);
  const timed = w.requests === null;
  const amount = w.requests ?? Infinity;
  const tally = newTally();
  const latency = new LatencyRecorder();

  return new Promise<LoadResult>((resolve, reject) => {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let lastResponseAt = t0;
    let finished = 0;
    const finish = (err?: Error) => {
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
    const shared: Shared = {
      steps,
      stepLatency: stepRecorders(steps),
      host: base.host,
      hostname: base.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: Number(base.port || 80),
      vars: { ...job.vars },
      keep: {
        headers: needs((s) => Object.values(s.capture ?? {}).some((v) => v.startsWith('headers.'))),
        body: needs((s) => s.expect?.body !== undefined || Object.keys(s.capture ?? {}).length > 0),
      },
      tally,
      latency,
      timeoutMs: w.timeoutMs,
      iteration: createIterationSource(w.steps, job.data),
      stages: w.stages?.kind === 'connections' ? w.stages : null,
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
      fail: (err) => finish(err),
    };
    const count = Math.min(w.connections, amount);
    // Shares in whole iterations when the count allows, so a sequence's steps stay whole.
    const unit = !timed && amount % w.steps.length === 0 ? w.steps.length : 1;
    const units = amount / unit;
    const share = (i: number) =>
      timed ? Infinity : (Math.floor(units / count) + (i < units % count ? 1 : 0)) * unit;
    const connections = Array.from(
      { length: count },
      (_, i) => new Connection(shared, share(i), i),
    );
    const progressTimer = startProgress(tally, t0, onProgress);
    const timeoutSweep = setInterval(
      () => {
        const now = performance.now();
        for (const c of connections) c.checkTimeout(now);
      },
      Math.max(10, Math.min(100, w.timeoutMs / 4)),
    );
    const stopTimer = timed ? setTimeout(() => finish(), w.durationMs) : undefined;
    connections.forEach((c, i) => {
      // With stages, connection i opens when the ramp reaches i + 1 connections.
      const at = shared.stages ? firstReachAt(shared.stages, i + 1) : 0;
      if (at === null) return;
      if (at <= 0) c.open();
      else setTimeout(() => c.open(), at).unref();
    });
  });
}
