import { describe, expect, it } from 'vitest';
import { holm, weightedHolm } from '../../src/stats/index.ts';

describe('weightedHolm', () => {
  it('is Holm with equal weights', () => {
    const p = [0.01, 0.04, 0.03, 0.005, 0.5, 0.2];
    const h = holm(p);
    weightedHolm(p, [1, 1, 1, 1, 1, 1]).forEach((x, i) =>
      expect(x).toBeCloseTo(h[i] as number, 14),
    );
    weightedHolm(p, [3, 3, 3, 3, 3, 3]).forEach((x, i) =>
      expect(x).toBeCloseTo(h[i] as number, 14),
    );
  });

  it('steps down in the order of p / w with the weights not yet rejected (Holm 1979)', () => {
    // Weights 4, 4, 1, 1 (sum 10). p / w: 0.0025, 0.01, 0.004, 0.02 -> order a, c, b, d.
    // a: 0.01 * 10 / 4 = 0.025; c: 0.004 * (10 - 4) = 0.024 -> running max 0.025;
    // b: 0.04 * (6 - 1) / 4 = 0.05; d: 0.02 * 1 = 0.02 -> 0.05.
    const adj = weightedHolm([0.01, 0.04, 0.004, 0.02], [4, 4, 1, 1]);
    expect(adj[0]).toBeCloseTo(0.025, 14);
    expect(adj[2]).toBeCloseTo(0.025, 14);
    expect(adj[1]).toBeCloseTo(0.05, 14);
    expect(adj[3]).toBeCloseTo(0.05, 14);
  });

  it('gives a heavy hypothesis a larger first step than Holm', () => {
    // Six hypotheses, one with weight 4 of 9: its first step is at alpha 4/9, not alpha/6.
    const p = [0.02, 0.9, 0.9, 0.9, 0.9, 0.9];
    expect(holm(p)[0]).toBeCloseTo(0.12, 14);
    expect(weightedHolm(p, [4, 1, 1, 1, 1, 1])[0]).toBeCloseTo(0.045, 14);
  });

  it('caps at 1, keeps the input order and accepts an empty family', () => {
    expect(weightedHolm([0.6, 0.9], [1, 1])).toEqual([1, 1]);
    expect(weightedHolm([], [])).toEqual([]);
  });

  it('refuses weights that do not fit', () => {
    expect(() => weightedHolm([0.1, 0.2], [1])).toThrow(/2 p-values but 1 weights/);
    expect(() => weightedHolm([0.1], [0])).toThrow(/positive finite/);
    expect(() => weightedHolm([0.1], [Number.NaN])).toThrow(/positive finite/);
  });
});
