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
