import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import {
  geometricMean,
  mad,
  median,
  minimumDetectableLogChange,
  orientedLogs,
  orientedMargins,
  pairedLogRatios,
  pairedLogTest,
  pairedTrimmedLogTest,
  rankLogTest,
  sampleSd,
  sampleVariance,
  sessionLogTest,
  signedRankLogTest,
  signLogTest,
  welchLogTest,
} from '../stats/index.ts';
import type { ChangeResult, Margins, TChangeResult } from '../stats/index.ts';
import type { TestName } from './comparison-schema.ts';
import { chooseRelativeTest } from './choose-test.ts';
import type { MetricInput, MetricStats } from './metric-input.ts';

/** Tests whose estimate is a median (of values, differences or Walsh averages), not a mean. */
const RANK_TESTS: ReadonlySet<TestName> = new Set(['mann-whitney', 'signed-rank', 'sign']);

// The numbers behind one relative metric (throughput, latency, CPU, memory), compared on
// oriented log values. The test is fixed before the data are seen (statistics.md, principle 7
// and "Choose the test before seeing the data"): the session-level t for independent records,
// the paired t on per-pair log ratios for records made side by side. Both estimate a change of
// means of logs, so the change shown is exactly the ratio of the two centers shown beside it
// (geometric means, or session summaries). Rank and trimmed tests remain available on request.

/** Statistics of one relative metric. */
export function relativeStats(input: MetricInput): MetricStats {
  const { def, baseline, candidate, paired, tau, alphaSide } = input;
  const margins = orientedMargins(def.direction, tau);
  const x = orientedLogs(baseline, def.direction);
  const y = orientedLogs(candidate, def.direction);
  const d = paired ? pairedLogRatios(baseline, candidate, def.direction) : [];
  const sessions = paired || input.test !== 'auto' ? null : (input.sessions ?? null);
  // Without spread the comparison is exact, except for sessions: their offsets are still there.
  const constant = paired
    ? sampleVariance(d) === 0
    : sessions === null && sampleVariance(x) === 0 && sampleVariance(y) === 0;
  const choice = constant
    ? {
        test: 'exact' as const,
        reason: 'exact comparison: every run gave the same value on each side',
      }
    : chooseRelativeTest(input.test, paired, sessions !== null, { pairs: d.length, alphaSide });
  const options = { direction: def.direction, tau, alpha: 2 * alphaSide, margins };
  let r: ChangeResult;
  let between: MetricStats['between'] = null;
  let centers: { baseline: number; candidate: number };
  if (choice.test === 'session' && sessions !== null) {
    const s = sessionLogTest(sessions.baseline, candidate, sessions.history, {
      ...options,
      runnerSd: Math.log1p(input.runnerNoise ?? 0.1),
      minHistory: input.minHistory,
    });
    r = s;
    between = { ...s.between, sd: Math.expm1(s.between.sd) };
    centers = {
      baseline: fromLog(def, s.centers.baseline),
      candidate: fromLog(def, s.centers.candidate),
    };
  } else {
    r = runRelative(choice.test, paired, baseline, candidate, options);
    const rank = RANK_TESTS.has(choice.test);
    const center = rank ? median : geometricMean;
    // Paired: the estimate is the typical within-pair ratio, so this build's center is the
    // base's times that ratio, and the change always agrees with the two centers shown.
    const b = center(baseline);
    centers = paired
      ? { baseline: b, candidate: b * fromLog(def, r.logEstimate) }
      : { baseline: b, candidate: center(candidate) };
  }
  const robust = RANK_TESTS.has(choice.test) || choice.test === 'trimmed';
  // The sign test is as precise as a t test on 2/pi of the pairs (its asymptotic efficiency on
  // normal data): its noise floor and runs needed are those of that larger spread.
  const sd =
    (paired ? spread(d, robust) : pooledSpread(x, y, robust)) *
    (choice.test === 'sign' ? Math.sqrt(Math.PI / 2) : 1);
  const floorLog = detectableLog(
    r,
    margins,
    alphaSide,
    sd,
    paired ? d.length : x.length,
    paired ? undefined : y.length,
  );
  // Back from "positive = worse" to the metric's own direction: throughput -9% reads as -9%.
  const sign = def.direction === 'higher-is-better' ? -1 : 1;
  const ends = [Math.expm1(sign * r.logCi[0]) + 0, Math.expm1(sign * r.logCi[1]) + 0].sort(
    (a, b) => a - b,
  );
  // No test claims more than its smallest reachable p (a rank test's, or the paired t's floor).
  const minP = minimumP(choice.test, x.length, y.length, paired);
  return {
    test: choice.test,
    testReason: choice.reason,
    change: Math.expm1(sign * r.logEstimate) + 0, // + 0 turns -0 into 0
    interval: [ends[0] as number, ends[1] as number],
    scaleChange: r.logEstimate,
    scaleInterval: r.logCi,
    margin: margins.worse,
    marginBetter: margins.better,
    pWorse: Math.max(r.pWorse, minP),
    pBetter: Math.max(r.pBetter, minP),
    noiseFloor: Math.abs(Math.expm1(sign * floorLog)),
    sd,
    minP,
    centers,
    between,
    se: 'se' in r ? (r as TChangeResult).se : null,
    df: 'df' in r ? (r as TChangeResult).df : null,
  };
}

