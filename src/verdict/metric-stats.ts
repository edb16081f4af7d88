import {
  mad,
  minimumDetectableLogChange,
  orientedLogs,
  pairedLogRatios,
  pairedLogTest,
  pairedTrimmedLogTest,
  rankLogTest,
  sampleSd,
  sampleVariance,
  signedRankLogTest,
  welchLogTest,
} from '../stats/index.ts';
import type { ChangeResult, Interval } from '../stats/index.ts';
import type { TestName } from './comparison-schema.ts';
import { chooseRelativeTest } from './choose-test.ts';
import type { TestRequest } from './choose-test.ts';
import { errorRateStats } from './error-rate-stats.ts';
import type { RunCounts } from './error-rate-stats.ts';
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
