import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { tUpperTail } from '../stats/index.ts';
import type { Interval } from '../stats/index.ts';
import type { RunSample } from '../record/record.ts';
import type { TestName } from './comparison-schema.ts';
import type { MetricInput, MetricStats, RunCounts } from './metric-input.ts';

// The error rate judged on counts (statistics.md, "Breakage is not noise"): each side's rate is
// its failures over its attempts summed across runs, p = sum(f) / sum(n), so a run that made
// many attempts weighs as much as it measured. Runs, not requests, are the independent units:
// requests of one run share its server state, so a binomial variance on the request count would
// make a single bad run "significant". The variance of p is the run-clustered (ratio-estimator,
// sandwich) one, k / (k - 1) * sum(((f_i - p n_i) / N)^2) (Cochran, Sampling Techniques, 6.9;
// the CR1 cluster-robust variance): it equals s^2 / k when every run made the same number of
// attempts, and it carries whatever overdispersion the runs show. The one-sided tests against
// the absolute tolerance use Student's t with Satterthwaite's degrees of freedom (paired: the
// per-pair difference of the two residuals, k - 1 degrees of freedom).

/** A run's failures (every error kind) over its attempts (responses + requests that got none). */
export function runCounts(run: RunSample): RunCounts {
  const e = run.errors;
  const unanswered = e.connection + e.timeout + (e.protocol ?? 0) + (e.incomplete ?? 0);
  return { failures: unanswered + e.status + e.body, attempts: run.requests + unanswered };
}

/** One side: the pooled rate and each run's residual (f_i - p n_i) / N. */
function side(counts: readonly RunCounts[]): { rate: number; residuals: number[] } {
  const n = counts.reduce((a, c) => a + c.attempts, 0);
  const f = counts.reduce((a, c) => a + c.failures, 0);
  const rate = n > 0 ? f / n : 0;
  const residuals = counts.map((c) => (n > 0 ? (c.failures - rate * c.attempts) / n : 0));
  return { rate, residuals };
}

/** k / (k - 1) times the sum of squares: the clustered variance of a rate from its residuals. */
function clusteredVariance(residuals: readonly number[]): number {
  const k = residuals.length;
  return (k / (k - 1)) * residuals.reduce((a, r) => a + r * r, 0);
}

/**
 * Without counts (a caller that only has per-run rates), every run counts as one attempt: the
 * test is then Welch's t on the per-run rates.
 */
function countsOf(input: MetricInput): { baseline: RunCounts[]; candidate: RunCounts[] } {
  if (input.counts) return input.counts;
  const asCounts = (rates: number[]) => rates.map((r) => ({ failures: r, attempts: 1 }));
  return { baseline: asCounts(input.baseline), candidate: asCounts(input.candidate) };
}

/** The error-rate comparison of one workload: candidate rate minus baseline rate, on counts. */
export function errorRateStats(input: MetricInput): MetricStats {
  const { paired, tau, alphaSide } = input;
  const counts = countsOf(input);
  const b = side(counts.baseline);
  const c = side(counts.candidate);
  const kb = b.residuals.length;
  const kc = c.residuals.length;
  const estimate = c.rate - b.rate;
  let variance: number;
  let df: number;
  if (paired) {
    variance = clusteredVariance(c.residuals.map((r, i) => r - (b.residuals[i] as number)));
    df = kc - 1;
  } else {
    const vb = clusteredVariance(b.residuals);
    const vc = clusteredVariance(c.residuals);
    variance = vb + vc;
    df = variance > 0 ? variance ** 2 / (vb ** 2 / (kb - 1) + vc ** 2 / (kc - 1)) : kb + kc - 2;
  }
  const se = Math.sqrt(variance);
  const exact = se === 0 || !Number.isFinite(df);
  const test: TestName = exact ? 'exact' : paired ? 'paired-t-absolute' : 'welch-absolute';
  const testReason = exact
    ? 'exact comparison: every run gave the same error rate on each side'
    : paired
      ? 'failures over attempts, paired t on the per-pair run-clustered differences'
      : 'failures over attempts summed per side, t on the run-clustered standard error (runs are the units)';
  let interval: Interval;
  let pWorse: number;
  let pBetter: number;
  let noiseFloor = tau;
  if (exact) {
    interval = [estimate, estimate];
    pWorse = estimate > tau ? 0 : 1;
    pBetter = estimate < -tau ? 0 : 1;
  } else {
    const q = tQuantile(1 - alphaSide, df);
    interval = [estimate - q * se, estimate + q * se];
    pWorse = tUpperTail((estimate - tau) / se, df);
    pBetter = tCdf((estimate + tau) / se, df);
    noiseFloor = tau + (q + tQuantile(0.8, df)) * se; // 80% power at alphaSide, beyond tau
  }
  return {
    test,
    testReason,
    change: estimate,
    interval,
    scaleChange: estimate,
    scaleInterval: interval,
    margin: tau,
    marginBetter: tau,
    pWorse,
    pBetter,
    noiseFloor,
    // The per-run spread this standard error implies, for the runs-needed estimate.
    sd: paired ? se * Math.sqrt(kc) : se / Math.sqrt(1 / kb + 1 / kc),
    minP: 0,
    centers: { baseline: b.rate, candidate: c.rate },
    between: null,
    se,
    df: Number.isFinite(df) ? df : null,
  };
}