/** A center on the oriented log scale back to the metric's own unit. */
function fromLog(def: MetricInput['def'], logValue: number): number {
  return Math.exp(def.direction === 'higher-is-better' ? -logValue : logValue);
}

/**
 * The smallest true change the gate flags as a regression with 80% power at the level of each
 * bound (the metric's share of alpha: the first weighted-Holm step, so the promise holds for the
 * family): the tolerance plus
 * (t_{1-a,df} + t_{0.8,df}) standard errors for the t tests (the usual approximation to the
 * noncentral t power, Chow, Shao & Wang 2008, sec. 3.2); for rank tests the same from the spread.
 */
function detectableLog(
  r: ChangeResult,
  margins: Margins,
  alphaSide: number,
  sd: number,
  n1: number,
  n2: number | undefined,
): number {
  if ('se' in r && 'df' in r) {
    const t = r as TChangeResult;
    if (t.se === 0) return margins.worse;
    return margins.worse + (tQuantile(1 - alphaSide, t.df) + tQuantile(0.8, t.df)) * t.se;
  }
  if (sd === 0) return margins.worse;
  return margins.worse + minimumDetectableLogChange({ sd, n1, n2, alpha: alphaSide });
}

function runRelative(
  test: TestName,
  paired: boolean,
  baseline: number[],
  candidate: number[],
  options: {
    direction: MetricInput['def']['direction'];
    tau: number;
    alpha: number;
    margins: Margins;
  },
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
    case 'sign':
      return signLogTest(baseline, candidate, options);
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
 * 1 / 2^n for the signed-rank and sign tests (all orderings equally likely under H0). With few runs it
 * exceeds the corrected level and the test can never decide: the verdict says so. The paired t
 * is held to 3 pairs.
 */
function minimumP(test: TestName, n1: number, n2: number, paired: boolean): number {
  if (test === 'mann-whitney') {
    let c = 1;
    for (let i = 1; i <= Math.min(n1, n2); i++) c = (c * (n1 + n2 - Math.min(n1, n2) + i)) / i;
    return 1 / c;
  }
  if (test === 'signed-rank' || test === 'sign') return paired ? 2 ** -n1 : 0;
  // A paired t on 2 pairs has 1 degree of freedom: CPU read in clock ticks can give two nearly
  // equal ratios and a spread that looks tiny, so it decides nothing below 3 pairs.
  if (test === 'paired-t' && paired && n1 < 3) return 1;
  return 0;
}
