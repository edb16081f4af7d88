import { sampleVariance } from './descriptive.ts';
import { checkAlpha, tChangeResult } from './change.ts';
import type { TChangeResult } from './change.ts';
import { pairedLogRatios } from './paired.ts';
import type { ChangeOptions, Margins } from './change.ts';

// Tukey & McLaughlin (1963) trimmed-mean t, in the form of Wilcox (2012, "Introduction to
// Robust Estimation and Hypothesis Testing", 3rd ed., sec. 4.4.3, trimci): with g = floor(gamma n)
// values cut from each end and h = n - 2g kept,
//   SE = s_w / ((1 - 2 gamma) sqrt(n)),  df = h - 1,
// where s_w is the sample sd of the winsorized sample. scipy.stats.mstats.trimmed_mean_ci uses
// the same formula, which is what the reference fixtures check against.

/** Trimmed mean, standard error and df of a sample, cutting floor(gamma n) values from each end. */
export function trimmedMeanStats(
  values: readonly number[],
  gamma: number,
): { mean: number; se: number; df: number; kept: number } {
  if (!(gamma >= 0 && gamma < 0.5)) throw new RangeError(`expected 0 <= trim < 0.5, got ${gamma}`);
  const n = values.length;
  const sorted = [...values].sort((a, b) => a - b);
  const g = Math.floor(gamma * n);
  const h = n - 2 * g;
  if (h < 2) throw new RangeError(`trimming ${g} of ${n} values from each end leaves fewer than 2`);
  let sum = 0;
  for (let i = g; i < n - g; i++) sum += sorted[i] as number;
  const lo = sorted[g] as number;
  const hi = sorted[n - g - 1] as number;
  const winsorized = sorted.map((v) => Math.min(Math.max(v, lo), hi));
  const se = Math.sqrt(sampleVariance(winsorized)) / ((1 - 2 * gamma) * Math.sqrt(n));
  return { mean: sum / h, se, df: h - 1, kept: h };
}

/** One-sample trimmed-mean t test on log ratios d against +-ln(1 + tau). */
export function trimmedOneSampleLogTest(
  d: readonly number[],
  trim = 0.2,
  tau = 0,
  alpha = 0.05,
  margins?: Margins,
): TChangeResult {
  checkAlpha(alpha);
  const s = trimmedMeanStats(d, trim);
  return tChangeResult('paired-trimmed-log', s.mean, s.se, s.df, tau, alpha, margins);
}

/** Paired trimmed-mean t test on per-pair log ratios; trim defaults to 0.2 (20% each end). */
export function pairedTrimmedLogTest(
  baseline: readonly number[],
  candidate: readonly number[],
  options: ChangeOptions & { trim?: number },
): TChangeResult {
  const d = pairedLogRatios(baseline, candidate, options.direction);
  return trimmedOneSampleLogTest(
    d,
    options.trim ?? 0.2,
    options.tau ?? 0,
    options.alpha ?? 0.05,
    options.margins,
  );
}
