import type { Interval } from '../stats/index.ts';
import type { TestName } from './comparison-schema.ts';
import type { TestRequest } from './choose-test.ts';
import { errorRateStats } from './error-rate-stats.ts';
import type { RunCounts } from './error-rate-stats.ts';
import type { MetricDef } from './metrics.ts';
import { relativeStats } from './relative-stats.ts';

// The numbers behind one (workload, metric) verdict: test, change, interval, one-sided
// p-values against the tolerance, noise floor. Every bound is a one-sided test at `alphaSide`
// (the family-corrected level), so the two-sided interval is at 1 - 2 alphaSide.

/** Input of `metricStats`: the per-run values of both sides (aligned by pair when paired). */
export interface MetricInput {
  def: MetricDef;
  baseline: number[];
  candidate: number[];
  paired: boolean;
  /** Tolerance tau; 0 for metrics that are not gated (their p-values are informational). */
  tau: number;
  /** One-sided level of each interval bound: alpha / family size. */
  alphaSide: number;
  test: TestRequest;
  /**
   * Independent design: the values per session (record), baseline pool and history, for the
   * session-level test. Absent: the runs are compared as one sample per side.
   */
  sessions?: { baseline: number[][]; history: number[][] };
  /** Runner-to-runner spread (relative sd) assumed when the history is too short; default 10%. */
  runnerNoise?: number;
  /** History records needed before the spread is estimated from them; default 5. */
  minHistory?: number;
  /** Failures and attempts of each run, aligned with the values (the error rate; see error-rate-stats.ts). */
  counts?: { baseline: RunCounts[]; candidate: RunCounts[] };
}

/** What the test says about one metric, before the family-wide Holm adjustment. */
export interface MetricStats {
  test: TestName;
  testReason: string;
  /** Change as the user reads it: candidate / baseline - 1, or candidate - baseline (absolute). */
  change: number;
  interval: Interval;
  /** The change on the decision scale, positive = worse (oriented log ratio, or raw difference). */
  scaleChange: number;
  scaleInterval: Interval;
  /** Worse boundary on that scale: ln(1 + tau) for lower-is-better, or tau itself for absolute metrics. */
  margin: number;
  /** Better boundary (a positive distance below 0) on that scale. */
  marginBetter: number;
  pWorse: number;
  pBetter: number;
  /**
   * Smallest regression (a positive size, tolerance included) the gate flags with 80% power at
   * alphaSide, in the unit of `change`.
   */
  noiseFloor: number;
  /** Spread on the decision scale, for the runs-needed estimate. */
  sd: number;
  /** Smallest one-sided p-value the test can give with this many runs (rank tests). */
  minP: number;
  /** The centers the change compares (its ratio is the change), in the metric's unit. */
  centers: { baseline: number; candidate: number } | null;
  /** Session-level test: the between-session spread (relative sd) and its source. */
  between: { sd: number; source: 'history' | 'default'; sessions: number } | null;
  /** Standard error and df of the estimate (t-based tests), else null. */
  se: number | null;
  df: number | null;
}

/** Runs the chosen test on one metric. Values must be usable (see `unusableReason`). */
export function metricStats(input: MetricInput): MetricStats {
  return input.def.scale === 'absolute' ? errorRateStats(input) : relativeStats(input);
}

/** Why these values cannot be compared on the metric's scale, or null when they can. */
export function unusableReason(def: MetricDef, values: readonly number[]): string | null {
  if (values.some((v) => !Number.isFinite(v)))
    return 'a run has a value that is not a finite number';
  if (def.scale === 'relative' && values.some((v) => v <= 0)) {
    return `a run measured ${def.label} = 0, which a log-scale comparison cannot use (see the error rate)`;
  }
  return null;
}
