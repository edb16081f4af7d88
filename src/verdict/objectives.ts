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
  /** Met, broken, or null when not measured (then it neither passes nor fails the gate). */
  met: boolean | null;
}

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
): ObjectiveResult[] {
  const out: ObjectiveResult[] = [];
  for (const w of workloads) {
    const result = record.workloads.find((r) => r.name === w.name);
    const runs = result ? keptRuns(result) : [];
    for (const [metric, limit] of Object.entries(w.objectives ?? {}) as [GatedMetric, number][]) {
      const value = measuredValue(metric, runs);
      const atLeast = metric === 'throughput';
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
