// Ranking helpers shared by the rank tests.

/** Ranks 1..n with ties given their average rank (midranks), in input order. */
export function midranks(values: readonly number[]): number[] {
  const order = values
    .map((_, i) => i)
    .sort((a, b) => (values[a] as number) - (values[b] as number));
  const ranks = new Array<number>(values.length);
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1] as number] === values[order[i] as number])
      j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k] as number] = r;
    i = j + 1;
  }
  return ranks;
}

/** Sizes of the groups of equal values (groups of one included). */
export function tieGroupSizes(values: readonly number[]): number[] {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.values()];
}

/** Tie term sum(t^3 - t) over groups of equal values, as in the tie-corrected rank variances. */
export function tieTerm(values: readonly number[]): number {
  let sum = 0;
  for (const t of tieGroupSizes(values)) sum += t * t * t - t;
  return sum;
}

/** True when any two values are equal. */
export function hasTies(values: readonly number[]): boolean {
  return new Set(values).size !== values.length;
}
