import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { checkAlpha } from './change.ts';

// Noise floor and sample size from the usual power approximation for a one-sided t test
// (Chow, Shao & Wang 2008, "Sample Size Calculations in Clinical Research", 2nd ed., sec. 3.2):
// a true log change delta is detected with probability ~power when
//   delta >= (t_{1-alpha, df} + t_{power, df}) * SE,
// SE = sd * sqrt(1/n1 + 1/n2), df = n1 + n2 - 2 (unpaired, sd of log values) or
// SE = sd / sqrt(n), df = n - 1 (paired, sd of the log ratios d). alpha is one-sided: pass the
// already corrected level of the one-sided gate test.

/** Inputs of the noise-floor and runs-needed estimates. */
export interface PowerInputs {
  /** Sample sd of the log values (unpaired, pooled) or of the log ratios d (paired). */
  sd: number;
  /** Runs of the baseline (unpaired) or number of pairs (paired). */
  n1: number;
  /** Runs of the candidate; omit for the paired design. */
  n2?: number;
  /** One-sided significance level, already corrected for multiplicity. */
  alpha: number;
  /** Probability of detecting the change; default 0.8. */
  power?: number;
}

/** Smallest true log change detectable with the given power: (t_{1-a} + t_{power}) * SE. */
export function minimumDetectableLogChange(inputs: PowerInputs): number {
  const { sd, n1, n2, alpha } = inputs;
  const power = inputs.power ?? 0.8;
  checkAlpha(alpha);
  if (!(power > 0 && power < 1)) throw new RangeError(`expected 0 < power < 1, got ${power}`);
  const paired = n2 === undefined;
  const df = paired ? n1 - 1 : n1 + n2 - 2;
  if (!(df >= 1)) throw new RangeError(`too few runs for a t test: n1=${n1}, n2=${n2}`);
  const se = paired ? sd / Math.sqrt(n1) : sd * Math.sqrt(1 / n1 + 1 / n2);
  return (tQuantile(1 - alpha, df) + tQuantile(power, df)) * se;
}

/** The same noise floor as a relative change, exp(delta) - 1. */
export function minimumDetectableChange(inputs: PowerInputs): number {
  return Math.expm1(minimumDetectableLogChange(inputs));
}

/**
 * Runs per side (or pairs) at which a log distance `logDistance` between the estimate and the
 * decision boundary would likely be resolved: the smallest n with noise floor <= distance.
 * Returns null when even maxRuns would not do (or the distance is 0).
 */
export function runsNeeded(
  inputs: { sd: number; alpha: number; power?: number; paired: boolean; maxRuns?: number },
  logDistance: number,
): number | null {
  const maxRuns = inputs.maxRuns ?? 10_000;
  const distance = Math.abs(logDistance);
  const floorAt = (n: number): number =>
    minimumDetectableLogChange({
      sd: inputs.sd,
      n1: n,
      n2: inputs.paired ? undefined : n,
      alpha: inputs.alpha,
      power: inputs.power,
    });
  if (inputs.sd === 0) return 2;
  if (distance === 0 || floorAt(maxRuns) > distance) return null;
  // The floor decreases with n: bisect between 2 and maxRuns.
  let lo = 2;
  let hi = maxRuns;
  if (floorAt(lo) <= distance) return lo;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (floorAt(mid) <= distance) hi = mid;
    else lo = mid;
  }
  return hi;
}
