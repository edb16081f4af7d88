import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { mannWhitneyQuantile, signedRankQuantile } from './exact-distributions.ts';
import { EXACT_LIMIT, resolveMethod } from './mann-whitney.ts';
import type { RankMethod } from './mann-whitney.ts';
import { hasTies, tieTerm } from './rank.ts';
import { checkAlpha } from './change.ts';
import type { Interval } from './change.ts';

// Hodges & Lehmann (1963) shift estimates with the distribution-free intervals of Moses (in
// Walker & Lev 1953) and Bauer (1972, JASA 67:687): the interval ends are order statistics of the
// pairwise differences (two samples) or of the Walsh averages (one sample), at ranks given by the
// null distribution of U (or V). Conventions follow R's wilcox.test(conf.int = TRUE):
// - exact (small, no ties): k = qwilcox(alpha/2, m, n) (1 if 0), interval [D(k), D(mn - k + 1)];
// - asymptotic: R inverts the tie- and continuity-corrected normal test with uniroot; the
//   statistic is a step function whose jumps are at the D(k), so the exact inversion is
//   D(k) with k = floor(mu - c - z sigma) + 1 (and the mirror image), which we compute directly.
//   sigma uses the ties within each sample (the only ties at a generic shift).
// The estimate is always the median of the differences (Hodges-Lehmann's definition); R's
// asymptotic path reports a uniroot root of the statistic instead, which is any point of a flat
// step and not reproducible, so reference values use the median.

/** A Hodges-Lehmann estimate with its two-sided (1 - alpha) interval. */
export interface ShiftEstimate {
  /** Median of the pairwise differences (or Walsh averages). */
  estimate: number;
  ci: Interval;
  /** How the interval ranks were found. */
  method: 'exact' | 'asymptotic';
}

/** Options of the Hodges-Lehmann intervals. */
export interface ShiftOptions {
  /** Two-sided interval level 1 - alpha; default 0.05. */
  alpha?: number;
  method?: RankMethod;
  /** Continuity correction of the asymptotic interval (R's `correct`); default true. */
  continuity?: boolean;
}

/** Sorted pairwise differences x_i - y_j. */
export function pairwiseDifferences(x: readonly number[], y: readonly number[]): Float64Array {
  const out = new Float64Array(x.length * y.length);
  let k = 0;
  for (const a of x) for (const b of y) out[k++] = a - b;
  return out.sort();
}

/** Sorted Walsh averages (x_i + x_j) / 2 for i <= j. */
export function walshAverages(x: readonly number[]): Float64Array {
  const n = x.length;
  const out = new Float64Array((n * (n + 1)) / 2);
  let k = 0;
  for (let i = 0; i < n; i++)
    for (let j = i; j < n; j++) out[k++] = ((x[i] as number) + (x[j] as number)) / 2;
  return out.sort();
}

/** Two-sample Hodges-Lehmann shift of x relative to y (x - y) with the Moses/Bauer interval. */
export function hodgesLehmannShift(
  x: readonly number[],
  y: readonly number[],
  options: ShiftOptions = {},
): ShiftEstimate {
  const alpha = options.alpha ?? 0.05;
  checkAlpha(alpha);
  const m = x.length;
  const n = y.length;
  if (m < 1 || n < 1) throw new RangeError('Hodges-Lehmann needs at least one value per side');
  const diffs = pairwiseDifferences(x, y);
  const total = m * n;
  const ties = hasTies([...x, ...y]);
  const method = resolveMethod(options.method ?? 'auto', ties, m < EXACT_LIMIT && n < EXACT_LIMIT);
  let lower: number;
  let upper: number;
  if (method === 'exact') {
    lower = Math.max(1, mannWhitneyQuantile(alpha / 2, m, n));
    upper = total - lower + 1;
  } else {
    const N = m + n;
    const tie = tieTerm(x) + tieTerm(y);
    const sigma = Math.sqrt(((m * n) / 12) * (N + 1 - tie / (N * (N - 1))));
    [lower, upper] = asymptoticRanks(total, sigma, alpha, options.continuity ?? true);
  }
  return {
    estimate: sortedMedian(diffs),
    ci: [diffs[lower - 1] as number, diffs[upper - 1] as number],
    method,
  };
}

/** One-sample Hodges-Lehmann location (median of Walsh averages) with its Bauer interval. */
export function hodgesLehmannLocation(
  d: readonly number[],
  options: ShiftOptions = {},
): ShiftEstimate {
  const alpha = options.alpha ?? 0.05;
  checkAlpha(alpha);
  const n = d.length;
  if (n < 1) throw new RangeError('Hodges-Lehmann needs at least one value');
  const walsh = walshAverages(d);
  const total = walsh.length;
  const method = resolveMethod(options.method ?? 'auto', hasTies(d), n < EXACT_LIMIT);
  let lower: number;
  let upper: number;
  if (method === 'exact') {
    lower = Math.max(1, signedRankQuantile(alpha / 2, n));
    upper = total - lower + 1;
  } else {
    const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - tieTerm(d) / 48);
    [lower, upper] = asymptoticRanks(total, sigma, alpha, options.continuity ?? true);
  }
  return {
    estimate: sortedMedian(walsh),
    ci: [walsh[lower - 1] as number, walsh[upper - 1] as number],
    method,
  };
}

/**
 * 1-based ranks of the interval ends from the normal approximation: the statistic on
 * (D(k), D(k+1)) is total - k, and the corrected test accepts while
 * |total - k - total/2| - c < z sigma (R's wilcox.test CI inversion, see the file comment).
 */
function asymptoticRanks(
  total: number,
  sigma: number,
  alpha: number,
  continuity: boolean,
): Interval {
  const z = normalQuantile(1 - alpha / 2, 0, 1);
  const center = total / 2;
  const c = continuity ? 0.5 : 0;
  const clamp = (k: number): number => Math.min(total, Math.max(1, k));
  return [
    clamp(Math.floor(center - c - z * sigma) + 1),
    clamp(Math.floor(center + c + z * sigma) + 1),
  ];
}

function sortedMedian(sorted: Float64Array): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
