import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../../src/config/resolve.ts';
import type { ResolvedWorkload } from '../../src/config/resolve.ts';
import { keptRuns } from '../../src/record/record.ts';
import type { RunSample } from '../../src/record/record.ts';
import {
  createSamplingJudge,
  judgeSampling,
  lookCounts,
  plannedLooks,
  spentAlpha,
  spentBefore,
} from '../../src/verdict/index.ts';
import { noisyRuns } from '../helpers/noisy-runs.ts';
import { makeRecord } from '../helpers/records.ts';
import type { NoisySpec } from '../helpers/noisy-runs.ts';

function runs(spec: NoisySpec): RunSample[] {
  const record = makeRecord({ workloads: { hello: noisyRuns(spec) } });
  return keptRuns(record.workloads[0] as (typeof record.workloads)[number]);
}

describe('judgeSampling', () => {
  const base = runs({ n: 10, seed: 1, cv: 0.01 });

  const schedule = { minRuns: 5, maxRuns: 20 };
  // Runs of one session, judged run against run (what a look sees within one machine).
  const WITHIN = { schedule, test: 'welch' } as const;

  it('stops early for a clear pass when every required metric is within its tolerance', () => {
    const reason = judgeSampling(
      base,
      runs({ n: 10, seed: 2, cv: 0.01 }),
      DEFAULT_THRESHOLDS,
      WITHIN,
    );
    expect(reason).toMatch(
      /^clear pass after 10 runs: CPU\/req, errors confidently within tolerance \(bounds at 0\.0166 each, their share of the 0\.0499 of alpha 0\.05 left, over 6 gated metrics\)$/,
    );
  });

  it('stops early for a clear regression', () => {
    const reason = judgeSampling(
      base,
      runs({ n: 5, seed: 3, cv: 0.01, p99Us: 4500 }),
      DEFAULT_THRESHOLDS,
      WITHIN,
    );
    expect(reason).toMatch(
      /^clear regression after 5 runs: p99 \+\d+\.\d% .*worse than the 10% tolerance \(p = .* against its share 7\.4e-6 of the 8\.9e-5 of alpha 0\.05 spent at this look, over 6 gated metrics\)$/,
    );
  });

  it('keeps sampling while a metric is undecided', () => {
    const noisy = runs({ n: 5, seed: 4, cv: 0.1, p99Us: 3300 });
    expect(
      judgeSampling(runs({ n: 5, seed: 5, cv: 0.1 }), noisy, DEFAULT_THRESHOLDS, WITHIN),
    ).toBeNull();
  });

  it('stops when the baseline is too small to judge', () => {
    expect(judgeSampling(base.slice(0, 1), base, DEFAULT_THRESHOLDS, { schedule })).toMatch(
      /too few to judge/,
    );
  });
});

describe('createSamplingJudge', () => {
  const workload = {
    name: 'other',
    minRuns: 5,
    maxRuns: 20,
    thresholds: DEFAULT_THRESHOLDS,
  } as ResolvedWorkload;

  it('plans looks at min-runs and every 5 runs after, below max-runs', () => {
    expect(lookCounts(workload)).toEqual([5, 10, 15]);
    expect(plannedLooks(workload)).toBe(3);
    expect(lookCounts({ minRuns: 5, maxRuns: 12 })).toEqual([5, 10]);
    expect(lookCounts({ minRuns: 10, maxRuns: 10 })).toEqual([]);
  });

  it('stops a workload the baseline does not have at min-runs', () => {
    const judge = createSamplingJudge(makeRecord());
    expect(judge(workload, [])).toBe('no baseline for this workload: stopped at min-runs (5)');
  });
});

describe("alpha spending (Lan-DeMets, O'Brien-Fleming type)", () => {
  it('spends alpha in full at max-runs and little early', () => {
    expect(spentAlpha(0.05, 1)).toBe(0.05);
    expect(spentAlpha(0.05, 0)).toBe(0);
    // 2 - 2 Phi(1.959964 / sqrt(t)): reference values from scipy.stats.norm.
    expect(spentAlpha(0.05, 0.25)).toBeCloseTo(8.8574e-5, 8);
    expect(spentAlpha(0.05, 0.5)).toBeCloseTo(0.0055746, 6);
  });

  it('never spends more than alpha, for every min-runs / max-runs', () => {
    for (let minRuns = 2; minRuns <= 12; minRuns++) {
      for (let maxRuns = minRuns; maxRuns <= 40; maxRuns++) {
        const looks = lookCounts({ minRuns, maxRuns });
        let total = 0;
        let before = 0;
        for (const n of looks) {
          const now = spentAlpha(0.05, n / maxRuns);
          total += now - before; // what the look at n may spend
          before = now;
        }
        // The final comparison spends what the looks before its data left.
        total += 0.05 - spentBefore(0.05, { minRuns, maxRuns }, maxRuns);
        expect(total).toBeLessThanOrEqual(0.05 + 1e-12);
      }
    }
  });

  it('min 5 / max 12 (7 more runs, not a multiple of 5) spends at most alpha', () => {
    // The old rule spent alpha at its single early look and again at the end: 1.25 alpha.
    const early = spentAlpha(0.05, 5 / 12) + (spentAlpha(0.05, 10 / 12) - spentAlpha(0.05, 5 / 12));
    const final = 0.05 - spentBefore(0.05, { minRuns: 5, maxRuns: 12 }, 12);
    expect(early + final).toBeCloseTo(0.05, 12);
  });
});
