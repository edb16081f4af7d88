import { describe, expect, it } from 'vitest';
import {
  createRng,
  mean,
  minimumDetectableChange,
  minimumDetectableLogChange,
  randomInt,
  randomLognormal,
  randomNormal,
  runsNeeded,
  sampleSd,
  shuffle,
} from '../../src/stats/index.ts';

describe('seeded randomness', () => {
  it('replays the same stream from the same seed and differs between seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });
  it('shuffle returns a permutation and leaves the input alone', () => {
    const input = [1, 2, 3, 4, 5, 6, 7, 8];
    const out = shuffle(input, createRng(1));
    expect([...out].sort()).toEqual(input);
    expect(input).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(shuffle(input, createRng(1))).toEqual(out);
  });
  it('shuffle puts each element first about equally often', () => {
    const rng = createRng(7);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[shuffle([0, 1, 2, 3], rng)[0] as number]! += 1;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
  });
  it('normal and lognormal draws have the requested moments', () => {
    const rng = createRng(3);
    const z = Array.from({ length: 50_000 }, () => randomNormal(rng, 2, 3));
    expect(mean(z)).toBeCloseTo(2, 1);
    expect(sampleSd(z)).toBeCloseTo(3, 1);
    const logs = Array.from({ length: 50_000 }, () => Math.log(randomLognormal(rng, 1, 0.1)));
    expect(mean(logs)).toBeCloseTo(1, 2);
    expect(sampleSd(logs)).toBeCloseTo(0.1, 2);
    expect(randomInt(rng, 1)).toBe(0);
  });
});

describe('noise floor and runs needed', () => {
  it('matches (t_{1-a,df} + t_{0.8,df}) * SE', () => {
    // n = 10 per side, df = 18; quantiles from scipy t.ppf.
    const d = minimumDetectableLogChange({ sd: 0.03, n1: 10, n2: 10, alpha: 0.05 });
    expect(d).toBeCloseTo((1.7340636066175354 + 0.8620486679895988) * 0.03 * Math.sqrt(0.2), 9);
    // Paired, n = 10, df = 9.
    const p = minimumDetectableLogChange({ sd: 0.01, n1: 10, alpha: 0.05 });
    expect(p).toBeCloseTo(((1.8331129326536335 + 0.8834038596855205) * 0.01) / Math.sqrt(10), 9);
    expect(minimumDetectableChange({ sd: 0.01, n1: 10, alpha: 0.05 })).toBeCloseTo(
      Math.expm1(p),
      15,
    );
  });
  it('runs needed is the smallest n whose noise floor reaches the distance', () => {
    const inputs = { sd: 0.02, alpha: 0.05, paired: true };
    const n = runsNeeded(inputs, 0.01) as number;
    const floor = (k: number): number =>
      minimumDetectableLogChange({ sd: 0.02, n1: k, alpha: 0.05 });
    expect(floor(n)).toBeLessThanOrEqual(0.01);
    expect(floor(n - 1)).toBeGreaterThan(0.01);
    expect(runsNeeded(inputs, 0)).toBeNull();
    expect(runsNeeded({ ...inputs, maxRuns: 5 }, 0.001)).toBeNull();
    expect(runsNeeded({ sd: 0.05, alpha: 0.05, paired: false }, 1)).toBe(2);
  });
});
