import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { mannWhitneySf } from './exact-distributions.ts';
import { hasTies, midranks, tieTerm } from './rank.ts';

// Mann-Whitney U test (Mann & Whitney 1947), following scipy.stats.mannwhitneyu: U is the
// statistic of x, U1 = R1 - n1(n1 + 1)/2; "greater" means x tends to be larger than y.
// Exact p-values count the null distribution exactly (exact-distributions.ts); the asymptotic
// path is the normal approximation with the tie-corrected variance
//   sigma^2 = n1 n2 / 12 * ((N + 1) - sum(t^3 - t) / (N (N - 1)))
// (Lehmann 1975, "Nonparametrics", eq. 1.45) and a continuity correction of 0.5.

/** Alternative hypothesis of a rank test. */
export type Alternative = 'two-sided' | 'less' | 'greater';

/** How a rank test's p-value is computed; auto = exact for small samples without ties. */
export type RankMethod = 'auto' | 'exact' | 'asymptotic';

/** Options of the rank tests. */
export interface RankTestOptions {
  alternative?: Alternative;
  method?: RankMethod;
  /** Continuity correction of the normal approximation; default true. */
  continuity?: boolean;
}

/** Result of a rank test. */
export interface RankTestResult {
  /** U of x (Mann-Whitney) or V = sum of positive signed ranks (signed-rank). */
  statistic: number;
  pValue: number;
  /** Which p-value was computed. */
  method: 'exact' | 'asymptotic';
  /** Standardized statistic of the asymptotic path (NaN for exact). */
  z: number;
}

/** Samples both smaller than this, without ties, get exact p-values (R's wilcox.test default). */
export const EXACT_LIMIT = 50;

/** Upper tail of the standard normal, accurate far into the tail. */
export function normalSf(z: number): number {
  return normalCdf(-z, 0, 1);
}

/** Mann-Whitney U test of x against y, matching scipy.stats.mannwhitneyu. */
export function mannWhitneyU(
  x: readonly number[],
  y: readonly number[],
  options: RankTestOptions = {},
): RankTestResult {
  const alternative = options.alternative ?? 'two-sided';
  const n1 = x.length;
  const n2 = y.length;
  if (n1 < 1 || n2 < 1) throw new RangeError('Mann-Whitney needs at least one value per side');
  const all = [...x, ...y];
  const ranks = midranks(all);
  let r1 = 0;
  for (let i = 0; i < n1; i++) r1 += ranks[i] as number;
  const u1 = r1 - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const ties = hasTies(all);
  const method = resolveMethod(
    options.method ?? 'auto',
    ties,
    n1 < EXACT_LIMIT && n2 < EXACT_LIMIT,
  );
  // The p-value is always an upper tail of this U (scipy's convention).
  const u = alternative === 'two-sided' ? Math.max(u1, u2) : alternative === 'greater' ? u1 : u2;
  const sides = alternative === 'two-sided' ? 2 : 1;
  if (method === 'exact') {
    return { statistic: u1, pValue: Math.min(1, sides * mannWhitneySf(u, n1, n2)), method, z: NaN };
  }
  const n = n1 + n2;
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm(all) / (n * (n - 1))));
  const numerator = u - (n1 * n2) / 2 - (options.continuity === false ? 0 : 0.5);
  // All values tied: sigma = 0 and the corrected numerator is negative, so z = -Infinity, p = 1.
  const z = numerator === 0 ? 0 : numerator / sigma;
  return { statistic: u1, pValue: Math.min(1, sides * normalSf(z)), method, z };
}

/** Picks exact or asymptotic; exact with ties is refused (the exact null assumes none). */
export function resolveMethod(
  requested: RankMethod,
  ties: boolean,
  small: boolean,
): 'exact' | 'asymptotic' {
  if (requested === 'exact' && ties) {
    throw new RangeError('exact rank p-values need samples without ties; use asymptotic');
  }
  if (requested === 'auto') return small && !ties ? 'exact' : 'asymptotic';
  return requested;
}
