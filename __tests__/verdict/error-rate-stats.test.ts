// The error rate judged on counts (src/verdict/error-rate-stats.ts): failures over attempts
// summed per side, runs as the independent units, the absolute tolerance kept.
import { describe, expect, it } from 'vitest';
import { sampleVariance } from '../../src/stats/index.ts';
import { compareRecords } from '../../src/verdict/index.ts';
import type { Comparison, MetricComparison } from '../../src/verdict/index.ts';
import { errorRateStats } from '../../src/verdict/error-rate-stats.ts';
import type { RunCounts } from '../../src/verdict/metric-input.ts';
import { metricDef } from '../../src/verdict/metrics.ts';
import { noisyRuns } from '../helpers/noisy-runs.ts';
import { makeRecord } from '../helpers/records.ts';
import type { RunNumbers } from '../helpers/records.ts';

const ERRORS = metricDef('errors');

function errorsOf(c: Comparison, workload = 'hello'): MetricComparison {
  const m = c.workloads
    .find((w) => w.name === workload)
    ?.metrics.find((x) => x.metric === 'errors');
  if (!m) throw new Error(`no ${workload}/errors`);
  return m;
}

/** `n` healthy noisy runs with these error counts and responses (the rate follows from them). */
function runsWith(n: number, seed: number, counts: (i: number) => RunNumbers): RunNumbers[] {
  return noisyRuns({ n, seed }).map((r, i) => ({
    ...r,
    errorRate: undefined,
    ...(counts(i) as object),
  }));
}

function stats(baseline: RunCounts[], candidate: RunCounts[], paired = false) {
  return errorRateStats({
    def: ERRORS,
    baseline: baseline.map((c) => c.failures / c.attempts),
    candidate: candidate.map((c) => c.failures / c.attempts),
    counts: { baseline, candidate },
    paired,
    tau: 0.001,
    alphaSide: 0.025,
    test: 'auto',
  });
}

describe('error rate on counts', () => {
  it('is failures over attempts summed across runs, not the mean of per-run rates', () => {
    const base = makeRecord({ workloads: { hello: runsWith(10, 1, () => ({})) } });
    // Nine runs of 10,000 responses without an error, one run of 10 attempts that all failed.
    const head = makeRecord({
      workloads: {
        hello: runsWith(10, 2, (i) =>
          i === 9 ? { requests: 0, errors: { connection: 10 } } : { requests: 10_000 },
        ),
      },
    });
    const e = errorsOf(compareRecords(base, head));
    expect(e.change).toBeCloseTo(10 / 90_010, 12); // the mean of the rates would say 10%
  });

  it('counts protocol errors and incomplete responses as failed attempts', () => {
    const runs = [0, 1].map(() => ({ failures: 0, attempts: 1000 }));
    const head = makeRecord({
      workloads: {
        hello: runsWith(2, 3, () => ({ requests: 900, errors: { protocol: 60, incomplete: 40 } })),
      },
    });
    const base = makeRecord({ workloads: { hello: runsWith(2, 4, () => ({ requests: 1000 })) } });
    expect(errorsOf(compareRecords(base, head)).change).toBeCloseTo(0.1, 12);
    expect(stats(runs, runs).change).toBe(0);
  });

  it('treats runs as the units: one run with every request failed is not significant alone', () => {
    const ok = Array.from({ length: 10 }, () => ({ failures: 0, attempts: 10_000 }));
    const oneBad = ok.map((c, i) => (i === 0 ? { failures: 10_000, attempts: 10_000 } : c));
    const s = stats(ok, oneBad);
    expect(s.change).toBeCloseTo(0.1, 12);
    // A binomial test on 100,000 requests would put p near 0; across 10 runs it is not clear.
    expect(s.pWorse).toBeGreaterThan(0.025);
    expect(s.interval[0]).toBeLessThan(0.001);
  });

  it('equals Welch t on the per-run rates when every run made the same number of attempts', () => {
    const b = [3, 5, 4, 6, 2].map((f) => ({ failures: f, attempts: 1000 }));
    const c = [9, 12, 8, 11, 10].map((f) => ({ failures: f, attempts: 1000 }));
    const s = stats(b, c);
    const rb = b.map((x) => x.failures / 1000);
    const rc = c.map((x) => x.failures / 1000);
    const se = Math.sqrt(sampleVariance(rb) / 5 + sampleVariance(rc) / 5);
    expect(s.change).toBeCloseTo(0.006, 12);
    expect(s.interval[1] - s.change).toBeGreaterThan(se); // t quantile > 1
    expect(s.sd).toBeCloseTo(se / Math.sqrt(2 / 5), 12);
    expect(s.test).toBe('welch-absolute');
  });

  it('paired: judges the per-pair differences, so a shared burst cancels', () => {
    // Both sides have the same bad second pair: the difference is steady.
    const b = [0, 500, 0, 0, 0].map((f) => ({ failures: f, attempts: 1000 }));
    const c = [5, 505, 5, 5, 5].map((f) => ({ failures: f, attempts: 1000 }));
    const paired = stats(b, c, true);
    expect(paired.change).toBeCloseTo(0.005, 12);
    expect(paired.pWorse).toBeLessThan(0.001);
    expect(stats(b, c, false).pWorse).toBeGreaterThan(0.1);
  });

  it('keeps the absolute tolerance: a steady +0.05 pp is no change, +2 pp a regression', () => {
    const base = makeRecord({ workloads: { hello: runsWith(8, 5, () => ({ requests: 20_000 })) } });
    const small = makeRecord({
      workloads: {
        hello: runsWith(8, 6, (i) => ({ requests: 20_000, errors: { status: 9 + (i % 3) } })),
      },
    });
    expect(errorsOf(compareRecords(base, small)).status).toBe('no-change');
    const big = makeRecord({
      workloads: {
        hello: runsWith(8, 7, (i) => ({
          requests: 20_000,
          errors: { status: 400 + 10 * (i % 3) },
        })),
      },
    });
    expect(errorsOf(compareRecords(base, big)).status).toBe('regression');
  });
});
