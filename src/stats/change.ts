import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

// Shared vocabulary of the comparison tests: every test works on log values oriented so that a
// positive difference means "worse", and reports relative change = exp(log change) - 1.

/** Which way a metric improves: latency and CPU are lower-is-better, throughput higher-is-better. */
export type Direction = 'lower-is-better' | 'higher-is-better';

/** Options shared by the comparison tests. */
export interface ChangeOptions {
  /** Which way the metric improves; decides the sign of "worse". */
  direction: Direction;
  /** Tolerated relative change as a fraction (0.05 = 5%); default 0. */
  tau?: number;
  /** Two-sided interval level is 1 - alpha (pass the already corrected alpha); default 0.05. */
  alpha?: number;
  /**
   * The decision boundaries on the oriented log scale; default +-ln(1 + tau). The verdict layer
   * passes `orientedMargins(direction, tau)`, so that "5%" is 5% of the metric's own value in
   * both directions.
   */
  margins?: Margins;
}

/** Decision boundaries on the oriented log scale (positive = worse): worse above +worse, better below -better. */
export interface Margins {
  worse: number;
  better: number;
}

/**
 * The boundaries of a tolerance tau read on the metric's own scale: a latency 5% worse is
 * x1.05 (log ln 1.05), 5% better is x0.95 (log ln 0.95); a throughput 5% worse is x0.95 and 5%
 * better x1.05. On the oriented log scale that makes the two boundaries unequal: for
 * lower-is-better worse = ln(1 + tau), better = -ln(1 - tau); for higher-is-better the reverse.
 * A tolerance of 100% or more on the shrinking side can never be crossed; it is taken as a
 * factor of 1e-9 (a finite boundary keeps the rank tests' shifted samples finite).
 */
export function orientedMargins(direction: Direction, tau: number): Margins {
  if (!(tau >= 0) || !(tau < Infinity)) throw new RangeError(`expected tau >= 0, got ${tau}`);
  const grow = Math.log1p(tau);
  const shrink = tau >= 1 ? Math.log(1e9) : -Math.log1p(-tau);
  return direction === 'lower-is-better'
    ? { worse: grow, better: shrink }
    : { worse: shrink, better: grow };
}

/** The symmetric margins +-ln(1 + tau) used when no explicit margins are given. */
export function symmetricMargins(tau: number): Margins {
  const m = logMargin(tau);
  return { worse: m, better: m };
}

/** A two-sided interval [lower, upper]. */
export type Interval = [number, number];

/** What every comparison returns: a relative change with its interval and one-sided p-values. */
export interface ChangeResult {
  /** Name of the test that produced the numbers. */
  method: string;
  /** Point estimate of the relative change, exp(log estimate) - 1; positive = worse. */
  estimate: number;
  /** Two-sided (1 - alpha) interval of the relative change. */
  ci: Interval;
  /** Point estimate on the log scale (mean or median log difference). */
  logEstimate: number;
  /** `ci` on the log scale. */
  logCi: Interval;
  /** One-sided p-value of H0: change <= tau against H1: change > tau (log shift ln(1 + tau)). */
  pWorse: number;
  /** One-sided p-value of H0: log change >= -ln(1 + tau) against H1: better by more than (1 + tau). */
  pBetter: number;
  /** The tolerance tau the p-values refer to. */
  tau: number;
  /** The alpha of the interval. */
  alpha: number;
}

/** A t-based comparison: ChangeResult plus the t statistic of the pWorse test, df and SE. */
export interface TChangeResult extends ChangeResult {
  /** t statistic of the pWorse test, (logEstimate - ln(1 + tau)) / se. */
  t: number;
  /** Degrees of freedom of the t reference distribution. */
  df: number;
  /** Standard error of logEstimate. */
  se: number;
}

/** Log values oriented so that larger means worse: ln(x), or -ln(x) for higher-is-better. */
export function orientedLogs(values: readonly number[], direction: Direction): number[] {
  return values.map((v) => {
    if (!(v > 0) || !Number.isFinite(v)) {
      throw new RangeError(`expected positive finite values, got ${v}`);
    }
    return direction === 'higher-is-better' ? -Math.log(v) : Math.log(v);
  });
}

/** Relative change exp(logChange) - 1, via expm1 for accuracy near zero. */
export function toRelativeChange(logChange: number): number {
  return Math.expm1(logChange);
}

/** Log of the tolerance margin, ln(1 + tau). */
export function logMargin(tau: number): number {
  if (!(tau >= 0) || !(tau < Infinity)) throw new RangeError(`expected tau >= 0, got ${tau}`);
  return Math.log1p(tau);
}

/** Upper tail P(T > t) of Student's t with df degrees of freedom, without 1 - cdf cancellation. */
export function tUpperTail(t: number, df: number): number {
  return tCdf(-t, df);
}

/**
 * Builds a t-based result from a log-scale estimate, its standard error and df.
 * Interval: estimate +- t_{1-alpha/2, df} * se; p-values: one-sided t tests against +-ln(1 + tau).
 * With se = 0 (no spread at all) the interval is the point and each p-value is 0 when the
 * estimate lies strictly beyond the margin, 1 otherwise, so identical samples never "differ".
 */
export function tChangeResult(
  method: string,
  logEstimate: number,
  se: number,
  df: number,
  tau: number,
  alpha: number,
  margins: Margins = symmetricMargins(tau),
): TChangeResult {
  checkAlpha(alpha);
  let logCi: Interval;
  let pWorse: number;
  let pBetter: number;
  let t: number;
  if (se === 0) {
    logCi = [logEstimate, logEstimate];
    pWorse = logEstimate > margins.worse ? 0 : 1;
    pBetter = logEstimate < -margins.better ? 0 : 1;
    t = logEstimate === margins.worse ? 0 : (logEstimate - margins.worse) * Infinity;
  } else {
    const q = tQuantile(1 - alpha / 2, df);
    logCi = [logEstimate - q * se, logEstimate + q * se];
    t = (logEstimate - margins.worse) / se;
    pWorse = tUpperTail(t, df);
    pBetter = tCdf((logEstimate + margins.better) / se, df);
  }
  return {
    method,
    estimate: toRelativeChange(logEstimate),
    ci: [toRelativeChange(logCi[0]), toRelativeChange(logCi[1])],
    logEstimate,
    logCi,
    pWorse,
    pBetter,
    tau,
    alpha,
    t,
    df,
    se,
  };
}

/** Throws unless 0 < alpha < 1. */
export function checkAlpha(alpha: number): void {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`expected 0 < alpha < 1, got ${alpha}`);
}
