// Sessions, not runs, across machines: the stored comparison judges a new session against the
// spread between recorded sessions; tolerances read on each metric's own scale; detectable
// changes that keep their 80% promise. Each case failed on the run-level comparison it replaces.
import { describe, expect, it } from 'vitest';
import { createRng, orientedMargins, randomNormal, sessionLogTest } from '../../src/stats/index.ts';
import { compareRecords } from '../../src/verdict/index.ts';
import type { Comparison, MetricComparison, MetricKey } from '../../src/verdict/index.ts';
import { noisyRuns } from '../helpers/noisy-runs.ts';
import { makeRecord } from '../helpers/records.ts';

function metric(c: Comparison, key: MetricKey, workload = 'hello'): MetricComparison {
  const m = c.workloads.find((w) => w.name === workload)?.metrics.find((x) => x.metric === key);
  if (!m) throw new Error(`no ${workload}/${key}`);
  return m;
}

/** A session on a runner `offset` slower than typical: every run's numbers scaled by it. */
function session(seed: number, offset: number, n = 10, slow = 0) {
  return makeRecord({
    workloads: {
      hello: noisyRuns({
        n,
        seed,
        cv: 0.03,
        reqPerSec: 1000 / (1 + offset) / (1 + slow),
        p50Us: 1000 * (1 + offset) * (1 + slow),
        p99Us: 3000 * (1 + offset) * (1 + slow),
        extra: {},
      }).map((r) => ({ ...r, cpuMsPerRequest: (r.cpuMsPerRequest as number) * (1 + offset) })),
    },
  });
}

