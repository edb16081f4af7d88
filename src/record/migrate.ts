import type { z } from 'zod';
import { formatPath, showValue } from '../config/problems.ts';
import type { ResultsRecord } from './record.ts';
import { RECORD_VERSION, resultsRecordSchema } from './record.ts';

// Stored records outlive the code that wrote them. Every older format has one migration to the
// next version; `migrateRecord` applies them in order and validates the result with the current
// schema, so nothing downstream ever sees a shape it does not know.
//
// Version 0 is the pre-release format: the same as version 1 but without `tool` and `design`
// (every v0 record was an independent design). It exists so the migration path is exercised.

/** Outcome of a migration: the current-format record, or why the input cannot be one. */
export type MigrationResult =
  { ok: true; record: ResultsRecord; from: number } | { ok: false; reason: string };

/** One step: turns a record of version `n` into version `n + 1` (structure only, no validation). */
type Migration = (raw: Record<string, unknown>) => Record<string, unknown>;

/** Tool version written into records migrated from a format that did not carry one. */
export const UNKNOWN_TOOL_VERSION = '0.0.0-unknown';

const MIGRATIONS: ReadonlyMap<number, Migration> = new Map<number, Migration>([
  [
    0,
    (raw) => ({
      ...raw,
      version: 1,
      tool: { name: 'perfgate', version: UNKNOWN_TOOL_VERSION },
      design: 'independent',
    }),
  ],
]);

/**
 * Brings a parsed record of any known version to the current format and validates it.
 * Never throws: an unknown version or an invalid shape is reported as a reason.
 */
export function migrateRecord(
  raw: unknown,
  migrations: ReadonlyMap<number, Migration> = MIGRATIONS,
): MigrationResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, reason: 'not a JSON object' };
  }
  let current = raw as Record<string, unknown>;
  if (current.kind !== 'perfgate-results') {
    return {
      ok: false,
      reason: `not a perfgate results record (kind: ${JSON.stringify(current.kind)})`,
    };
  }
  const from = current.version;
  if (typeof from !== 'number' || !Number.isInteger(from)) {
    return {
      ok: false,
      reason: `record version is missing or not an integer (${JSON.stringify(from)})`,
    };
  }
  if (from > RECORD_VERSION) {
    return {
      ok: false,
      reason: `record version ${from} is newer than this perfgate understands (${RECORD_VERSION}); upgrade perfgate`,
    };
  }
  for (let v = from; v < RECORD_VERSION; v++) {
    const step = migrations.get(v);
    if (!step)
      return { ok: false, reason: `unknown record version ${v}: no migration to version ${v + 1}` };
    current = step(current);
  }
  const parsed = resultsRecordSchema.safeParse(current);
  if (!parsed.success) {
    return {
      ok: false,
      reason: `invalid record (version ${from}): ${summarizeIssues(parsed.error, current)}`,
    };
  }
  return { ok: true, record: parsed.data, from };
}

/**
 * The first few schema problems as one line, each naming the field as a path and the bad value:
 * `workloads[0].runs[2].errorRate: got 5, expected a rate from 0 to 1`.
 */
function summarizeIssues(error: z.ZodError, input: unknown): string {
  const shown = error.issues.slice(0, 3).map((i) => {
    const where = i.path.length ? formatPath(i.path) : '(root)';
    const value = valueAtPath(input, i.path);
    const got = value === undefined || typeof value === 'object' ? '' : `got ${showValue(value)}, `;
    return `${where}: ${got}${i.message}`;
  });
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : '';
  return shown.join('; ') + more;
}

function valueAtPath(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}
