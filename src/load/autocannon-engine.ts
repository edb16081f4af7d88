// The measuring engine inside the load worker process, and the only code that knows autocannon.
// It calls autocannon's internal runner (lib/run.js) directly: the package entry crashes when
// bundled, its CLI validator refuses timeouts under 1s, and its aggregation and own
// millisecond histograms are work perfgate does not need. Counting, checks and latency
// recording are perfgate's own, from autocannon's per-response events.
import { performance } from 'node:perf_hooks';
import runAutocannon from 'autocannon/lib/run.js';
import type {
  AcHistogram,
  AcOptions,
  AcRequest,
  AcTracker,
  RawHeaders,
} from 'autocannon/lib/run.js';
import type { RequestSpec } from '../config/schema.ts';
import { LatencyRecorder } from './latency-recorder.ts';
import { closedModelLatency, openModelLatency } from './latency-basis.ts';
import { createIterationSource, type IterationSource } from './iteration-values.ts';
import { openModelPacer, type OpenModelPacer } from './open-model-pacer.ts';
import { stagedPacer } from './staged-pacer.ts';
import type { LoadJob } from './protocol.ts';
import {
  applyCaptures,
  isExpectedBody,
  isExpectedStatus,
  isTemplated,
  renderParts,
  requestParts,
} from './request-template.ts';
import type { LoadProgress, LoadResult, RateDelivery } from './types.ts';
import { newTally, overdueMs, startProgress, summarize, type Tally } from './run-tally.ts';

// autocannon records into its own (millisecond, WebAssembly) histograms on every response;
// these no-ops skip that work. `__custom` makes autocannon skip encoding them at the end.
const noopHistogram: AcHistogram = {
  __custom: true,
  recordValue: () => {},
  recordValueWithExpectedInterval: () => {},
  reset: () => {},
  destroy: () => {},
};

/** Whether a step needs the response body and headers (autocannon's costlier onResponse hook). */
function needsResponseHook(step: RequestSpec): boolean {
  return step.expect?.body !== undefined || Object.keys(step.capture ?? {}).length > 0;
}

/**
 * Turns steps into autocannon requests. A templated step gets a setupRequest that fills it from
 * the connection's context; when a value is missing it returns null, which makes autocannon
 * restart the sequence at step 0 with a fresh context (so `/tasks/{{id}}` is never sent
 * literally). Checks run in onResponse, except for a lone step without body checks or
 * captures, whose status is checked in the cheaper `response` event (see runLoadJob).
 */
function toAutocannonRequests(
  steps: RequestSpec[],
  tally: Tally,
  hookAll: boolean,
  prefix: string,
  iteration: IterationSource | null,
): AcRequest[] {
  return steps.map((step, i) => {
    const spec = requestParts(step);
    // autocannon sends a request's own path as is: keep a base URL's path prefix ourselves.
    const parts = { ...spec, path: prefix + spec.path };
    const req: AcRequest = { method: parts.method, path: parts.path, headers: parts.headers };
    if (parts.body !== undefined) req.body = parts.body;
    // Step 0 is set up each time a connection starts an iteration (on a fresh context).
    const begins = i === 0 && iteration !== null;
    if (isTemplated(parts) || begins) {
      req.setupRequest = (base, context) => {
        if (begins) iteration.begin(context);
        const filled = renderParts(parts, context);
        if (filled === null) return null;
        const out: AcRequest = { ...base, path: filled.path, headers: filled.headers };
        if (filled.body !== undefined) out.body = filled.body;
        return out;
      };
    }
    if (hookAll || needsResponseHook(step)) {
      req.onResponse = (status, body, context, headers: RawHeaders) => {
        if (!isExpectedStatus(step, status)) {
          if (tally.measuring) tally.errors.status++;
        } else if (!isExpectedBody(step, body)) {
          if (tally.measuring) tally.errors.body++;
        } else if (!applyCaptures(step, status, body, headers, context) && tally.measuring) {
          tally.errors.body++;
        }
      };
    }
    return req;
  });
}

/** The part of autocannon's per-connection client (lib/httpClient.js) that holds unanswered requests. */
interface PendingClient {
  pipelinedRequests: { pendingRequests: { startTime: [number, number] }[] };
}

/**
 * Requests unanswered for longer than `overdue` ms at the end of a run (see overdueMs):
 * incomplete. Requests lost on a connection the server closed stay in autocannon's queue, so
 * they are counted here too.
 */
function countIncomplete(clients: readonly PendingClient[], overdue: number): number {
  let n = 0;
  for (const c of clients) {
    for (const r of c.pipelinedRequests.pendingRequests) {
      const [s, ns] = process.hrtime(r.startTime);
      if (s * 1e3 + ns / 1e6 > overdue) n++;
    }
  }
  return n;
}

