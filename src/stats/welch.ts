import { mean, sampleVariance } from './descriptive.ts';
import { checkAlpha, orientedLogs, tChangeResult } from './change.ts';
import type { ChangeOptions, TChangeResult } from './change.ts';

// Welch's unequal-variance t test (Welch 1947) with the Welch-Satterthwaite degrees of freedom,
// applied to log values so the difference of means is a log ratio of geometric means.
// Computed from the formulas rather than through @stdlib/stats-ttest2 because that package
// returns the one-sided p-value as 1 - cdf, which loses all relative precision below ~1e-10.

/** Standard error and Welch-Satterthwaite df of mean(y) - mean(x) for two samples. */
export function welchStandardError(
  x: readonly number[],
  y: readonly number[],
): { se: number; df: number } {
  const nx = x.length;
  const ny = y.length;
  if (nx < 2 || ny < 2)
    throw new RangeError(`Welch's t needs >= 2 values per side, got ${nx} and ${ny}`);
  const vx = sampleVariance(x) / nx;
  const vy = sampleVariance(y) / ny;
  const se = Math.sqrt(vx + vy);
  // df = (vx + vy)^2 / (vx^2/(nx-1) + vy^2/(ny-1)); both variances 0 -> 0/0, use the pooled
  // nx + ny - 2 (the interval is degenerate anyway).
  const denom = (vx * vx) / (nx - 1) + (vy * vy) / (ny - 1);
  const df = denom === 0 ? nx + ny - 2 : ((vx + vy) * (vx + vy)) / denom;
  return { se, df };
}

/**
 * Welch's t test on log values: relative change of the candidate's geometric mean against the
 * baseline's, its (1 - alpha) interval and one-sided p-values against the tolerance tau.
 */
export function welchLogTest(
  baseline: readonly number[],
  candidate: readonly number[],
  options: ChangeOptions,
): TChangeResult {
  const alpha = options.alpha ?? 0.05;
  checkAlpha(alpha);
  const x = orientedLogs(baseline, options.direction);
  const y = orientedLogs(candidate, options.direction);
  const { se, df } = welchStandardError(x, y);
  const tau = options.tau ?? 0;
  return tChangeResult('welch-log', mean(y) - mean(x), se, df, tau, alpha, options.margins);
}
