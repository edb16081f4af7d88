import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../../src/config/resolve.ts';
import type { ResolvedWorkload } from '../../src/config/resolve.ts';
import { keptRuns } from '../../src/run/record.ts';
import type { RunSample } from '../../src/run/record.ts';
import { createSamplingJudge, judgeSampling, plannedLooks } from '../../src/verdict/index.ts';
import { noisyRuns } from '../helpers/noisy-runs.ts';
import { makeRecord } from '../helpers/records.ts';
import type { NoisySpec } from '../helpers/noisy-runs.ts';

function runs(spec: NoisySpec): RunSample[] {
  const record = makeRecord({ workloads: { hello: noisyRuns(spec) } });
  return keptRuns(record.workloads[0] as (typeof record.workloads)[number]);
}

describe('judgeSampling', () => {
  const base = runs({ n: 10, seed: 1, cv: 0.01 });

  it('stops early for a clear pass when every upper bound is below its tolerance', () => {
    const reason = judgeSampling(base, runs({ n: 10, seed: 2, cv: 0.01 }), DEFAULT_THRESHOLDS, {
      looks: 4,
    });
    expect(reason).toMatch(
      /^clear pass after 10 runs: every gated metric's upper bound is below its tolerance \(25% of alpha 0.05 split over 3 early looks and 6 gated metrics\)$/,
    );
  });

  it('stops early for a clear regression', () => {
    const reason = judgeSampling(
      base,
      runs({ n: 5, seed: 3, cv: 0.01, p99Us: 4500 }),
      DEFAULT_THRESHOLDS,
      { looks: 4 },
    );
    expect(reason).toMatch(
      /^clear regression after 5 runs: p99 \+\d+\.\d% .*worse than the 10% tolerance/,
    );
  });

  it('keeps sampling while a metric is undecided', () => {
    const noisy = runs({ n: 5, seed: 4, cv: 0.1, p99Us: 3300 });
    expect(
      judgeSampling(runs({ n: 5, seed: 5, cv: 0.1 }), noisy, DEFAULT_THRESHOLDS, { looks: 4 }),
    ).toBeNull();
  });

  it('stops when the baseline is too small to judge', () => {
    expect(judgeSampling(base.slice(0, 1), base, DEFAULT_THRESHOLDS, { looks: 1 })).toMatch(
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

  it('plans looks at min-runs and every 5 runs after', () => {
    expect(plannedLooks(workload)).toBe(4);
  });

  it('stops a workload the baseline does not have at min-runs', () => {
    const judge = createSamplingJudge(makeRecord());
    expect(judge(workload, [])).toBe('no baseline for this workload: stopped at min-runs (5)');
  });
});
