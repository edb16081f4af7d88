import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { orientedMargins, welchLogTest } from '../../src/stats/index.ts';
import { comparisonSchema, compareRecords, testForDesign } from '../../src/verdict/index.ts';
import type { Comparison, MetricComparison, MetricKey } from '../../src/verdict/index.ts';
import { noisyRuns } from '../helpers/noisy-runs.ts';
import { makeRecord } from '../helpers/records.ts';
import type { RecordSpec } from '../helpers/records.ts';

function metric(c: Comparison, workload: string, key: MetricKey): MetricComparison {
  const w = c.workloads.find((x) => x.name === workload);
  const m = w?.metrics.find((x) => x.metric === key);
  if (!m) throw new Error(`no ${workload}/${key}`);
  return m;
}

/** A config that gates only the listed metrics, as the candidate record stores it. */
function gateOnly(names: string[], thresholds: Record<string, number>): RecordSpec['config'] {
  const off = {
    throughput: null,
    p50: null,
    p90: null,
    p99: null,
    cpu: null,
    rss: null,
    errors: null,
  };
  return { workloads: names.map((name) => ({ name, thresholds: { ...off, ...thresholds } })) };
}

/**
 * The run-level Welch test, asked for explicitly: these cases check the verdict machinery (Holm,
 * tolerances, notes) on runs of one session; the default session-level test is checked in
 * session.test.ts.
 */
const WITHIN = { test: 'welch' } as const;

