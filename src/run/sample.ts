import type { LoadResult } from '../load/types.ts';
import type { ServerUsage } from '../server/types.ts';
import type { RunSample } from '../record/record.ts';

/** Where a run sits in the session. */
export interface SamplePosition {
  index: number;
  round: number;
  warmup: boolean;
  startedAt: string;
}

/** Combines the client-side load result and the server's resource use into one run sample. */
export function buildSample(
  load: LoadResult,
  usage: { before: ServerUsage; after: ServerUsage },
  pos: SamplePosition,
): RunSample {
  const { connection, timeout, status, body, protocol, incomplete } = load.errors;
  // Status and body errors are responses; the other kinds got none, so they add to the attempts.
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
    ...(load.client ? { loadClient: load.client } : {}),
    ...(load.steps ? { steps: load.steps } : {}),
  };
}
