import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import {
  mad,
  mean,
  minimumDetectableLogChange,
  orientedLogs,
  pairedLogRatios,
  pairedLogTest,
  pairedTrimmedLogTest,
  rankLogTest,
  sampleSd,
  sampleVariance,
  signedRankLogTest,
  tUpperTail,
  welchLogTest,
  welchStandardError,
} from '../stats/index.ts';
import type { ChangeResult, Interval } from '../stats/index.ts';
import type { TestName } from './comparison-schema.ts';
import { chooseRelativeTest, describeTest } from './choose-test.ts';
import type { TestRequest } from './choose-test.ts';
import type { MetricDef } from './metrics.ts';

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
  /** Decision boundary on that scale: ln(1 + tau), or tau itself for absolute metrics. */
  margin: number;
  pWorse: number;
  pBetter: number;
  /** Smallest change detectable with 80% power at alphaSide, in the unit of `change`. */
  noiseFloor: number;
  /** Spread on the decision scale, for the runs-needed estimate. */
  sd: number;
  /** Smallest one-sided p-value the test can give with this many runs (rank tests). */
  minP: number;
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

function relativeStats(input: MetricInput): MetricStats {
  const { def, baseline, candidate, paired, tau, alphaSide } = input;
  const x = orientedLogs(baseline, def.direction);
  const y = orientedLogs(candidate, def.direction);
  const d = paired ? pairedLogRatios(baseline, candidate, def.direction) : [];
  const constant = paired
    ? sampleVariance(d) === 0
    : sampleVariance(x) === 0 && sampleVariance(y) === 0;
  const choice = constant
    ? {
        test: 'exact' as const,
        reason: 'exact comparison: every run gave the same value on each side',
      }
    : chooseRelativeTest(
        input.test,
        paired ? { paired: true, d } : { paired: false, baseline: x, candidate: y },
      );
  const options = { direction: def.direction, tau, alpha: 2 * alphaSide };
  const r = runRelative(choice.test, paired, baseline, candidate, options);
  const robust =
    choice.test === 'mann-whitney' || choice.test === 'signed-rank' || choice.test === 'trimmed';
  const sd = paired ? spread(d, robust) : pooledSpread(x, y, robust);
  const n1 = paired ? d.length : x.length;
  const floorLog =
    sd === 0
      ? 0
      : minimumDetectableLogChange({ sd, n1, n2: paired ? undefined : y.length, alpha: alphaSide });
  // Back from "positive = worse" to the metric's own direction: throughput -9% reads as -9%.
  const sign = def.direction === 'higher-is-better' ? -1 : 1;
  const ends = [Math.expm1(sign * r.logCi[0]) + 0, Math.expm1(sign * r.logCi[1]) + 0].sort(
    (a, b) => a - b,
  );
  return {
    test: choice.test,
    testReason: choice.reason,
    change: Math.expm1(sign * r.logEstimate) + 0, // + 0 turns -0 into 0
    interval: [ends[0] as number, ends[1] as number],
    scaleChange: r.logEstimate,
    scaleInterval: r.logCi,
    margin: Math.log1p(tau),
    pWorse: r.pWorse,
    pBetter: r.pBetter,
    noiseFloor: Math.expm1(floorLog),
    sd,
    minP: minimumP(choice.test, x.length, y.length, paired),
  };
}

function runRelative(
  test: TestName,
  paired: boolean,
  baseline: number[],
  candidate: number[],
  options: { direction: MetricDef['direction']; tau: number; alpha: number },
): ChangeResult {
  switch (test) {
    case 'mann-whitney':
      return rankLogTest(baseline, candidate, options);
    case 'paired-t':
      return pairedLogTest(baseline, candidate, options);
    case 'trimmed':
      return pairedTrimmedLogTest(baseline, candidate, options);
    case 'signed-rank':
      return signedRankLogTest(baseline, candidate, options);
    case 'exact':
      // Zero spread: the t machinery returns the point interval and 0/1 p-values.
      return paired
        ? pairedLogTest(baseline, candidate, options)
        : welchLogTest(baseline, candidate, options);
    default:
      return welchLogTest(baseline, candidate, options);
  }
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
    pWorse,
    pBetter,
    noiseFloor,
    sd,
    minP: 0,
  };
}

/** sd of one sample; robust: 1.4826 MAD (the sd a normal sample with this MAD would have). */
function spread(values: readonly number[], robust: boolean): number {
  if (!robust) return sampleSd(values);
  const r = 1.4826 * mad(values);
  return r > 0 ? r : sampleSd(values);
}

/** Pooled sd of two samples: sqrt of the df-weighted mean of the variances. */
function pooledSpread(x: readonly number[], y: readonly number[], robust: boolean): number {
  const sx = spread(x, robust);
  const sy = spread(y, robust);
  return Math.sqrt(
    ((x.length - 1) * sx * sx + (y.length - 1) * sy * sy) / (x.length + y.length - 2),
  );
}

/**
 * The smallest one-sided p-value a rank test can give: 1 / C(n1 + n2, n1) for Mann-Whitney,
 * 1 / 2^n for the signed-rank test (all orderings equally likely under H0). With few runs it
 * exceeds the corrected level and the test can never decide: the verdict says so.
 */
function minimumP(test: TestName, n1: number, n2: number, paired: boolean): number {
  if (test === 'mann-whitney') {
    let c = 1;
    for (let i = 1; i <= Math.min(n1, n2); i++) c = (c * (n1 + n2 - Math.min(n1, n2) + i)) / i;
    return 1 / c;
  }
  if (test === 'signed-rank') return paired ? 2 ** -n1 : 0;
  return 0;
}
