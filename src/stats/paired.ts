import { mean, sampleVariance } from './descriptive.ts';
import { checkAlpha, orientedLogs, tChangeResult } from './change.ts';
import type { ChangeOptions, Margins, TChangeResult } from './change.ts';

// Paired design: the test works on per-round log ratios d_i = ln(cand_i / base_i) (sign flipped
// for higher-is-better), so drift and noise shared by both servers within a round cancel.
// Same numbers as @stdlib/stats-ttest with `mu` and `alternative` (the tests check that), but
// the one-sided tail is computed directly: stdlib returns 1 - cdf, which loses all relative
// precision below ~1e-10.

/** Per-pair oriented log ratios d_i; positive = candidate worse in that round. */
export function pairedLogRatios(
  baseline: readonly number[],
  candidate: readonly number[],
  direction: ChangeOptions['direction'],
): number[] {
  if (baseline.length !== candidate.length) {
    throw new RangeError(
      `paired samples must have equal lengths, got ${baseline.length} and ${candidate.length}`,
    );
  }
  const x = orientedLogs(baseline, direction);
  const y = orientedLogs(candidate, direction);
  return y.map((v, i) => v - (x[i] as number));
}

/** One-sample t test on log ratios d (mean of d, SE = sd/sqrt(n), df = n - 1) against +-ln(1+tau). */
export function oneSampleLogTest(
  d: readonly number[],
  tau = 0,
  alpha = 0.05,
  method = 'paired-t-log',
  margins?: Margins,
): TChangeResult {
  checkAlpha(alpha);
  const n = d.length;
  if (n < 2) throw new RangeError(`the paired t test needs >= 2 pairs, got ${n}`);
  const se = Math.sqrt(sampleVariance(d) / n);
  return tChangeResult(method, mean(d), se, n - 1, tau, alpha, margins);
}

/** Paired t test on per-pair log ratios (Student's one-sample t on d). */
export function pairedLogTest(
  baseline: readonly number[],
  candidate: readonly number[],
  options: ChangeOptions,
): TChangeResult {
  const d = pairedLogRatios(baseline, candidate, options.direction);
  return oneSampleLogTest(
    d,
    options.tau ?? 0,
    options.alpha ?? 0.05,
    'paired-t-log',
    options.margins,
  );
}