describe('stored comparisons judge sessions, not runs', () => {
  it('a runner 12% faster than the baseline runner is no regression and no improvement', () => {
    // Run-level Welch called this 3 improvements at Holm p ~ 1e-4 (the demo, run again later).
    const c = compareRecords(session(1, 0.06), session(2, -0.06));
    expect(c.verdict).not.toBe('regression');
    expect(c.counts.improvements).toBe(0);
    const p50 = metric(c, 'p50');
    expect(p50.test).toBe('session');
    expect(p50.between).toEqual({ sd: expect.closeTo(0.1, 9), source: 'default', sessions: 1 });
    expect(p50.reason).toMatch(
      /spread between runner sessions .* more runs per session will not decide/,
    );
    expect(c.notes.find((n) => n.code === 'noise-floor')?.message).toMatch(
      /Stored baseline: .*spread between sessions \(sd 10\.0%, the configured runner noise.*gate\.compare-to: base/,
    );
  });

  it('with 20 recorded sessions the spread is estimated from them and +25% is caught', () => {
    const rng = createRng(5);
    const history = Array.from({ length: 20 }, (_, i) =>
      session(100 + i, randomNormal(rng, 0, 0.02)),
    );
    const c = compareRecords(history[0]!, session(200, 0, 10, 0.25), { history });
    const rps = metric(c, 'throughput');
    expect(rps.between?.source).toBe('history');
    expect(rps.between?.sessions).toBe(20);
    expect(rps.status).toBe('regression');
    const aa = compareRecords(history[0]!, session(201, randomNormal(rng, 0, 0.02)), { history });
    expect(aa.counts.regressions).toBe(0);
    // The floor shown includes the spread between sessions: far above the 5% tolerance.
    expect(metric(aa, 'throughput').noiseFloor).toBeGreaterThan(0.05);
  });

  it('pooling K records pools K sessions: their summaries, not their runs', () => {
    const pool = [session(11, 0.08), session(12, -0.08), session(13, 0.0)];
    const c = compareRecords(pool, session(14, 0.0));
    const rps = metric(c, 'throughput');
    expect(rps.test).toBe('session');
    expect(c.notes.find((n) => n.code === 'pooled')?.message).toMatch(
      /mean of 3 recorded sessions/,
    );
    // The centers shown are the ones compared: their ratio is the change.
    const ratio = (rps.candidate.center as number) / (rps.baseline.center as number) - 1;
    expect(ratio).toBeCloseTo(rps.change as number, 12);
  });

  it('a history of identical sessions gives the same-session test its full precision', () => {
    const same = [0, 1, 2, 3, 4, 5].map((i) => [1000 + i, 1001 + i, 999 + i]);
    const r = sessionLogTest([same[0]!], [1500, 1502, 1498], same, {
      direction: 'lower-is-better',
      tau: 0.05,
      alpha: 0.01,
      runnerSd: 0.1,
    });
    expect(r.between.source).toBe('history');
    expect(r.pWorse).toBeLessThan(1e-3);
  });
});

describe('a tolerance of 5% is 5% of the metric in both directions', () => {
  const tight = (seed: number, p50Us: number, reqPerSec = 1000) =>
    makeRecord({
      workloads: { hello: noisyRuns({ n: 20, seed, cv: 0.001, p50Us, reqPerSec }) },
    });

  it('p50 4.8% lower is not an improvement (it was, on the inverted scale)', () => {
    const c = compareRecords(tight(1, 1000), tight(2, 952), { test: 'welch' });
    expect(metric(c, 'p50').status).not.toBe('improvement');
    expect(metric(c, 'p50').status).toBe('no-change');
  });

  it('throughput 4.9% lower is within a 5% tolerance; 5.3% lower is a regression', () => {
    const within = compareRecords(tight(3, 1000), tight(4, 1000, 951), { test: 'welch' });
    expect(metric(within, 'throughput').status).toBe('no-change');
    const beyond = compareRecords(tight(5, 1000), tight(6, 1000, 947), { test: 'welch' });
    expect(metric(beyond, 'throughput').status).toBe('regression');
  });

  it('the margins are ln(1 + tau) and -ln(1 - tau), swapped for throughput', () => {
    expect(orientedMargins('lower-is-better', 0.05)).toEqual({
      worse: Math.log1p(0.05),
      better: -Math.log1p(-0.05),
    });
    expect(orientedMargins('higher-is-better', 0.05)).toEqual({
      worse: -Math.log1p(-0.05),
      better: Math.log1p(0.05),
    });
  });
});

describe('the smallest detectable regression keeps its promise', () => {
  it('a true change at the stated floor is caught about 80% of the time or more', () => {
    const rng = createRng(9);
    const sd = 0.03;
    const records = (slow: number, seed: number) => {
      const base: number[] = [];
      const cand: number[] = [];
      for (let i = 0; i < 10; i++) {
        base.push(0.05 * Math.exp(randomNormal(rng, 0, sd)));
        cand.push(0.05 * (1 + slow) * Math.exp(randomNormal(rng, 0, sd)));
      }
      const rec = (v: number[]) =>
        makeRecord({
          seed,
          workloads: {
            hello: noisyRuns({ n: 10, seed }).map((r, i) => ({
              ...r,
              cpuMsPerRequest: v[i] as number,
            })),
          },
        });
      return [rec(base), rec(cand)] as const;
    };
    // The floor stated for CPU/req with this noise (median over a few draws).
    const floors = Array.from({ length: 15 }, (_, k) => {
      const [b, c] = records(0, 300 + k);
      return metric(compareRecords(b, c, { test: 'welch' }), 'cpu').noiseFloor as number;
    }).sort((x, y) => x - y);
    const floor = floors[7] as number;
    expect(floor).toBeGreaterThan(0.05); // the tolerance plus what the noise hides
    let caught = 0;
    const trials = 300;
    for (let t = 0; t < trials; t++) {
      const [b, c] = records(floor, 1000 + t);
      if (metric(compareRecords(b, c, { test: 'welch' }), 'cpu').status === 'regression') caught++;
    }
    expect(caught / trials).toBeGreaterThanOrEqual(0.72);
  });
});