/** Options for autocannon's runner; defaults spelled out because lib/run.js applies none. */
function autocannonOptions(
  job: LoadJob,
  tally: Tally,
  hookAll: boolean,
  pacer: OpenModelPacer | null,
  clients: PendingClient[],
): AcOptions {
  const w = job.workload;
  const base = new URL(job.baseUrl);
  const amount = w.requests ?? 0;
  const connections = amount > 0 ? Math.min(w.connections, amount) : w.connections;
  const staged = w.stages?.kind === 'rate' ? stagedPacer(w.stages) : null;
  return {
    url: base.origin,
    connections,
    pipelining: w.pipelining,
    // perfgate ends a timed run itself (runLoadJob); autocannon's own timer is a backstop.
    duration: amount > 0 ? 0 : w.durationMs / 1000 + 1,
    amount,
    timeout: w.timeoutMs / 1000,
    // The open model is paced by perfgate (open-model-pacer.ts), not by autocannon's rate.
    overallRate: 0,
    setupClient: (client) => {
      clients.push(client as PendingClient);
      // Stages of rate pace the run themselves; a fixed rate goes through the open-model pacer.
      if (staged) staged(client);
      else pacer?.setupClient(client);
    },
    // How often autocannon checks whether the run is over: a run ends within 100 ms.
    sampleInt: 100,
    requests: toAutocannonRequests(
      w.steps,
      tally,
      hookAll,
      base.pathname.replace(/\/+$/, ''),
      createIterationSource(w.steps, job.data),
    ),
    initialContext: { ...job.vars },
    skipAggregateResult: true,
    histograms: { latencies: noopHistogram, requests: noopHistogram, throughput: noopHistogram },
    headers: {},
    method: 'GET',
    maxConnectionRequests: 0,
    maxOverallRequests: 0,
    connectionRate: 0,
    reconnectRate: 0,
    forever: false,
    idReplacement: false,
    excludeErrorStats: false,
  };
}

/**
 * Runs one measured load run in this process and resolves with what it measured. A timed run
 * counts the responses that arrive within its duration (perfgate's own timer); a run bounded
 * by a request count ends at its last response. reqPerSec counts successful responses only
 * (expected status and body, captures found); `requests` counts every response.
 */
export function runLoadJob(
  job: LoadJob,
  onProgress: (p: LoadProgress) => void = () => {},
): Promise<LoadResult> {
  const w = job.workload;
  const tally = newTally();
  const latency = new LatencyRecorder();
  const singleStep = w.steps[0] as RequestSpec;
  // A lone step without body checks or captures is checked here, without autocannon's
  // costlier onResponse hook (it converts the headers of every response).
  const single = w.steps.length === 1 && !needsResponseHook(singleStep);
  const timed = w.requests === null;
  const base = w.requests ?? 0;
  const connections = base > 0 ? Math.min(w.connections, base) : w.connections;
  const pacer = w.rate ? openModelPacer(w.rate, connections) : null;
  const clients: PendingClient[] = [];
  const options = autocannonOptions(job, tally, !single, pacer, clients);

  return new Promise<LoadResult>((resolve, reject) => {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let tEnd = 0;
    let lastResponseAt = t0;
    let cpuUsed: NodeJS.CpuUsage | null = null;
    let delivered: RateDelivery | null = null;
    const endWindow = () => {
      if (!tally.measuring) return;
      tally.errors.incomplete += countIncomplete(
        clients,
        overdueMs(latency, performance.now() - t0),
      );
      tally.measuring = false;
      cpuUsed = process.cpuUsage(cpu0);
      tEnd = !timed && tally.responses > 0 ? lastResponseAt : performance.now();
      const d = pacer?.delivery(tEnd, w.requests ?? Infinity);
      delivered = d ? { ...d, minShare: w.minRateShare } : null;
    };
    const latencyFields = () =>
      delivered
        ? openModelLatency(latency, delivered)
        : closedModelLatency(w, latency, tEnd - t0, connections);

    let tracker: AcTracker;
    try {
      tracker = runAutocannon(options, undefined, (err) => {
        clearInterval(progressTimer);
        clearTimeout(stopTimer);
        endWindow();
        if (err) reject(err);
        else {
          const cpu = cpuUsed ?? process.cpuUsage(cpu0);
          resolve(summarize(tally, latency, tEnd - t0, cpu, latencyFields()));
        }
      });
    } catch (err) {
      reject(err);
      return;
    }

    tracker.on('response', (_client: unknown, status: number, bytes: number, ms: number) => {
      if (!tally.measuring) return;
      tally.responses++;
      tally.bytes += bytes;
      tally.statusCounts[status] = (tally.statusCounts[status] ?? 0) + 1;
      if (single && !isExpectedStatus(singleStep, status)) tally.errors.status++;
      // In the open model `ms` already runs from when the request was due (the pacer).
      latency.record(ms);
      if (!timed) lastResponseAt = performance.now();
    });
    tracker.on('reqError', (err: Error) => {
      if (!tally.measuring) return;
      if (err.message === 'request timed out') tally.errors.timeout++;
      else tally.errors.connection++;
    });

    const stopTimer = timed
      ? setTimeout(() => {
          endWindow();
          tracker.stop();
        }, w.durationMs)
      : undefined;
    const progressTimer = startProgress(tally, t0, onProgress);
  });
}
