import { rateShortfall } from '../load/latency-basis.ts';
import type { RunSample, WorkloadResult } from '../record/record.ts';
import type { SessionEvent } from './session-deps.ts';

// The warnings a session keeps with a workload's result and shows as they happen: a load
// generator that may be the bottleneck, an open-model run behind its rate. Each once per
// workload and kind.

/** Above this fraction of a core the load generator, not the server, may be the bottleneck. */
const SATURATION_THRESHOLD = 0.9;

/** Warns once per workload when the load generator used nearly all of its core. */
export function warnIfSaturated(
  sample: RunSample,
  result: WorkloadResult,
  workload: string,
  emit: (e: SessionEvent) => void,
): void {
  if (sample.loadCpu <= SATURATION_THRESHOLD) return;
  warnOnce(
    result,
    workload,
    `load generator used ${(sample.loadCpu * 100).toFixed(0)}% of a core: the numbers may describe the client, not the server (pin it with load.cpus, or lower connections)`,
    emit,
  );
}

/**
 * In a duet the load processes of both sides share the load generator's CPUs: warns once per
 * workload when together they used nearly all of a core, which no single run shows.
 */
export function warnIfDuetSaturated(
  results: readonly WorkloadResult[],
  workload: string,
  emit: (e: SessionEvent) => void,
): void {
  const together = results.reduce((sum, r) => sum + (r.runs.at(-1)?.loadCpu ?? 0), 0);
  if (together <= SATURATION_THRESHOLD) return;
  for (const result of results) {
    warnOnce(
      result,
      workload,
      `the two load processes of the duet used ${(together * 100).toFixed(0)}% of a core together: the numbers may describe the clients, not the servers (give the load generator more CPUs with load.cpus, or lower connections)`,
      emit,
    );
  }
}

/** Emits a warning and keeps it with the workload's result, once per kind of warning. */
function warnOnce(
  result: WorkloadResult,
  workload: string,
  message: string,
  emit: (e: SessionEvent) => void,
): void {
  const kind = message.slice(0, 20);
  if (result.warnings?.some((m) => m.startsWith(kind))) return;
  result.warnings?.push(message);
  emit({ type: 'warning', workload, message });
}

/** Warns once per workload when an open-model run sent less than its min-rate-share. */
export function warnIfBehindRate(
  sample: RunSample,
  result: WorkloadResult,
  workload: string,
  emit: (e: SessionEvent) => void,
): void {
  const shortfall = rateShortfall(sample.rate);
  if (shortfall === null || result.warnings?.some((m) => m.startsWith('open model: '))) return;
  const message = `open model: run ${sample.index + 1} ${shortfall}`;
  result.warnings?.push(message);
  emit({ type: 'warning', workload, message });
}
