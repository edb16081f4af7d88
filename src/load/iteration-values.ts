// Values made fresh for every iteration of a workload: {{seq}}, {{random.*}} and the next row of
// the data file as {{data.<column>}}. One source per run, shared by every connection of the
// run, so {{seq}} and the rows go round in one order across connections. Both engines call
// begin() when a connection starts an iteration (step 0 of a sequence, every request otherwise).
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { RequestSpec } from '../config/schema.ts';
import { dataColumn, findPlaceholders, isIterationName } from '../config/placeholders.ts';
import type { Values } from './request-template.ts';

/** Fills one iteration's values into a connection's context. */
export interface IterationSource {
  /** Sets seq, the random values used and the next data row into `context`. */
  begin(context: Values): void;
}

/** The iteration names ({{seq}}, {{random.*}}, {{data.*}}) the steps use. */
export function iterationNamesIn(steps: readonly RequestSpec[]): string[] {
  const names = findPlaceholders(JSON.stringify(steps.map((s) => [s.path, s.headers, s.body])));
  return [...new Set(names.filter((n) => isIterationName(n) || dataColumn(n) !== undefined))];
}

const RANDOM: Record<string, () => string> = {
  'random.int': () => String(randomInt(0, 1_000_000_000)),
  'random.uuid': () => randomUUID(),
  'random.hex': () => randomBytes(8).toString('hex'),
};

/**
 * The source of a run, or null when the steps use no iteration value (then nothing is done per
 * iteration). `rows`: the data file, taken round-robin from the first row in every run, so the
 * runs being compared send the same data. {{seq}} counts iterations from 1 in every run.
 */
export function createIterationSource(
  steps: readonly RequestSpec[],
  rows: readonly Values[] | undefined,
): IterationSource | null {
  const names = iterationNamesIn(steps);
  if (names.length === 0) return null;
  const random = names.filter((n) => n in RANDOM);
  const useSeq = names.includes('seq');
  const useRows = rows !== undefined && rows.length > 0 && names.some((n) => n.startsWith('data.'));
  let seq = 0;
  return {
    begin(context) {
      seq++;
      if (useSeq) context.seq = String(seq);
      for (const n of random) context[n] = (RANDOM[n] as () => string)();
      if (useRows) {
        const row = (rows as Values[])[(seq - 1) % (rows as Values[]).length] as Values;
        for (const [k, v] of Object.entries(row)) context[`data.${k}`] = v;
      }
    },
  };
}
