import ttest from '@stdlib/stats-ttest';
import { describe, expect, it } from 'vitest';
import {
  hodgesLehmannLocation,
  hodgesLehmannShift,
  mannWhitneyU,
  oneSampleLogTest,
  pairedLogRatios,
  pairedLogTest,
  pairedTrimmedLogTest,
  rankLogTest,
  signedRankLogTest,
  signedRankTest,
  welchLogTest,
} from '../../src/stats/index.ts';

describe('t tests without spread', () => {
  it('identical samples: no change, p = 1 both ways, degenerate interval', () => {
    const r = welchLogTest([100, 100, 100], [100, 100], { direction: 'lower-is-better' });
    expect(r.estimate).toBe(0);
    expect(r.ci).toEqual([0, 0]);
    expect(r.pWorse).toBe(1);
    expect(r.pBetter).toBe(1);
    expect(r.df).toBe(3);
  });
  it('constant samples that differ beyond tau: p = 0 for that side', () => {
    const r = welchLogTest([100, 100], [120, 120], { direction: 'lower-is-better', tau: 0.1 });
    expect(r.estimate).toBeCloseTo(0.2, 12);
    expect(r.pWorse).toBe(0);
    expect(r.pBetter).toBe(1);
    expect(r.t).toBe(Infinity);
  });
  it('constant samples within tau: neither side is significant', () => {
    const r = pairedLogTest([100, 100], [104, 104], { direction: 'lower-is-better', tau: 0.05 });
    expect(r.pWorse).toBe(1);
    expect(r.pBetter).toBe(1);
  });
  it('higher-is-better flips the sign: a throughput drop is worse', () => {
    const r = welchLogTest([1000, 1010, 990], [900, 910, 890], { direction: 'higher-is-better' });
    expect(r.estimate).toBeGreaterThan(0);
    expect(r.pWorse).toBeLessThan(0.01);
  });
  it('rejects fewer than 2 values, non-positive values and a bad alpha', () => {
    expect(() => welchLogTest([1], [1, 2], { direction: 'lower-is-better' })).toThrow(RangeError);
    expect(() => welchLogTest([1, 0], [1, 2], { direction: 'lower-is-better' })).toThrow(
      RangeError,
    );
    expect(() => pairedLogTest([1, 2], [1], { direction: 'lower-is-better' })).toThrow(RangeError);
    expect(() => welchLogTest([1, 2], [1, 2], { direction: 'lower-is-better', alpha: 0 })).toThrow(
      RangeError,
    );
  });
  it('agrees with @stdlib/stats-ttest (mu, alternative) on t and the interval', () => {
    const d = pairedLogRatios(
      [100, 102, 98, 101, 99],
      [104, 105, 103, 107, 101],
      'lower-is-better',
    );
    const ours = oneSampleLogTest(d, 0.01, 0.05);
    const stdlib = ttest(d, { mu: Math.log1p(0.01), alternative: 'greater' });
    expect(ours.t).toBeCloseTo(stdlib.statistic, 12);
    expect(ours.pWorse).toBeCloseTo(stdlib.pValue, 12);
    const twoSided = ttest(d, { alpha: 0.05 });
    expect(ours.logCi[0]).toBeCloseTo(twoSided.ci[0] as number, 12);
    expect(ours.logCi[1]).toBeCloseTo(twoSided.ci[1] as number, 12);
  });
  it('trimmed test ignores one outlier round that moves the plain mean', () => {
    const base = [100, 100, 100, 100, 100, 100, 100, 100, 100, 100];
    const cand = [101, 102, 101, 102, 101, 102, 101, 102, 101, 180];
    const trimmed = pairedTrimmedLogTest(base, cand, { direction: 'lower-is-better', trim: 0.2 });
    const plain = pairedLogTest(base, cand, { direction: 'lower-is-better' });
    expect(trimmed.estimate).toBeCloseTo(0.015, 2);
    expect(plain.estimate).toBeGreaterThan(0.07);
    expect(trimmed.method).toBe('paired-trimmed-log');
  });
});

describe('rank tests on degenerate data', () => {
  it('all values tied: p = 1, interval collapses on the common value', () => {
    const r = mannWhitneyU([5, 5, 5], [5, 5], { method: 'auto' });
    expect(r.method).toBe('asymptotic');
    expect(r.pValue).toBe(1);
    const hl = hodgesLehmannShift([5, 5, 5], [5, 5]);
    expect(hl.estimate).toBe(0);
    expect(hl.ci).toEqual([0, 0]);
  });
  it('exact with ties is refused', () => {
    expect(() => mannWhitneyU([1, 2], [2, 3], { method: 'exact' })).toThrow(RangeError);
  });
  it('auto picks exact below 50 per side without ties, asymptotic otherwise', () => {
    const small = Array.from({ length: 49 }, (_, i) => i);
    const big = Array.from({ length: 50 }, (_, i) => i + 0.5);
    expect(
      mannWhitneyU(
        small,
        small.map((v) => v + 0.25),
      ).method,
    ).toBe('exact');
    expect(mannWhitneyU(small, big).method).toBe('asymptotic');
  });
  it('n = 2 per side: the exact two-sided p-value cannot go below 1/3', () => {
    expect(mannWhitneyU([1, 2], [3, 4]).pValue).toBeCloseTo(1 / 3, 15);
  });
  it('signed-rank with every difference zero: p = 1', () => {
    expect(signedRankTest([0, 0, 0]).pValue).toBe(1);
  });
  it('one-sample HL of n = 1 is the value itself', () => {
    expect(hodgesLehmannLocation([0.02], { method: 'exact' }).ci).toEqual([0.02, 0.02]);
  });
});

describe('rank comparisons on logs', () => {
  const base = [100, 103, 98, 101, 99, 102, 97, 100.5];
  const cand = [110, 112, 108, 111, 109, 113, 107, 110.5];
  it('unpaired: HL of log values and Mann-Whitney against the shifted margin', () => {
    const r = rankLogTest(base, cand, { direction: 'lower-is-better', tau: 0.05 });
    const hl = hodgesLehmannShift(cand.map(Math.log), base.map(Math.log));
    expect(r.logEstimate).toBe(hl.estimate);
    expect(r.estimate).toBeCloseTo(0.1, 1);
    const p = mannWhitneyU(
      cand.map((v) => Math.log(v) - Math.log1p(0.05)),
      base.map(Math.log),
      { alternative: 'greater' },
    ).pValue;
    expect(r.pWorse).toBe(p);
    expect(r.pWorse).toBeLessThan(0.01);
    expect(r.pBetter).toBeGreaterThan(0.99);
    expect(r.exact).toBe(true);
  });
  it('paired: Walsh-average HL of log ratios and signed-rank p-values', () => {
    const r = signedRankLogTest(base, cand, { direction: 'higher-is-better' });
    expect(r.estimate).toBeLessThan(0); // candidate is higher, and higher is better
    expect(r.pBetter).toBeCloseTo(1 / 256, 12); // all 8 ratios on one side: exact 2^-8
  });
});
