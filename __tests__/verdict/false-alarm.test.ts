// The verdict layer's error rates on seeded simulated runs: a few representative cells of
// `npm run bench:gate` (scripts/bench-gate.ts), judged by the real compareRecords over a family
// of 12 gated tests (2 workloads x 6 metrics). Seeds are fixed, so the counts are exact replays.
import { describe, expect, it } from 'vitest';
import {
  ALPHA,
  FAMILY_SIZE,
  binomialUpperTail,
  runCell,
  upperBound,
} from '../../scripts/bench-gate.ts';
import type { Cell, CellResult } from '../../scripts/bench-gate.ts';
import { alphaShare, compareRecords } from '../../src/verdict/index.ts';
import { finalAlpha, spentAlpha } from '../../src/verdict/sampling.ts';
import { makeRecord } from '../helpers/records.ts';

/** The family rate is not significantly above alpha (one-sided binomial test at 1%). */
function expectAtMostAlpha(r: CellResult): void {
  const tail = binomialUpperTail(r.family, r.trials, ALPHA);
  expect(tail, `${r.family}/${r.trials} family-wise false alarms`).toBeGreaterThanOrEqual(0.01);
}

describe('family-wise false alarms (A/A)', () => {
  it('judges 12 gated tests as one family', () => {
    expect(FAMILY_SIZE).toBe(12);
  });

  it('unpaired, CV 5%, 10 runs per side, independent noise: at most alpha', () => {
    const cell: Cell = {
      design: 'independent',
      noise: 'independent',
      cv: 0.05,
      n: 10,
      effect: 0,
      trials: 200,
      seed: 101,
    };
    const r = runCell(cell);
    expect(r.family / r.trials).toBeLessThanOrEqual(ALPHA);
    expectAtMostAlpha(r);
  });

  it('paired, CV 3%, 10 pairs, drift across the session: at most alpha', () => {
    const r = runCell({
      design: 'paired',
      noise: 'drift',
      cv: 0.03,
      n: 10,
      effect: 0,
      trials: 200,
      seed: 102,
    });
    expect(r.family / r.trials).toBeLessThanOrEqual(ALPHA);
    expectAtMostAlpha(r);
  });

  it('unpaired, CV 5%, 10 runs, every change exactly at its tolerance: at most alpha', () => {
    const r = runCell({
      design: 'independent',
      noise: 'independent',
      cv: 0.05,
      n: 10,
      effect: 0,
      atTolerance: true,
      trials: 200,
      seed: 103,
    });
    expectAtMostAlpha(r);
    expect(upperBound(r.family, r.trials)).toBeLessThan(0.12);
  });
});

describe('power', () => {
  it('paired, CV 3%, 10 pairs, tau 3%: detects a 10% slowdown at least 95% of the time', () => {
    const r = runCell({
      design: 'paired',
      noise: 'independent',
      cv: 0.03,
      n: 10,
      effect: 0.1,
      trials: 150,
      seed: 104,
    });
    expect(r.detected / r.trials).toBeGreaterThanOrEqual(0.95);
  });
});

describe('adaptive sampling spends alpha over its looks', () => {
  it('judges a record sampled with runs: auto at the alpha its early looks left', () => {
    const runs = (n: number) => Array.from({ length: n }, (_, i) => 1000 + (i % 3) * 10);
    const config = (sampling: Record<string, unknown>) => ({
      workloads: [{ name: 'hello', ...sampling }],
    });
    const base = makeRecord({ workloads: { hello: runs(10) } });
    const fixed = makeRecord({ workloads: { hello: runs(10) }, config: config({ runs: 10 }) });
    const auto = makeRecord({
      workloads: { hello: runs(10) },
      config: config({ runs: 'auto', minRuns: 5, maxRuns: 20 }),
    });
    // The default family: CPU/req and errors required (weight 4), four informing metrics
    // (weight 1): the required metrics' bounds are at 4/12 of alpha.
    const share = alphaShare(true, { required: 2, informing: 4 });
    expect(share).toBeCloseTo(1 / 3, 12);
    expect(compareRecords(base, fixed).familySize).toBe(6);
    expect(compareRecords(base, fixed).intervalLevel).toBeCloseTo(1 - 2 * 0.05 * share, 12);
    // 10 kept runs of 5-20: the look at 5 runs (t = 0.25) spent its share; the rest is left.
    const left = 0.05 - spentAlpha(0.05, 5 / 20);
    expect(finalAlpha(0.05, auto, ['hello'])).toBeCloseTo(left, 12);
    expect(compareRecords(base, auto).intervalLevel).toBeCloseTo(1 - 2 * left * share, 12);
    // One look only (min-runs = max-runs): nothing was spent early.
    const single = makeRecord({
      workloads: { hello: runs(10) },
      config: config({ runs: 'auto', minRuns: 10, maxRuns: 10 }),
    });
    expect(finalAlpha(0.05, single, ['hello'])).toBe(0.05);
  });
});
