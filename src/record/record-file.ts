import { createHash } from 'node:crypto';
import type { ResultsRecord } from './record.ts';
import { migrateRecord } from './migrate.ts';

// A stored record is its JSON plus a checksum over the canonical form of everything else. A
// record that does not parse, fails its checksum, has an unknown version or does not match the
// schema is a CorruptRecord: reported with its path and skipped, never compared against.

/** A stored record that cannot be used, with where it is and why. */
export interface CorruptRecord {
  ok: false;
  path: string;
  reason: string;
}

/** A stored record that passed every check, in the current format. */
export interface ValidRecord {
  ok: true;
  path: string;
  record: ResultsRecord;
  /** Version the record was stored with (older ones were migrated). */
  storedVersion: number;
}

/** A stored file a store will not read (a symbolic link, not a regular file, too large). */
export class RefusedRecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefusedRecordError';
  }
}

/** Result of reading one stored record. */
export type ReadRecordResult = ValidRecord | CorruptRecord;

/** Options of `parseRecordText`. */
export interface ParseRecordOptions {
  /** A record without a checksum is corrupt (true for baseline stores, which always write one). */
  requireChecksum?: boolean;
}

/** JSON with object keys sorted at every level and no whitespace: the input of the checksum. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const parts = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`);
  return `{${parts.join(',')}}`;
}

/** sha256 (hex) of the canonical JSON of a record without its `checksum` field. */
export function recordChecksum(record: object): string {
  const { checksum: _ignored, ...rest } = record as Record<string, unknown>;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

/** The record with its checksum set, ready to store. */
export function sealRecord(record: ResultsRecord): ResultsRecord {
  return { ...record, checksum: recordChecksum(record) };
}

/** The file content of a stored record: the sealed record as indented JSON. */
export function serializeRecord(record: ResultsRecord): string {
  return `${JSON.stringify(sealRecord(record), null, 2)}\n`;
}

/** Parses, verifies and migrates the text of a stored record. Never throws. */
export function parseRecordText(
  text: string,
  path: string,
  options: ParseRecordOptions = {},
): ReadRecordResult {
  const corrupt = (reason: string): CorruptRecord => ({ ok: false, path, reason });
  if (text.trim() === '') return corrupt('the file is empty');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    // V8 quotes the text around the error: never echo a file's content (it may not be ours).
    const reason = (err as Error).message.replace(
      /, (\.\.\.)?".*" (\.\.\.)?is not valid JSON$/s,
      '',
    );
    return corrupt(`not valid JSON (truncated?): ${reason}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return corrupt('not a JSON object');
  const stored = (raw as Record<string, unknown>).checksum;
  if (stored === undefined) {
    if (options.requireChecksum) return corrupt('it has no checksum');
  } else if (typeof stored !== 'string' || stored !== recordChecksum(raw)) {
    return corrupt('checksum mismatch: the content was changed or damaged after it was stored');
  }
  const migrated = migrateRecord(raw);
  if (!migrated.ok) return corrupt(migrated.reason);
  // A migrated record's content differs from what the stored checksum covered: drop it.
  const record =
    migrated.from === migrated.record.version
      ? migrated.record
      : { ...migrated.record, checksum: undefined };
  if (record.checksum === undefined) delete record.checksum;
  return { ok: true, path, record, storedVersion: migrated.from };
}

/** A one-line warning about a skipped record, naming its path. */
export function describeCorrupt(c: CorruptRecord): string {
  return `skipped the stored baseline ${c.path}: ${c.reason}`;
}
