import { errorRateStats } from './error-rate-stats.ts';
import type { MetricInput, MetricStats } from './metric-input.ts';
import type { MetricDef } from './metrics.ts';
import { relativeStats } from './relative-stats.ts';

// The numbers behind one (workload, metric) verdict: test, change, interval, one-sided
// p-values against the tolerance, noise floor. Every bound is a one-sided test at `alphaSide`
// (the family-corrected level), so the two-sided interval is at 1 - 2 alphaSide.

/** Runs the chosen test on one metric. Values must be usable (see `unusableReason`). */
export function metricStats(input: MetricInput): MetricStats {
  return input.def.scale === 'absolute' ? errorRateStats(input) : relativeStats(input);
}

/** Why a metric can read 0 in a run, where a reason is known. */
const ZERO_WHY: Partial<Record<MetricDef['key'], string>> = {
  throughput: 'no request succeeded: see the error rate',
  // /proc counts CPU time in clock ticks (USER_HZ, 100 per second on common Linux systems).
  cpu: "the server's CPU time is read from /proc in clock ticks of 10 ms, and the run used less than one: longer runs (a longer duration or more requests) measure it",
};

/** Why these values cannot be compared on the metric's scale, or null when they can. */
export function unusableReason(def: MetricDef, values: readonly number[]): string | null {
  if (values.some((v) => !Number.isFinite(v)))
    return 'a run has a value that is not a finite number';
  if (def.scale === 'relative' && values.some((v) => v <= 0)) {
    const why = ZERO_WHY[def.key];
    return `a run measured ${def.label} = 0, which a log-scale comparison cannot use${why ? ` (${why})` : ''}`;
  }
  return null;
}
