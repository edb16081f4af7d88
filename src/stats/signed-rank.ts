import { signedRankCdf, signedRankSf } from './exact-distributions.ts';
import { EXACT_LIMIT, normalSf, resolveMethod } from './mann-whitney.ts';
import type { RankTestOptions, RankTestResult } from './mann-whitney.ts';
import { hasTies, midranks, tieTerm } from './rank.ts';

// Wilcoxon signed-rank test of H0: location of d = mu, following R's wilcox.test(d, mu = mu):
// zeros d_i - mu = 0 are dropped (Wilcoxon's convention), V = sum of the ranks of |d_i - mu|
// with d_i > mu; exact p-values without ties or zeros, otherwise the normal approximation with
//   sigma^2 = n(n + 1)(2n + 1)/24 - sum(t^3 - t)/48
// (Lehmann 1975, "Nonparametrics", eq. 3.24) and a continuity correction of 0.5.

/** Wilcoxon signed-rank test of d against location mu, matching R's wilcox.test. */
export function signedRankTest(
  d: readonly number[],
  mu = 0,
  options: RankTestOptions = {},
): RankTestResult {
  const alternative = options.alternative ?? 'two-sided';
  const shifted = d.map((v) => v - mu);
  const nonZero = shifted.filter((v) => v !== 0);
  const zeros = nonZero.length !== shifted.length;
  const n = nonZero.length;
  if (n === 0) return { statistic: 0, pValue: 1, method: 'asymptotic', z: 0 };
  const abs = nonZero.map(Math.abs);
  const ranks = midranks(abs);
  let v = 0;
  for (let i = 0; i < n; i++) if ((nonZero[i] as number) > 0) v += ranks[i] as number;
  const ties = hasTies(abs);
  const method = resolveMethod(options.method ?? 'auto', ties || zeros, n < EXACT_LIMIT);
  const center = (n * (n + 1)) / 4;
  if (method === 'exact') {
    const upper = signedRankSf(v, n);
    const lower = signedRankCdf(v, n);
    const p =
      alternative === 'greater'
        ? upper
        : alternative === 'less'
          ? lower
          : Math.min(1, 2 * (v > center ? upper : lower));
    return { statistic: v, pValue: p, method, z: NaN };
  }
  const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - tieTerm(abs) / 48);
  const diff = v - center;
  const c = options.continuity === false ? 0 : 0.5;
  const correction =
    alternative === 'two-sided' ? Math.sign(diff) * c : alternative === 'greater' ? c : -c;
  const numerator = diff - correction;
  const z = numerator === 0 ? 0 : numerator / sigma;
  const p =
    alternative === 'greater'
      ? normalSf(z)
      : alternative === 'less'
        ? normalSf(-z)
        : Math.min(1, 2 * Math.min(normalSf(z), normalSf(-z)));
  return { statistic: v, pValue: p, method, z };
}
