import { checkAlpha, orientedLogs, symmetricMargins, toRelativeChange } from './change.ts';
import type { ChangeOptions, ChangeResult } from './change.ts';
import { hodgesLehmannLocation, hodgesLehmannShift } from './hodges-lehmann.ts';
import { mannWhitneyU } from './mann-whitney.ts';
import type { RankMethod } from './mann-whitney.ts';
import { pairedLogRatios } from './paired.ts';
import { signedRankTest } from './signed-rank.ts';

// Rank-based comparisons on log values, robust to an outlier run: the Hodges-Lehmann shift and
// interval for the size, and the rank test of the data shifted by the margin ln(1 + tau) for
// the one-sided p-values (a shift test, as in Hollander & Wolfe 1999, sec. 4.1 and 3.1).

/** Options of the rank comparisons: ChangeOptions plus the p-value/interval method. */
export interface RankChangeOptions extends ChangeOptions {
  method?: RankMethod;
}

/** A rank comparison: ChangeResult plus whether exact distributions were used. */
export interface RankChangeResult extends ChangeResult {
  /** True when the interval and p-values came from exact null distributions. */
  exact: boolean;
}

/** Unpaired: Hodges-Lehmann relative change with Mann-Whitney p-values against +-tau. */
export function rankLogTest(
  baseline: readonly number[],
  candidate: readonly number[],
  options: RankChangeOptions,
): RankChangeResult {
  const alpha = options.alpha ?? 0.05;
  checkAlpha(alpha);
  const tau = options.tau ?? 0;
  const { worse: up, better: down } = options.margins ?? symmetricMargins(tau);
  const x = orientedLogs(baseline, options.direction);
  const y = orientedLogs(candidate, options.direction);
  const method = options.method ?? 'auto';
  const hl = hodgesLehmannShift(y, x, { alpha, method });
  const pMethod = pValueMethod(method);
  const worse = mannWhitneyU(
    y.map((v) => v - up),
    x,
    { alternative: 'greater', method: pMethod },
  );
  const better = mannWhitneyU(
    y.map((v) => v + down),
    x,
    { alternative: 'less', method: pMethod },
  );
  return rankResult('mann-whitney-hl-log', hl, worse, better, tau, alpha);
}

/** What every paired rank comparison starts from: its level, margins and per-pair log ratios. */
export function pairedRankInputs(
  baseline: readonly number[],
  candidate: readonly number[],
  options: ChangeOptions,
): { alpha: number; tau: number; up: number; down: number; d: number[] } {
  const alpha = options.alpha ?? 0.05;
  checkAlpha(alpha);
  const tau = options.tau ?? 0;
  const { worse: up, better: down } = options.margins ?? symmetricMargins(tau);
  return { alpha, tau, up, down, d: pairedLogRatios(baseline, candidate, options.direction) };
}

/** Paired: one-sample Hodges-Lehmann of the log ratios with signed-rank p-values against +-tau. */
export function signedRankLogTest(
  baseline: readonly number[],
  candidate: readonly number[],
  options: RankChangeOptions,
): RankChangeResult {
  const { alpha, tau, up, down, d } = pairedRankInputs(baseline, candidate, options);
  const method = options.method ?? 'auto';
  const hl = hodgesLehmannLocation(d, { alpha, method });
  const pMethod = pValueMethod(method);
  const worse = signedRankTest(d, up, { alternative: 'greater', method: pMethod });
  const better = signedRankTest(d, -down, { alternative: 'less', method: pMethod });
  return rankResult('signed-rank-hl-log', hl, worse, better, tau, alpha);
}

/** The result of a rank comparison: the shift (or median) on logs and the two one-sided p-values. */
export function rankResult(
  method: RankChangeResult['method'],
  hl: { estimate: number; ci: [number, number]; method: string },
  worse: { pValue: number; method: string },
  better: { pValue: number; method: string },
  tau: number,
  alpha: number,
): RankChangeResult {
  return {
    method,
    estimate: toRelativeChange(hl.estimate),
    ci: [toRelativeChange(hl.ci[0]), toRelativeChange(hl.ci[1])],
    logEstimate: hl.estimate,
    logCi: hl.ci,
    pWorse: worse.pValue,
    pBetter: better.pValue,
    tau,
    alpha,
    exact: hl.method === 'exact' && worse.method === 'exact' && better.method === 'exact',
  };
}

// Shifting by the margin can create a tie the unshifted data did not have; "exact" asked for
// explicitly must then not throw, so the p-values use auto (exact whenever possible).
function pValueMethod(requested: RankMethod): RankMethod {
  return requested === 'exact' ? 'auto' : requested;
}
