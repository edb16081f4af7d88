import padjust from '@stdlib/stats-padjust';

// Multiple-comparison adjustment of the gating p-values (k workloads x m metrics are one family).

/** Adjustment methods: Holm (1979) controls the family-wise error; BH (1995) the FDR. */
export type AdjustMethod = 'holm' | 'bh';

/** Adjusted p-values in input order, as R's p.adjust(p, "holm" | "BH"). */
export function adjustPValues(pValues: readonly number[], method: AdjustMethod): number[] {
  if (pValues.length === 0) return [];
  return padjust([...pValues], method);
}

/** Holm step-down adjusted p-values (Holm 1979). */
export function holm(pValues: readonly number[]): number[] {
  return adjustPValues(pValues, 'holm');
}

/** Benjamini-Hochberg step-up adjusted p-values (Benjamini & Hochberg 1995). */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  return adjustPValues(pValues, 'bh');
}

/**
 * Weighted Holm step-down adjusted p-values (Holm 1979, section 4): hypothesis i, with weight
 * w_i > 0, is rejected at family-wise level alpha when, in the order of p_i / w_i, every
 * hypothesis up to it has p_j <= alpha w_j / (the weights of the hypotheses not yet rejected).
 * Equal weights give Holm's procedure.
 */
export function weightedHolm(pValues: readonly number[], weights: readonly number[]): number[] {
  if (pValues.length !== weights.length) {
    throw new RangeError(`weightedHolm: ${pValues.length} p-values but ${weights.length} weights`);
  }
  if (weights.some((w) => !(w > 0 && Number.isFinite(w)))) {
    throw new RangeError('weightedHolm: every weight must be a positive finite number');
  }
  const order = pValues
    .map((p, i) => ({ i, q: p / (weights[i] as number) }))
    .sort((a, b) => a.q - b.q || a.i - b.i);
  let remaining = weights.reduce((s, w) => s + w, 0);
  let running = 0;
  const out = new Array<number>(pValues.length);
  for (const { i, q } of order) {
    running = Math.max(running, Math.min(1, q * remaining));
    out[i] = running;
    remaining -= weights[i] as number;
  }
  return out;
}
