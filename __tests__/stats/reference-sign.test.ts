// The sign test and the interval of the median against exact values (fixtures/reference/
// sign_test.py: rational arithmetic, as R's binom.test on the signs), and the paired comparison
// built on them: its interval agrees with its p-values and ignores how far an outlier pair lies.
import { describe, expect, it } from 'vitest';
import {
  binomialHalfCdf,
  medianInterval,
  medianIntervalRank,
  orientedMargins,
  signLogTest,
  signTest,
  signedRankLogTest,
} from '../../src/stats/index.ts';
import type { SignAlternative } from '../../src/stats/index.ts';
import { expectClose, loadReference } from './reference.ts';

interface Reference {
  signTest: { d: number[]; mu: number; alternative: SignAlternative; p: number }[];
  intervalRanks: { n: number; alpha: number; k: number }[];
  cdf: { k: number; n: number; p: number }[];
}
const ref = loadReference<Reference>('sign-test.json');

describe('the sign test against exact values', () => {
  it.each(ref.cdf.map((c) => [c.k, c.n, c.p] as const))(
    'P(S <= %d) of Binomial(%d, 1/2)',
    (k, n, p) => {
      expectClose(binomialHalfCdf(k, n), p, 1e-12, 1e-300, `cdf(${k}, ${n})`);
    },
  );

  it('gives every p-value of the reference to 1e-12', () => {
    expect(ref.signTest.length).toBeGreaterThan(100);
    for (const c of ref.signTest) {
      const label = `n=${c.d.length} mu=${c.mu} ${c.alternative}`;
      expectClose(signTest(c.d, c.mu, c.alternative).pValue, c.p, 1e-12, 1e-300, label);
    }
  });

  it('finds the rank of the interval ends for every n and alpha of the reference', () => {
    for (const r of ref.intervalRanks) {
      expect(medianIntervalRank(r.n, r.alpha), `n=${r.n} alpha=${r.alpha}`).toBe(r.k);
    }
  });

  it('drops values equal to mu and counts the rest by their side only', () => {
    expect(signTest([0, 0, 1, 2, 3], 0, 'greater')).toEqual({
      statistic: 3,
      n: 3,
      pValue: 1 / 8,
    });
    expect(signTest([1, 1, 1], 1).pValue).toBe(1);
    expect(signTest([-1, 5, 500], 0, 'greater').pValue).toBe(
      signTest([-1, 5, 6], 0, 'greater').pValue,
    );
  });
});

describe('the interval of the median', () => {
  it('is a pair of order statistics around the median', () => {
    const d = [5, 1, 4, 2, 3, 9, 8, 7, 6, 10];
    const m = medianInterval(d, 0.05);
    expect(m.estimate).toBe(5.5);
    // n = 10, alpha 5%: P(S <= 1) = 11/1024 <= 0.025 < P(S <= 2) = 56/1024, so k = 2.
    expect(m.ci).toEqual([2, 9]);
    expect(medianInterval([3], 0.05)).toEqual({ estimate: 3, ci: [3, 3] });
    expect(() => medianInterval([], 0.05)).toThrow(RangeError);
  });
});

describe('the paired sign comparison on log ratios', () => {
  const margins = orientedMargins('lower-is-better', 0.05);
  const base = Array.from({ length: 20 }, (_, i) => 1 + 0.002 * ((i * 7) % 5));
  const spread = [
    -3, 2, -1, 1, 0.5, -2, 2.5, -0.5, 1.5, -1.5, 3, -2.5, 0.2, -0.2, 1.2, -1.2, 2.2, -2.2, 0.8,
    -0.8,
  ];
  const head = base.map((b, i) => b * (1 + (spread[i] as number) / 100));

  it('agrees with its p-values: the interval leaves the margin exactly when p <= alpha / 2', () => {
    const alpha = 0.0167;
    for (const shift of [0, 0.03, 0.06, 0.08, 0.12, -0.07]) {
      const shifted = head.map((h) => h * (1 + shift));
      const r = signLogTest(base, shifted, { direction: 'lower-is-better', alpha, margins });
      expect(r.logCi[0] > margins.worse, `shift ${shift}`).toBe(r.pWorse <= alpha / 2);
      expect(r.logCi[1] < -margins.better, `shift ${shift}`).toBe(r.pBetter <= alpha / 2);
      expect(r.method).toBe('sign-median-log');
      expect(r.exact).toBe(true);
    }
  });

  it('is moved by an outlier pair no more than by any other pair above the median', () => {
    const options = { direction: 'lower-is-better' as const, alpha: 0.0167, margins };
    const hit = head.map((h, i) => (i === 3 || i === 8 ? h * 1.4 : h)); // two slow runs
    const clean = signLogTest(base, head, options);
    const mild = signLogTest(
      base,
      head.map((h, i) => (i === 3 || i === 8 ? h * 1.035 : h)),
      options,
    );
    const sign = signLogTest(base, hit, options);
    expect(sign.logCi).toEqual(mild.logCi);
    expect(sign.logCi[1]).toBeLessThan(margins.worse);
    expect(clean.logCi[1]).toBeLessThan(margins.worse);
    // The Walsh averages of the signed-rank interval are pulled by the size of the outliers.
    const rank = signedRankLogTest(base, hit, options);
    expect(rank.logCi[1]).toBeGreaterThan(sign.logCi[1]);
  });
});
