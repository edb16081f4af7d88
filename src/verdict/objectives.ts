// Absolute objectives (`objectives: { p99: 200ms, errors: 0.1% }`, k6's thresholds): limits a
// workload must meet whatever the baseline says, so a service that was always too slow fails
// too. Checked on this build's kept runs, independent of any comparison. Pure.
import type { GatedMetric, ResolvedWorkload } from '../config/resolve.ts';
import type { ResultsRecord, RunSample } from '../record/record.ts';
import { keptRuns } from '../record/record.ts';
import { median } from '../stats/index.ts';

/** One objective of one workload, checked. */
export interface ObjectiveResult {
  workload: string;
  metric: GatedMetric;
  /** The limit, in the record's units (µs, req/s, ms per request, bytes, fraction). */
  limit: number;
  /** True for throughput (a floor), false for the rest (a ceiling). */
  atLeast: boolean;
  /** What the runs measured (see measuredValue), or null when the metric was not measured. */
  value: number | null;
  /** Met, broken, or null when not measured or not checked (it neither passes nor fails). */
  met: boolean | null;
  /** Why a measured value was not checked (a duet's shared machine), when it was not. */
  unchecked?: string;
}

/** Metrics whose absolute value depends on having the machine to oneself. */
export const MACHINE_BOUND_METRICS: readonly GatedMetric[] = ['throughput', 'p50', 'p90', 'p99'];

/** Why an objective on these metrics is not checked on a record measured in a duet. */
export const DUET_UNCHECKED =
  'measured in a duet, on CPUs shared with the base build: requests/s and latency are not those of a machine of its own';

const nonNull = (xs: (number | null)[]): number[] => xs.filter((x): x is number => x !== null);

/**
 * The value an objective is checked against: the median across kept runs of each run's
 * figure (a run's p99, its req/s, its CPU per request), like the comparison; for errors the
 * mean error rate (every failed request counts, none is outvoted), for memory the highest peak.
 */
export function measuredValue(metric: GatedMetric, runs: RunSample[]): number | null {
  if (runs.length === 0) return null;
  switch (metric) {
    case 'throughput':
      return median(runs.map((r) => r.reqPerSec));
    case 'p50':
    case 'p90':
    case 'p99':
      return median(runs.map((r) => r.latencyUs[metric]));
    case 'errors':
      return runs.reduce((sum, r) => sum + r.errorRate, 0) / runs.length;
    case 'cpu': {
      const cpu = nonNull(runs.map((r) => r.cpuMsPerRequest));
      return cpu.length ? median(cpu) : null;
    }
    case 'rss': {
      const rss = nonNull(runs.map((r) => r.peakRssBytes));
      return rss.length ? Math.max(...rss) : null;
    }
  }
}

/** Checks every workload's objectives against the record's kept runs, in config order. */
export function checkObjectives(
  workloads: readonly Pick<ResolvedWorkload, 'name' | 'objectives'>[],
  record: ResultsRecord,
  options: { duet?: boolean } = {},
): ObjectiveResult[] {
  const out: ObjectiveResult[] = [];
  for (const w of workloads) {
    const result = record.workloads.find((r) => r.name === w.name);
    const runs = result ? keptRuns(result) : [];
    for (const [metric, limit] of Object.entries(w.objectives ?? {}) as [GatedMetric, number][]) {
      const value = measuredValue(metric, runs);
      const atLeast = metric === 'throughput';
      if (options.duet && MACHINE_BOUND_METRICS.includes(metric)) {
        out.push({
          workload: w.name,
          metric,
          limit,
          atLeast,
          value,
          met: null,
          unchecked: DUET_UNCHECKED,
        });
        continue;
      }
      const met = value === null ? null : atLeast ? value >= limit : value <= limit;
      out.push({ workload: w.name, metric, limit, atLeast, value, met });
    }
  }
  return out;
}

/** The objectives that were broken. */
export function brokenObjectives(results: readonly ObjectiveResult[]): ObjectiveResult[] {
  return results.filter((r) => r.met === false);
}