describe('compareRecords', () => {
  it('detects a clear p99 regression and says why', () => {
    const base = makeRecord({ workloads: { hello: noisyRuns({ n: 10, seed: 1 }) } });
    const head = makeRecord({
      workloads: { hello: noisyRuns({ n: 10, seed: 2, p99Us: 3000 * 1.2 }) },
    });
    const c = compareRecords(base, head, WITHIN);
    expect(comparisonSchema.parse(c)).toEqual(c);
    expect(c.verdict).toBe('regression');
    const p99 = metric(c, 'hello', 'p99');
    expect(p99.status).toBe('regression');
    expect(p99.change).toBeGreaterThan(0.15);
    expect(p99.reason).toMatch(
      /^p99 \+\d+\.\d% \[\+\d+\.\d%, \+\d+\.\d%\], confidently worse than the 10% tolerance/,
    );
    expect(p99.test).toBe('welch');
    expect(c.headline).toMatch(/^1 regression \(hello p99 \+\d+\.\d%\)$/);
    expect(metric(c, 'hello', 'throughput').status).toBe('no-change');
  });

  it('A/A: two samples of the same distribution give no regression', () => {
    const base = makeRecord({
      workloads: { hello: noisyRuns({ n: 10, seed: 11 }), crud: noisyRuns({ n: 10, seed: 12 }) },
    });
    const head = makeRecord({
      workloads: { hello: noisyRuns({ n: 10, seed: 13 }), crud: noisyRuns({ n: 10, seed: 14 }) },
    });
    const c = compareRecords(base, head, WITHIN);
    expect(c.verdict).toBe('pass');
    expect(c.counts.regressions).toBe(0);
    expect(metric(c, 'hello', 'throughput').status).toBe('no-change');
    expect(metric(c, 'crud', 'p50').reason).toMatch(/not worse than the 5% tolerance/);
    expect(c.headline).toMatch(
      /^no regression in 2 workloads \(12 metrics\); could detect regressions from \d+\.\d% \(/,
    );
  });

  it('reports an improvement (throughput up 20%) as a pass', () => {
    const base = makeRecord({ workloads: { hello: noisyRuns({ n: 10, seed: 21 }) } });
    const head = makeRecord({
      workloads: { hello: noisyRuns({ n: 10, seed: 22, reqPerSec: 1200 }) },
    });
    const c = compareRecords(base, head, WITHIN);
    const rps = metric(c, 'hello', 'throughput');
    expect(rps.status).toBe('improvement');
    expect(rps.change).toBeGreaterThan(0.15); // natural direction: +20% req/s reads as positive
    expect(c.verdict).not.toBe('regression');
    expect(c.counts.improvements).toBe(1);
    expect(c.headline).toMatch(/1 improvement \(hello req\/s \+\d+\.\d%\)/);
  });

  it('calls a noisy, borderline change inconclusive and says how many runs would decide', () => {
    const base = makeRecord({ workloads: { hello: noisyRuns({ n: 5, seed: 31, cv: 0.1 }) } });
    const head = makeRecord({
      workloads: { hello: noisyRuns({ n: 5, seed: 32, cv: 0.1, p99Us: 3000 * 1.08 }) },
    });
    const c = compareRecords(base, head, WITHIN);
    const p99 = metric(c, 'hello', 'p99');
    expect(p99.status).toBe('inconclusive');
    expect(p99.reason).toMatch(
      /interval \[[-+]\d+\.\d%, \+\d+\.\d%\] crosses the 10% tolerance: \d+ more runs per side would likely decide/,
    );
    expect(p99.moreRunsNeeded).toBeGreaterThan(0);
    expect(p99.required).toBe(false); // p99 informs: it does not hold a pass
    expect(p99.reason).toMatch(/informs only/);
    const note = c.notes.find((n) => n.code === 'noise-floor');
    expect(note?.message).toMatch(/can detect regressions from about \d+/);
  });

  it('fails on an error-rate increase even when throughput got better', () => {
    const base = makeRecord({ workloads: { hello: noisyRuns({ n: 8, seed: 41 }) } });
    const errs = [0.02, 0.025, 0.018, 0.022, 0.02, 0.019, 0.021, 0.024];
    const head = makeRecord({
      workloads: {
        hello: noisyRuns({ n: 8, seed: 42, reqPerSec: 1300 }).map((r, i) => ({
          ...r,
          errorRate: errs[i],
        })),
      },
    });
    const c = compareRecords(base, head, WITHIN);
    expect(metric(c, 'hello', 'throughput').status).toBe('improvement');
    const errors = metric(c, 'hello', 'errors');
    expect(errors.status).toBe('regression');
    expect(errors.scale).toBe('absolute');
    expect(errors.test).toBe('welch-absolute');
    expect(errors.reason).toMatch(/errors \+2\.\d\d pp .*0\.10% \(absolute\) tolerance/);
    expect(c.verdict).toBe('regression');
  });

  it('error rates: all zero on both sides is an exact no change; a steady increase is a regression', () => {
    const base = makeRecord({ workloads: { hello: noisyRuns({ n: 5, seed: 43 }) } });
    const same = makeRecord({ workloads: { hello: noisyRuns({ n: 5, seed: 44 }) } });
    const zero = metric(compareRecords(base, same, WITHIN), 'hello', 'errors');
    expect([zero.status, zero.test, zero.pWorse]).toEqual(['no-change', 'exact', 1]);
    const worse = makeRecord({
      workloads: { hello: noisyRuns({ n: 5, seed: 44, errorRate: 0.01 }) },
    });
    const e = metric(compareRecords(base, worse, WITHIN), 'hello', 'errors');
    // 1% of each run's requests, rounded to whole failures: almost no spread, a clear regression.
    expect(e.status).toBe('regression');
    expect(e.pWorse).toBeLessThan(1e-9);
    expect(e.change).toBeCloseTo(0.01, 4);
  });

  it('keeps a gated metric measured on one side only in the verdict, as undecided', () => {
    const base = makeRecord({ workloads: { hello: noisyRuns({ n: 6, seed: 51 }) } });
    const head = makeRecord({
      workloads: { hello: noisyRuns({ n: 6, seed: 52, extra: { cpuMsPerRequest: null } }) },
    });
    const c = compareRecords(base, head);
    const cpu = metric(c, 'hello', 'cpu');
    expect(cpu.status).toBe('inconclusive');
    expect(cpu.reason).toMatch(/measured in the baseline but not in this run/);
    expect(c.verdict).toBe('inconclusive');
    // Measured on neither side: nothing to compare, and nothing left out.
    const none = makeRecord({
      workloads: { hello: noisyRuns({ n: 6, seed: 53, extra: { cpuMsPerRequest: null } }) },
    });
    expect(metric(compareRecords(none, head), 'hello', 'cpu').status).toBe('not-measured');
  });

  it('a run with CPU/req 0 leaves the metric undecided, saying the run was shorter than a tick', () => {
    const base = makeRecord({ workloads: { hello: noisyRuns({ n: 6, seed: 54 }) } });
    const runs = noisyRuns({ n: 6, seed: 55 });
    const head = makeRecord({
      workloads: { hello: runs.map((r, i) => (i === 2 ? { ...r, cpuMsPerRequest: 0 } : r)) },
    });
    const c = compareRecords(base, head);
    const cpu = metric(c, 'hello', 'cpu');
    expect(cpu.status).toBe('inconclusive');
    expect(cpu.test).toBeNull();
    expect(cpu.reason).toMatch(/a run measured CPU\/req = 0, .*clock ticks of 10 ms.*longer runs/);
    expect(cpu.reason).not.toContain('error rate');
    expect(c.familySize).toBe(c.workloads[0]!.metrics.filter((m) => m.gated).length - 1);
  });

  it('Holm: a marginal p fails a family of one but not a family of six', () => {
    const b = noisyRuns({ n: 8, seed: 102, cv: 0.03 });
    const h = noisyRuns({ n: 8, seed: 202, cv: 0.03, reqPerSec: 920 });
    const raw = welchLogTest(
      b.map((r) => r.reqPerSec as number),
      h.map((r) => r.reqPerSec as number),
      {
        direction: 'higher-is-better',
        tau: 0.05,
        margins: orientedMargins('higher-is-better', 0.05),
      },
    );
    expect(raw.pWorse).toBeGreaterThan(0.05 / 6);
    expect(raw.pWorse).toBeLessThan(0.05);

    const alone = compareRecords(
      makeRecord({ workloads: { marginal: b } }),
      makeRecord({
        workloads: { marginal: h },
        config: gateOnly(['marginal'], { throughput: 0.05 }),
      }),
      WITHIN,
    );
    expect(alone.familySize).toBe(1);
    expect(metric(alone, 'marginal', 'throughput').status).toBe('regression');

    const others = ['a', 'b', 'c', 'd', 'e'];
    const baseW = Object.fromEntries([
      ['marginal', b],
      ...others.map((n, i) => [n, noisyRuns({ n: 8, seed: 300 + i, cv: 0.03 })]),
    ]);
    const headW = Object.fromEntries([
      ['marginal', h],
      ...others.map((n, i) => [n, noisyRuns({ n: 8, seed: 400 + i, cv: 0.03 })]),
    ]);
    const family = compareRecords(
      makeRecord({ workloads: baseW }),
      makeRecord({
        workloads: headW,
        config: gateOnly(['marginal', ...others], { throughput: 0.05 }),
      }),
      WITHIN,
    );
    expect(family.familySize).toBe(6);
    const m = metric(family, 'marginal', 'throughput');
    expect(m.pWorse).toBeCloseTo(raw.pWorse, 12);
    expect(m.pWorseAdjusted).toBeCloseTo(6 * raw.pWorse, 12);
    expect(m.status).not.toBe('regression');
    expect(family.verdict).not.toBe('regression');
    expect(family.intervalLevel).toBeCloseTo(1 - (2 * 0.05) / 6, 12);
  });

  it('gives the metrics a pass needs 4 times the share of alpha of those that inform', () => {
    const base = makeRecord({ workloads: { hello: noisyRuns({ n: 10, seed: 11 }) } });
    const head = makeRecord({ workloads: { hello: noisyRuns({ n: 10, seed: 12 }) } });
    const c = compareRecords(base, head, WITHIN);
    // Default family of one workload: CPU/req and errors required (4 each), req/s, p50, p99 and
    // peak RSS informing (1 each): weights sum to 12.
    expect(c.familySize).toBe(6);
    const level = (key: MetricKey) => metric(c, 'hello', key).intervalLevel;
    expect(level('cpu')).toBeCloseTo(1 - (2 * 0.05 * 4) / 12, 12);
    expect(level('errors')).toBeCloseTo(1 - (2 * 0.05 * 4) / 12, 12);
    for (const key of ['throughput', 'p50', 'p99', 'rss'] as const) {
      expect(level(key)).toBeCloseTo(1 - (2 * 0.05) / 12, 12);
    }
    expect(c.intervalLevel).toBeCloseTo(level('cpu') as number, 12);
    // Weighted Holm: the smallest p / w is adjusted by the total weight over its own weight.
    const gated = c.workloads[0]?.metrics.filter((m) => m.gated && m.pWorse !== null) ?? [];
    const weight = (m: MetricComparison) => (m.required ? 4 : 1);
    const first = [...gated].sort(
      (a, b) => (a.pWorse as number) / weight(a) - (b.pWorse as number) / weight(b),
    )[0] as MetricComparison;
    expect(first.pWorseAdjusted).toBeCloseTo(
      Math.min(1, ((first.pWorse as number) * 12) / weight(first)),
      12,
    );
  });

  it('catches a CPU/req regression that an equal split of alpha would leave undecided', () => {
    // CPU/req +12% with 3% run-to-run noise on 6 runs a side: one-sided p against the 5%
    // tolerance lands between alpha/6 and alpha/3, so only the larger share decides it.
    const cpu = (seed: number, scale: number) =>
      noisyRuns({ n: 6, seed, cv: 0.03 }).map((r) => ({
        ...r,
        cpuMsPerRequest: (r.cpuMsPerRequest as number) * scale,
      }));
    let found = false;
    for (let seed = 1; seed < 200 && !found; seed++) {
      const c = compareRecords(
        makeRecord({ workloads: { hello: cpu(seed, 1) } }),
        makeRecord({ workloads: { hello: cpu(seed + 1000, 1.12) } }),
        WITHIN,
      );
      const m = metric(c, 'hello', 'cpu');
      const p = m.pWorse as number;
      if (p > 0.05 / 6 && p <= 0.05 / 3) {
        // The other metrics are identical on both sides, so CPU/req steps first: 12 / 4 = 3 p.
        expect(m.pWorseAdjusted).toBeCloseTo(3 * p, 12);
        expect(m.status).toBe('regression');
        expect(c.verdict).toBe('regression');
        found = true;
      }
    }
    expect(found).toBe(true);
  });

  it('notes a workload missing from the candidate and a new one, and compares the rest', () => {
    const base = makeRecord({
      workloads: { hello: noisyRuns({ n: 5, seed: 51 }), gone: noisyRuns({ n: 5, seed: 52 }) },
    });
    const head = makeRecord({
      workloads: { hello: noisyRuns({ n: 5, seed: 53 }), fresh: noisyRuns({ n: 5, seed: 54 }) },
    });
    const c = compareRecords(base, head, WITHIN);
    const byName = Object.fromEntries(c.workloads.map((w) => [w.name, w]));
    expect(byName.gone?.presence).toBe('missing');
    expect(byName.gone?.verdict).toBe('not-compared');
    expect(byName.fresh?.presence).toBe('new');
    expect(byName.fresh?.samples.candidate).toHaveLength(5);
    expect(c.notes.map((n) => n.code)).toEqual(
      expect.arrayContaining(['workload-missing', 'workload-new']),
    );
    expect(c.notes.find((n) => n.code === 'workload-missing')?.message).toBe(
      '"gone" is in the baseline but not in this run: not compared.',
    );
    expect(c.counts.workloads).toBe(1);
  });

  it('warns loudly when the config hash differs and names the differing fields', () => {
    const config = (connections: number) => ({
      server: { command: 'node server.js' },
      workloads: [{ name: 'hello', connections }],
    });
    const base = makeRecord({ configHash: 'aaaa', config: config(10) });
    const head = makeRecord({ configHash: 'bbbb', config: config(50) });
    const note = compareRecords(base, head, WITHIN).notes.find((n) => n.code === 'config-differs');
    expect(note?.level).toBe('warning');
    expect(note?.message).toMatch(
      /config aaaa and this run with bbbb; they differ in workloads \("hello"\)\. The comparison may not be like for like/,
    );
  });

  it('warns loudly when the machines differ, naming both CPU models', () => {
    const base = makeRecord({ fingerprint: 'm1', machine: { cpuModel: 'AMD EPYC 7763' } });
    const head = makeRecord({
      fingerprint: 'm2',
      machine: { cpuModel: 'Intel Xeon Platinum 8370C' },
    });
    const note = compareRecords(base, head, WITHIN).notes.find((n) => n.code === 'machine-differs');
    expect(note?.level).toBe('warning');
    expect(note?.message).toContain('AMD EPYC 7763');
    expect(note?.message).toContain('Intel Xeon Platinum 8370C');
    // Like for like: nothing to warn about, only what the latency percentiles are.
    const same = compareRecords(base, makeRecord({ fingerprint: 'm1' }), WITHIN).notes;
    expect(same.map((n) => n.code).filter((c) => c !== 'noise-floor')).toEqual(['latency-basis']);
  });

  it('a baseline with one kept run makes the workload inconclusive, never a pass', () => {
    const base = makeRecord({ workloads: { hello: [1000, { reqPerSec: 990, warmup: true }] } });
    const head = makeRecord({ workloads: { hello: noisyRuns({ n: 5, seed: 61 }) } });
    const c = compareRecords(base, head, WITHIN);
    expect(c.verdict).toBe('inconclusive');
    expect(c.notes.find((n) => n.code === 'too-few-runs')?.message).toMatch(
      /baseline has 1 kept run and this run 5/,
    );
    expect(metric(c, 'hello', 'throughput').status).toBe('inconclusive');
  });

  it('identical samples without spread: exact comparison, no change', () => {
    const runs = Array.from({ length: 5 }, () => ({ reqPerSec: 1000, p50Us: 500, p99Us: 900 }));
    const c = compareRecords(
      makeRecord({ workloads: { hello: runs } }),
      makeRecord({ workloads: { hello: runs } }),
      WITHIN,
    );
    const rps = metric(c, 'hello', 'throughput');
    expect([rps.status, rps.test, rps.change]).toEqual(['no-change', 'exact', 0]);
    // Without spread the smallest detectable regression is the tolerance itself.
    expect(rps.noiseFloor).toBeCloseTo(0.05, 12);
    expect(rps.interval).toEqual([0, 0]);
    expect(c.verdict).toBe('pass');
  });

  it('an outlier run changes neither the test nor, alone, the verdict', () => {
    const base = noisyRuns({ n: 10, seed: 71 });
    const head = noisyRuns({ n: 10, seed: 72 });
    (head[3] as { reqPerSec: number }).reqPerSec = 400; // a noisy neighbour
    const records = [
      makeRecord({ workloads: { hello: base } }),
      makeRecord({ workloads: { hello: head } }),
    ] as const;
    const c = compareRecords(...records);
    const rps = metric(c, 'hello', 'throughput');
    expect(rps.test).toBe('session');
    expect(rps.status).not.toBe('regression');
    const within = metric(compareRecords(...records, WITHIN), 'hello', 'throughput');
    expect(within.test).toBe('welch');
    expect(within.status).not.toBe('regression');
  });

  it('metrics without values are "not measured"; max is reported but never gated', () => {
    const base = makeRecord({
      workloads: { hello: noisyRuns({ n: 5, seed: 81, extra: { cpuMsPerRequest: null } }) },
    });
    const head = makeRecord({
      workloads: { hello: noisyRuns({ n: 5, seed: 82, extra: { cpuMsPerRequest: null } }) },
    });
    const c = compareRecords(base, head, WITHIN);
    expect(metric(c, 'hello', 'cpu').status).toBe('not-measured');
    const max = metric(c, 'hello', 'max');
    expect([max.gated, max.status, max.pWorseAdjusted]).toEqual([false, 'not-gated', null]);
    expect(c.familySize).toBe(5); // throughput, p50, p99, rss, errors (p90 off by default)
  });

  describe('paired design', () => {
    const paired = (seed: number, pairs: number[], reqPerSec = 1000) =>
      makeRecord({
        design: 'paired',
        workloads: {
          hello: noisyRuns({ n: pairs.length, seed, reqPerSec }).map((r, i) => ({
            ...r,
            pair: pairs[i],
          })),
        },
      });

    it('decides nothing on 2 pairs, however alike their ratios (a paired t with 1 df)', () => {
      const two = (seed: number, cpu: number[]) =>
        makeRecord({
          design: 'paired',
          workloads: {
            hello: noisyRuns({ n: 2, seed }).map((r, i) => ({
              ...r,
              pair: i,
              cpuMsPerRequest: cpu[i] ?? null,
            })),
          },
        });
      // Both pairs +12.4% within 0.1%: CPU read in clock ticks gives such pairs.
      const c = compareRecords(two(93, [1.0, 1.1]), two(94, [1.124, 1.2365]), {
        design: 'paired',
      });
      const cpu = metric(c, 'hello', 'cpu');
      expect(cpu.test).toBe('paired-t');
      expect(cpu.status).toBe('inconclusive');
      expect(c.verdict).not.toBe('regression');
    });

    it.each([
      ['auto', 'signed-rank', 'Wilcoxon signed-rank + Hodges-Lehmann on per-pair log ratios'],
      ['sign', 'sign', 'sign test + median on per-pair log ratios: asked for'],
    ] as const)(
      'test %s: pairs runs by pair index, %s decides, the change is the ratio of the centers',
      (test, used, reason) => {
        const order = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
        const c = compareRecords(paired(91, order), paired(92, [...order].reverse(), 800), {
          test,
        });
        expect(c.design).toBe('paired');
        const rps = metric(c, 'hello', 'throughput');
        expect(rps.test).toBe(used);
        expect(rps.testReason).toBe(reason);
        expect(rps.status).toBe('regression');
        const { baseline, candidate } = rps;
        expect((candidate.center as number) / (baseline.center as number) - 1).toBeCloseTo(
          rps.change as number,
          12,
        );
      },
    );

    it('runs the paired t when asked', () => {
      const t = compareRecords(
        paired(91, [0, 1, 2, 3, 4, 5]),
        paired(92, [5, 4, 3, 2, 1, 0], 800),
        {
          test: 'paired-t',
        },
      );
      expect(metric(t, 'hello', 'throughput').status).toBe('regression');
    });

    it('with too few pairs for the rank test the paired t decides, and says why', () => {
      const c = compareRecords(paired(95, [0, 1, 2, 3, 4]), paired(96, [0, 1, 2, 3, 4], 800));
      const rps = metric(c, 'hello', 'throughput');
      expect(rps.test).toBe('paired-t');
      expect(rps.testReason).toMatch(/5 pairs are too few for the signed-rank test/);
      expect(rps.status).toBe('regression');
      const asked = compareRecords(paired(95, [0, 1, 2, 3, 4]), paired(96, [0, 1, 2, 3, 4], 800), {
        test: 'signed-rank',
      });
      expect(metric(asked, 'hello', 'throughput').reason).toMatch(
        /cannot reach the corrected level/,
      );
    });

    it('an estimate that sits at the tolerance with kept server processes: says they may be the difference', () => {
      // 20 pairs whose CPU/req ratios sit steadily near +4.9%, against the 5% tolerance.
      const cpuPairs = (ratio: (i: number) => number, restart: string) =>
        makeRecord({
          design: 'paired',
          config: { workloads: ['hello'], server: { restart } },
          workloads: {
            hello: Array.from({ length: 20 }, (_, i) => ({
              pair: i,
              cpuMsPerRequest: (1 + 0.01 * Math.sin(i)) * ratio(i),
            })),
          },
        });
      const steady = (i: number) => 1.049 + 0.02 * ((i % 3) - 1);
      for (const [restart, hinted] of [
        ['never', true],
        ['per-workload', true],
        ['per-run', false],
      ] as const) {
        const c = compareRecords(
          cpuPairs(() => 1, restart),
          cpuPairs(steady, restart),
        );
        const cpu = metric(c, 'hello', 'cpu');
        expect(cpu.status, cpu.reason).toBe('inconclusive');
        expect(cpu.reason).toContain('the estimate sits at the tolerance');
        expect(cpu.reason.includes('the two server processes rather than the code'), restart).toBe(
          hinted,
        );
      }
    });

    it("a test the design cannot run falls back to the design's own", () => {
      // A test without pairs falls back to the design's own, and so does a paired one without.
      expect(testForDesign('sign', false)).toBe('auto');
      expect(testForDesign('welch', true)).toBe('auto');
      expect(testForDesign('sign', true)).toBe('sign');
      expect(testForDesign('mann-whitney', false)).toBe('mann-whitney');
    });

    it('a pair mismatch is a clear error, not a wrong verdict', () => {
      expect(() => compareRecords(paired(93, [0, 1, 2, 3]), paired(94, [0, 1, 2, 7]))).toThrow(
        InputError,
      );
      expect(() => compareRecords(paired(93, [0, 1, 2, 3]), paired(94, [0, 1, 2, 7]))).toThrow(
        /pair indices differ \(only in the baseline: 3; only in this run: 7\)/,
      );
    });

    it('asking for the paired design with independent records is an error', () => {
      expect(() => compareRecords(makeRecord(), makeRecord(), { design: 'paired' })).toThrow(
        /needs two records made side by side/,
      );
      expect(() => compareRecords(makeRecord(), makeRecord(), { test: 'paired-t' })).toThrow(
        /needs the paired design/,
      );
    });
  });

  it('pools several baseline records', () => {
    const b1 = makeRecord({ workloads: { hello: noisyRuns({ n: 4, seed: 95 }) } });
    const b2 = makeRecord({ workloads: { hello: noisyRuns({ n: 4, seed: 96 }) } });
    const c = compareRecords(
      [b1, b2],
      makeRecord({ workloads: { hello: noisyRuns({ n: 5, seed: 97 }) } }),
    );
    expect(c.workloads[0]?.runs).toEqual({ baseline: 8, candidate: 5 });
    expect(c.baseline).toHaveLength(2);
    expect(c.notes.map((n) => n.code)).toContain('pooled');
  });
});
