import { performance } from 'node:perf_hooks';
import type { LatencyRecorder } from './latency-recorder.ts';
import type { LoadProgress, LoadResult } from './types.ts';

// What both load engines count during a run, and how a run's counts become its LoadResult.

/** Counters of one run; only responses inside the measured window are counted. */
export interface Tally {
  measuring: boolean;
  responses: number;
  bytes: number;
  statusCounts: number[];
  errors: LoadResult['errors'];
}

/** Empty counters, measuring. */
export function newTally(): Tally {
  return {
    measuring: true,
    responses: 0,
    bytes: 0,
    statusCounts: [],
    errors: { connection: 0, timeout: 0, status: 0, body: 0, protocol: 0, incomplete: 0 },
  };
}

function statusCountsRecord(counts: number[]): Record<string, number> {
  const out: Record<string, number> = {};
  counts.forEach((n, code) => {
    if (n) out[String(code)] = n;
  });
  return out;
}

/** Calls onProgress every second with the responses so far and the last second's rate. */
export function startProgress(
  tally: Tally,
  t0: number,
  onProgress: (p: LoadProgress) => void,
): NodeJS.Timeout {
  let lastTick = t0;
  let lastResponses = 0;
  return setInterval(() => {
    const now = performance.now();
    const rate = ((tally.responses - lastResponses) * 1000) / Math.max(1, now - lastTick);
    onProgress({ elapsedMs: Math.round(now - t0), requests: tally.responses, reqPerSec: rate });
    lastTick = now;
    lastResponses = tally.responses;
  }, 1000);
}

/** The latency fields of a LoadResult (see latency-basis.ts). */
export type LatencyFields = Pick<
  LoadResult,
  'latencyUs' | 'latencyBasis' | 'serviceLatencyUs' | 'rate'
>;

/**
 * How long a request still unanswered when a run ends must have waited to be overdue: longer
 * than the slowest response of the run and than half the run. A request sent shortly before
 * the end of a healthy run is not a failure (its answer was on its way, perhaps already in the
 * socket buffer behind the end-of-run timer); one a server never finishes has waited for most
 * of the run. The built-in clients then wait up to DRAIN_MS (native-engine.ts) for the overdue
 * ones and count those still unanswered as incomplete, so a stall of the machine at the very
 * end of a short run is not taken for a server that stopped answering.
 */
export function overdueMs(latency: LatencyRecorder, windowMs: number): number {
  const longest = latency.count > 0 ? latency.summary().max / 1000 : 0;
  return Math.max(longest, windowMs / 2);
}

/**
 * The LoadResult of a finished run; `fields` gives the gated latency (default: the service
 * time as recorded).
 */
export function summarize(
  tally: Tally,
  latency: LatencyRecorder,
  windowMs: number,
  cpu: NodeJS.CpuUsage,
  fields?: LatencyFields,
): LoadResult {
  // Rates use the reported (µs-rounded) elapsed time, so they can be recomputed from it.
  const elapsedMs = Math.max(1, Math.round(windowMs * 1000)) / 1000;
  const seconds = elapsedMs / 1000;
  const ok = tally.responses - tally.errors.status - tally.errors.body;
  return {
    requests: tally.responses,
    elapsedMs,
    reqPerSec: Math.max(0, ok) / seconds,
    bytesPerSec: tally.bytes / seconds,
    ...(fields ?? serviceOnly(latency)),
    errors: tally.errors,
    loadCpu: (cpu.user + cpu.system) / 1000 / elapsedMs,
    statusCounts: statusCountsRecord(tally.statusCounts),
  };
}

function serviceOnly(latency: LatencyRecorder): LatencyFields {
  const service = latency.summary();
  return { latencyUs: service, latencyBasis: 'service', serviceLatencyUs: service, rate: null };
}
