import * as ss from 'simple-statistics';

// Thin wrappers over simple-statistics so the rest of perfgate has one import for descriptive
// statistics and one convention for each (sample sd with n - 1, quantiles of numpy's default
// "linear" method = Hyndman & Fan type 7, MAD without the 1.4826 normal-consistency factor).

/** Arithmetic mean. */
export function mean(values: readonly number[]): number {
  return ss.mean(values as number[]);
}

/** Median (average of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  return ss.median(values as number[]);
}

/** Sample standard deviation (n - 1 denominator); 0 for a single value. */
export function sampleSd(values: readonly number[]): number {
  return values.length < 2 ? 0 : ss.sampleStandardDeviation(values as number[]);
}

/** Sample variance (n - 1 denominator), two-pass as in numpy's var(ddof=1); 0 for one value. */
export function sampleVariance(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  const m = mean(values);
  let sum = 0;
  for (const v of values) sum += (v - m) * (v - m);
  return sum / (n - 1);
}

/** Coefficient of variation: sample sd / mean. */
export function cv(values: readonly number[]): number {
  return sampleSd(values) / mean(values);
}

/** Median absolute deviation from the median (raw; multiply by 1.4826 to estimate sigma). */
export function mad(values: readonly number[]): number {
  return ss.medianAbsoluteDeviation(values as number[]);
}

/** Quantile p in [0, 1], linear interpolation (Hyndman & Fan 1996 type 7, numpy default). */
export function quantile(values: readonly number[], p: number): number {
  return ss.quantile(values as number[], p);
}

/** Smallest value. */
export function min(values: readonly number[]): number {
  return ss.min(values as number[]);
}

/** Largest value. */
export function max(values: readonly number[]): number {
  return ss.max(values as number[]);
}

/** Geometric mean of positive values: exp of the mean of their logs. */
export function geometricMean(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('geometric mean of an empty sample');
  let sum = 0;
  for (const v of values) sum += Math.log(v);
  return Math.exp(sum / values.length);
}
