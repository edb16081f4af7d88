// Suggestions for a misspelt key, from the keys the schema allows at that place.

/** The closest known key: edit distance at most 2 (case-insensitive), or a prefix either way. */
export function didYouMean(key: string, known: readonly string[]): string | undefined {
  const k = key.toLowerCase();
  let best: { name: string; score: number } | undefined;
  for (const name of known) {
    const n = name.toLowerCase();
    // The distance is at least the difference in length: skip the work for a far-off (or huge) key.
    const distance = Math.abs(k.length - n.length) > 2 ? Infinity : editDistance(k, n);
    const prefix = k.length >= 3 && (n.startsWith(k) || k.startsWith(n)) ? 2.5 : Infinity;
    const score = Math.min(distance <= 2 ? distance : Infinity, prefix);
    if (score < (best?.score ?? Infinity)) best = { name, score };
  }
  return best?.name;
}

/** Levenshtein distance (insertions, deletions, substitutions each cost 1). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + cost,
      );
    }
    prev = cur;
  }
  return prev[b.length] as number;
}
