import { z } from 'zod';
import type { ResultsRecord } from '../record/record.ts';

// Layout shared by both stores: `<configHash>/<timestamp>-<sha7>.json` per record, plus a small
// `index.json` with each record's metadata so history and selection never read every record.
// The file listing decides what exists; the index only adds metadata. A lost or damaged index
// therefore loses nothing: unknown files get their metadata from their names.

/** Name of the index file at the root of a store. */
export const INDEX_FILE = 'index.json';

const indexEntrySchema = z.object({
  file: z.string(),
  configHash: z.string(),
  createdAt: z.string(),
  commit: z.string().nullable(),
  fingerprint: z.string(),
});

const indexSchema = z.object({
  kind: z.literal('perfgate-baseline-index'),
  version: z.literal(1),
  commitsSinceSquash: z.number().int().nonnegative().optional(),
  entries: z.array(indexEntrySchema),
});

/** Metadata of one stored record; `file` is relative to the store root, with `/` separators. */
export type IndexEntry = z.output<typeof indexEntrySchema>;

/** The content of `index.json`. */
export type StoreIndex = z.output<typeof indexSchema>;

/** An empty index. */
export function emptyIndex(): StoreIndex {
  return { kind: 'perfgate-baseline-index', version: 1, entries: [] };
}

/** Parses `index.json`; null when missing or damaged (the caller rebuilds from the listing). */
export function parseIndex(text: string | null): StoreIndex | null {
  if (text === null) return null;
  try {
    const parsed = indexSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The text of `index.json`, entries newest first. */
export function serializeIndex(index: StoreIndex): string {
  return `${JSON.stringify({ ...index, entries: sortNewestFirst(index.entries) }, null, 2)}\n`;
}

/** A config hash as a safe folder name (hashes are hex; anything else is made safe). */
export function hashFolder(configHash: string): string {
  const safe = configHash.replace(/[^A-Za-z0-9_-]/g, '_');
  return safe === '' ? '_' : safe;
}

/** `2024-05-01T12:30:00.123Z` -> `20240501T123000123Z` (sortable, safe in file names). */
function timestampPart(iso: string): string {
  const d = new Date(iso);
  const t = Number.isNaN(d.getTime()) ? new Date(0) : d;
  return t.toISOString().replace(/[-:.]/g, '');
}

/** Inverse of `timestampPart`, for files missing from the index. */
function parseTimestampPart(name: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z/.exec(name);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z` : new Date(0).toISOString();
}

/** A new record's path, `<configHash>/<timestamp>-<sha7>.json`, made unique against `taken`. */
export function recordFile(record: ResultsRecord, taken: ReadonlySet<string>): string {
  const base = `${hashFolder(record.configHash)}/${timestampPart(record.createdAt)}-${record.commit?.sha.slice(0, 7) ?? 'nocommit'}`;
  let file = `${base}.json`;
  for (let n = 2; taken.has(file); n++) file = `${base}-${n}.json`;
  return file;
}

/** The index entry of a record stored at `file`. */
export function entryFor(record: ResultsRecord, file: string): IndexEntry {
  return {
    file,
    configHash: record.configHash,
    createdAt: record.createdAt,
    commit: record.commit?.sha ?? null,
    fingerprint: record.machine.fingerprint,
  };
}

/** True for paths that look like stored records (`<folder>/<name>.json`). */
export function isRecordFile(file: string): boolean {
  return /^[^/]+\/[^/]+\.json$/.test(file);
}

/**
 * Entries for the record files that exist: the index's metadata where it has some, metadata from
 * the path otherwise (config hash = folder, time = file name). Index entries without a file are dropped.
 */
export function reconcile(files: readonly string[], index: StoreIndex | null): IndexEntry[] {
  const known = new Map((index?.entries ?? []).map((e) => [e.file, e]));
  const entries = files.filter(isRecordFile).map((file) => {
    const hit = known.get(file);
    if (hit) return hit;
    const [folder = '', name = ''] = file.split('/');
    return {
      file,
      configHash: folder,
      createdAt: parseTimestampPart(name),
      commit: null,
      fingerprint: '',
    };
  });
  return sortNewestFirst(entries);
}

/** Newest first by creation time, then by file name (stable for equal times). */
export function sortNewestFirst<T extends { createdAt: string; file: string }>(
  entries: readonly T[],
): T[] {
  const time = (e: T) => {
    const t = Date.parse(e.createdAt);
    return Number.isNaN(t) ? 0 : t;
  };
  return [...entries].sort(
    (a, b) => time(b) - time(a) || (a.file < b.file ? 1 : a.file > b.file ? -1 : 0),
  );
}
