import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import {
  mean,
  minimumDetectableLogChange,
  sampleSd,
  sampleVariance,
  tUpperTail,
  welchStandardError,
} from '../stats/index.ts';
import type { Interval } from '../stats/index.ts';
import type { TestName } from './comparison-schema.ts';
import { describeTest } from './choose-test.ts';
import type { TestRequest } from './choose-test.ts';
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

/** Why a metric cannot be tested, or its statistics. */
export type MetricOutcome = { ok: true; stats: MetricStats } | { ok: false; reason: string };

/** Runs the chosen test on one metric. Values must be usable (see `unusableReason`). */
export function metricStats(input: MetricInput): MetricStats {
  return input.def.scale === 'absolute' ? absoluteStats(input) : relativeStats(input);
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

/**
 * The error rate, judged on its raw scale: 0 is its usual value, so ratios are meaningless and
 * the tolerance is an absolute increase (errors: 0.1% = 0.001). Welch's t on the raw per-run
 * rates (paired: Student's t on the per-pair differences) when there is any spread. Rates are
 * bounded and skewed, but the t test on run means is what keeps a run with a burst of errors
 * from failing the gate on its own while a steady increase above the tolerance still does. With
 * no spread at all (typically both sides all zero) the rule is exact: the difference of the
 * means against the tolerance.
 */
function absoluteStats(input: MetricInput): MetricStats {
  const { baseline, candidate, paired, tau, alphaSide } = input;
  const d = paired ? candidate.map((v, i) => v - (baseline[i] as number)) : [];
  const estimate = paired ? mean(d) : mean(candidate) - mean(baseline);
  let se: number;
  let df: number;
  if (paired) {
    se = Math.sqrt(sampleVariance(d) / d.length);
    df = d.length - 1;
  } else {
    ({ se, df } = welchStandardError(baseline, candidate));
  }
  const test: TestName = se === 0 ? 'exact' : paired ? 'paired-t-absolute' : 'welch-absolute';
  const reason =
    se === 0
      ? 'exact comparison: every run gave the same error rate on each side'
      : describeTest(test);
  let interval: Interval;
  let pWorse: number;
  let pBetter: number;
  if (se === 0) {
    interval = [estimate, estimate];
    pWorse = estimate > tau ? 0 : 1;
    pBetter = estimate < -tau ? 0 : 1;
  } else {
    const q = tQuantile(1 - alphaSide, df);
    interval = [estimate - q * se, estimate + q * se];
    pWorse = tUpperTail((estimate - tau) / se, df);
    pBetter = tCdf((estimate + tau) / se, df);
  }
  const sd = paired
    ? sampleSd(d)
    : Math.sqrt((sampleVariance(baseline) + sampleVariance(candidate)) / 2);
  const noiseFloor =
    sd === 0
      ? 0
      : minimumDetectableLogChange({
          sd,
          n1: paired ? d.length : baseline.length,
          n2: paired ? undefined : candidate.length,
          alpha: alphaSide,
        });
  return {
    test,
    testReason: reason,
    change: estimate,
    interval,
    scaleChange: estimate,
    scaleInterval: interval,
    margin: tau,
    marginBetter: tau,
    pWorse,
    pBetter,
    noiseFloor,
    sd,
    minP: 0,
    centers: { baseline: mean(baseline), candidate: mean(candidate) },
    between: null,
    se,
    df,
  };
}
