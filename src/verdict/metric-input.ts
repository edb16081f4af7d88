import type { Interval } from '../stats/index.ts';
import type { TestName } from './comparison-schema.ts';
import type { TestRequest } from './choose-test.ts';
import type { MetricDef } from './metrics.ts';

// The types of one metric's test, apart from the functions that compute it (metric-stats.ts,
// relative-stats.ts, error-rate-stats.ts), which all read and return them.

/** Failures and attempts of one run. */
export interface RunCounts {
  failures: number;
  attempts: number;
}

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
  /**
   * Spread on the decision scale, for the noise floor and the runs-needed estimate (for the sign
   * test, divided by the square root of its efficiency 2/pi).
   */
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
