import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, readdir, readFile, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { formatBytes, MAX_RECORD_BYTES } from '../config/limits.ts';
import path from 'node:path';
import type { ResultsRecord } from '../record/record.ts';
import type { IndexEntry, StoreIndex } from './record-index.ts';
import {
  emptyIndex,
  entryFor,
  INDEX_FILE,
  parseIndex,
  reconcile,
  recordFile,
  serializeIndex,
} from './record-index.ts';
import { RefusedRecordError, serializeRecord } from '../record/record-file.ts';
import { DEFAULT_RETENTION, selectForRemoval } from './retention.ts';
import type { RecordSource } from './select.ts';
import { historyOf, loadBaseline } from './select.ts';
import type { BaselineStore, LoadOptions, PruneOptions, RetentionPolicy } from './store.ts';

/** Default folder of the directory store, relative to the working directory. */
export const DEFAULT_BASELINE_DIR = '.perfgate';

/** Options of the directory store. */
export interface DirectoryStoreOptions {
  /** Folder holding the records; default `.perfgate` in the current directory. */
  dir?: string;
  /** History kept per config on every save; default `DEFAULT_RETENTION`. */
  retention?: RetentionPolicy;
  /** Clock for retention (tests). */
  now?: () => Date;
}

/** Reads a file, or null when it does not exist. */
async function readOrNull(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * Reads a stored record without following a symbolic link, and only from inside `dir`; null
 * when it does not exist. A link, a non-regular file, a file outside the folder (through a
 * linked folder) or one over the size limit is a RefusedRecordError: never read, never quoted.
 */
async function readRecordFile(dir: string, file: string): Promise<string | null> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'ELOOP') throw new RefusedRecordError(`it is a symbolic link; ${ONLY_OWN}`);
    throw err;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new RefusedRecordError(`it is not a regular file; ${ONLY_OWN}`);
    const real = await realpath(file);
    const inside = path.relative(await realpath(dir), real);
    if (inside.startsWith('..') || path.isAbsolute(inside))
      throw new RefusedRecordError(`it lies outside the store's folder; ${ONLY_OWN}`);
    if (info.size > MAX_RECORD_BYTES)
      throw new RefusedRecordError(
        `it is ${formatBytes(info.size)}, over the limit of ${formatBytes(MAX_RECORD_BYTES)}`,
      );
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

const ONLY_OWN = 'the store reads only regular files inside its own folder';

/** Writes a file atomically: a temporary file in the same folder, then a rename. */
async function writeAtomic(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, text);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Baselines in a local folder: `<dir>/<configHash>/<timestamp>-<sha7>.json` plus `<dir>/index.json`. */
export function createDirectoryStore(options: DirectoryStoreOptions = {}): BaselineStore {
  const dir = path.resolve(options.dir ?? DEFAULT_BASELINE_DIR);
  const now = options.now ?? (() => new Date());
  const retention = options.retention ?? DEFAULT_RETENTION;
  const abs = (file: string) => path.join(dir, ...file.split('/'));

  async function listFiles(): Promise<string[]> {
    let folders;
    try {
      folders = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const files: string[] = [];
    for (const f of folders.filter((d) => d.isDirectory())) {
      const names = await readdir(path.join(dir, f.name));
      files.push(...names.filter((n) => n.endsWith('.json')).map((n) => `${f.name}/${n}`));
    }
    return files;
  }

  async function readState(): Promise<{ index: StoreIndex; entries: IndexEntry[] }> {
    const index = parseIndex(await readOrNull(path.join(dir, INDEX_FILE))) ?? emptyIndex();
    return { index, entries: reconcile(await listFiles(), index) };
  }

  async function removeFiles(files: readonly string[]): Promise<void> {
    for (const f of files) await rm(abs(f), { force: true });
  }

  // Several processes may save at once: each record file is new and written atomically, so no
  // record is lost; the index is rewritten from the listing, so a lost index update heals itself.
  async function writeIndex(entries: IndexEntry[], base: StoreIndex): Promise<void> {
    await writeAtomic(path.join(dir, INDEX_FILE), serializeIndex({ ...base, entries }));
  }

  const source: RecordSource = {
    entries: async () => (await readState()).entries,
    read: (file) => readRecordFile(dir, abs(file)),
    displayPath: abs,
  };

  return {
    description: `directory ${dir}`,
    load: (configHash: string, loadOptions?: LoadOptions) =>
      loadBaseline(source, configHash, loadOptions),
    history: (configHash?: string) => historyOf(source, configHash),
    async save(record: ResultsRecord) {
      const { index, entries } = await readState();
      const file = recordFile(record, new Set(entries.map((e) => e.file)));
      await writeAtomic(abs(file), serializeRecord(record));
      const all = [entryFor(record, file), ...entries];
      const removed = new Set(selectForRemoval(all, retention, now()));
      removed.delete(file);
      await removeFiles([...removed]);
      await writeIndex(
        all.filter((e) => !removed.has(e.file)),
        index,
      );
      return { path: abs(file) };
    },
    async prune(pruneOptions: PruneOptions) {
      const { index, entries } = await readState();
      const removed = selectForRemoval(entries, pruneOptions, pruneOptions.now ?? now());
      await removeFiles(removed);
      const gone = new Set(removed);
      await writeIndex(
        entries.filter((e) => !gone.has(e.file)),
        index,
      );
      return { removed: removed.map(abs) };
    },
  };
}
