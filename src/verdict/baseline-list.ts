import type { ResultsRecord } from '../record/record.ts';

/** One baseline record or several (pooled): always as a list. */
export function baselineList(
  baseline: ResultsRecord | readonly ResultsRecord[],
): readonly ResultsRecord[] {
  return isList(baseline) ? baseline : [baseline];
}

// Array.isArray does not narrow a readonly array out of a union (TypeScript #17002).
function isList(b: ResultsRecord | readonly ResultsRecord[]): b is readonly ResultsRecord[] {
  return Array.isArray(b);
}
