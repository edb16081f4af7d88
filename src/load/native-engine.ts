// The built-in load client: closed-model HTTP/1.1 load over plain TCP sockets, for workloads of
// one request or a sequence, without pipelining or a fixed rate (those go to autocannon). Each
// connection sends a request, waits for the whole response, checks and captures, and sends the
// next: the least client work per request, so that on a small runner the server, not the load
// generator, sets the pace (see `npm run bench:loadgen`).
import { performance } from 'node:perf_hooks';
import type { RequestSpec } from '../config/schema.ts';
import { Connection, type Shared } from './connection.ts';
import { prepareSteps, socketHost } from './request-bytes.ts';
import { closedModelLatency } from './latency-basis.ts';
import { createIterationSource } from './iteration-values.ts';
import { stepRecorders, withSteps } from './step-latency.ts';
import { LatencyRecorder } from './latency-recorder.ts';
import { firstReachAt } from './stage-schedule.ts';
import type { LoadJob } from './protocol.ts';
import { newTally, overdueMs, startProgress, summarize, type Tally } from './run-tally.ts';
import type { LoadProgress, LoadResult } from './types.ts';

/**
 * How long the end of a timed run waits for the requests that were overdue when it ended (see
 * overdueMs): one still answered was held up (a stall of the machine at the end of a short run,
 * say), not lost; one that is not is incomplete. The C client (load-client.c) does the same.
 */
export const DRAIN_MS = 1000;

/**
 * The drain of one run: the connections late when it ended either settle (answered, or closed
 * without an answer: incomplete) or are still late after `ms` (incomplete); then `done` runs once.
 */
class Drain {
  private left: number;
  private over = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    late: Connection[],
    ms: number,
    private readonly tally: Tally,
    private readonly done: () => void,
  ) {
    this.left = late.length;
    this.timer = setTimeout(() => {
      tally.errors.incomplete += late.filter((c) => c.isLate()).length;
      this.end();
    }, ms);
  }

  /** A late connection settled; `answered` false counts its request as incomplete. */
  settled(answered: boolean): void {
    if (this.over) return;
    if (!answered) this.tally.errors.incomplete++;
    if (--this.left === 0) this.end();
  }

  private end(): void {
    if (this.over) return;
    this.over = true;
    clearTimeout(this.timer);
    this.done();
  }
}

/** Whether the built-in client can run this job (else autocannon runs it). */
export function nativeEngineFits(job: LoadJob): boolean {
  const w = job.workload;
  return w.pipelining === 1 && w.rate === null && new URL(job.baseUrl).protocol === 'http:';
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
    let cpu0 = process.cpuUsage();
    let t0 = performance.now();
    let lastResponseAt = t0;
    let finished = 0;
    let progressTimer: NodeJS.Timeout | undefined;
    let timeoutSweep: NodeJS.Timeout | undefined;
    let stopTimer: NodeJS.Timeout | undefined;
    let drain: Drain | null = null;
    const finish = (err?: Error) => {
      if (shared.stopped) return;
      const now = performance.now();
      const overdue = overdueMs(latency, now - t0); // once: it reads the whole histogram
      shared.stopped = true;
      const late = err ? [] : connections.filter((c) => c.endRun(now, overdue));
      tally.measuring = false;
      const cpu = process.cpuUsage(cpu0);
      const tEnd = !timed && tally.responses > 0 ? lastResponseAt : performance.now();
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
      // The drain: a request overdue at the end is incomplete unless its answer still comes.
      if (late.length === 0) return done();
      drain = new Drain(late, Math.min(DRAIN_MS, w.timeoutMs), tally, done);
    };
    const steps = prepareSteps(w.steps, prefix, base.host);
    const shared: Shared = {
      steps,
      stepLatency: stepRecorders(steps),
      host: base.host,
      hostname: socketHost(base),
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
      endsAt: Infinity,
      timeUp: () => finish(),
      lateDone: (answered) => drain?.settled(answered),
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
    // With stages, connection i opens when the ramp reaches i + 1 connections (null: never).
    const opensAt = connections.map((_, i) =>
      shared.stages ? firstReachAt(shared.stages, i + 1) : 0,
    );
    const first = connections.filter((_, i) => opensAt[i] !== null && (opensAt[i] as number) <= 0);

    /** The clock starts: the connections opened before it send, the ramp opens the others. */
    let started = false;
    const start = () => {
      if (started) return;
      started = true;
      clearTimeout(connectTimer);
      cpu0 = process.cpuUsage();
      t0 = performance.now();
      lastResponseAt = t0;
      shared.t0 = t0;
      if (timed) shared.endsAt = t0 + w.durationMs;
      progressTimer = startProgress(tally, t0, onProgress);
      timeoutSweep = setInterval(
        () => {
          const now = performance.now();
          for (const c of connections) c.checkTimeout(now);
        },
        Math.max(10, Math.min(100, w.timeoutMs / 4)),
      );
      stopTimer = timed ? setTimeout(() => finish(), w.durationMs) : undefined;
      for (const c of first) c.start(t0);
      connections.forEach((c, i) => {
        const at = opensAt[i] as number | null;
        if (at !== null && at > 0) setTimeout(() => c.open(), at).unref();
      });
    };
    // The connections that send from the start connect before the clock starts, for up to the
    // request timeout: a server with a small listen backlog drops SYNs of connections arriving
    // at once, and the kernel's 1 s SYN retransmit would otherwise come out of their run.
    let connecting = first.length;
    const connectTimer = setTimeout(start, w.timeoutMs);
    if (connecting === 0) start();
    for (const c of first) c.preconnect(() => --connecting === 0 && start());
  });
}
