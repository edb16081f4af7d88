// Exact null distributions of the rank statistics, counted with BigInt so that no count is
// rounded however large the binomial coefficients get (C(98, 49) ~ 2.5e28 > 2^53).
// Probabilities are ratios of two exactly counted integers, each rounded once to a double.

const mannWhitneyCache = new Map<string, bigint[]>();
const signedRankCache = new Map<number, bigint[]>();

/**
 * Cumulative counts of U = 0..mn for sample sizes m, n (Mann & Whitney 1947): the generating
 * function of U is the Gaussian binomial coefficient [m+n choose m]_q = prod_{i=1..m}
 * (1 - q^(n+i)) / (1 - q^i) (Andrews 1976, "The Theory of Partitions", Thm 3.1), built one
 * exact polynomial division at a time.
 */
function mannWhitneyCumulative(m: number, n: number): bigint[] {
  const key = `${Math.min(m, n)},${Math.max(m, n)}`;
  const cached = mannWhitneyCache.get(key);
  if (cached) return cached;
  const a = Math.min(m, n);
  const b = Math.max(m, n);
  let poly: bigint[] = [1n];
  for (let i = 1; i <= a; i++) {
    const next = new Array<bigint>((i - 1) * b + b + i + 1).fill(0n);
    for (let k = 0; k < poly.length; k++) {
      next[k] = (next[k] as bigint) + (poly[k] as bigint);
      next[k + b + i] = (next[k + b + i] as bigint) - (poly[k] as bigint);
    }
    // Divide by (1 - q^i): the quotient has degree i*b and the division is exact.
    const len = i * b + 1;
    for (let k = i; k < len; k++) next[k] = (next[k] as bigint) + (next[k - i] as bigint);
    poly = next.slice(0, len);
  }
  const cumulative = cumulate(poly);
  mannWhitneyCache.set(key, cumulative);
  return cumulative;
}

/** Cumulative counts of the signed-rank statistic V = 0..n(n+1)/2: prod_{i=1..n} (1 + q^i). */
function signedRankCumulative(n: number): bigint[] {
  const cached = signedRankCache.get(n);
  if (cached) return cached;
  const top = (n * (n + 1)) / 2;
  const poly = new Array<bigint>(top + 1).fill(0n);
  poly[0] = 1n;
  for (let i = 1; i <= n; i++) {
    for (let k = (i * (i + 1)) / 2; k >= i; k--)
      poly[k] = (poly[k] as bigint) + (poly[k - i] as bigint);
  }
  const cumulative = cumulate(poly);
  signedRankCache.set(n, cumulative);
  return cumulative;
}

function cumulate(counts: readonly bigint[]): bigint[] {
  const out = new Array<bigint>(counts.length);
  let sum = 0n;
  for (let k = 0; k < counts.length; k++) {
    sum += counts[k] as bigint;
    out[k] = sum;
  }
  return out;
}

function cdfFrom(cumulative: readonly bigint[], q: number): number {
  if (q < 0) return 0;
  const k = Math.min(Math.floor(q), cumulative.length - 1);
  return Number(cumulative[k] as bigint) / Number(cumulative[cumulative.length - 1] as bigint);
}

/** P(U <= q) for the Mann-Whitney U of samples of sizes m and n, no ties. */
export function mannWhitneyCdf(q: number, m: number, n: number): number {
  return cdfFrom(mannWhitneyCumulative(m, n), q);
}

/** P(U >= q) for the Mann-Whitney U, by the symmetry P(U >= q) = P(U <= mn - q). */
export function mannWhitneySf(q: number, m: number, n: number): number {
  return mannWhitneyCdf(m * n - Math.ceil(q), m, n);
}

/** P(V <= q) for the Wilcoxon signed-rank statistic of n non-zero, untied values. */
export function signedRankCdf(q: number, n: number): number {
  return cdfFrom(signedRankCumulative(n), q);
}

/** P(V >= q) for the signed-rank statistic, by symmetry about n(n+1)/4. */
export function signedRankSf(q: number, n: number): number {
  return signedRankCdf((n * (n + 1)) / 2 - Math.ceil(q), n);
}

// R's qwilcox / qsignrank subtract 10 * DBL_EPSILON from p before searching (src/nmath/qwilcox.c),
// so a cumulative probability equal to p up to rounding counts as reaching it.
const QUANTILE_FUZZ = 10 * Number.EPSILON;

function quantileFrom(cumulative: readonly bigint[], p: number): number {
  const total = Number(cumulative[cumulative.length - 1] as bigint);
  const target = p - QUANTILE_FUZZ;
  for (let q = 0; q < cumulative.length; q++) {
    if (Number(cumulative[q] as bigint) / total >= target) return q;
  }
  return cumulative.length - 1;
}

/** Smallest q with P(U <= q) >= p, as R's qwilcox(p, m, n). */
export function mannWhitneyQuantile(p: number, m: number, n: number): number {
  return quantileFrom(mannWhitneyCumulative(m, n), p);
}

/** Smallest q with P(V <= q) >= p, as R's qsignrank(p, n). */
export function signedRankQuantile(p: number, n: number): number {
  return quantileFrom(signedRankCumulative(n), p);
}
