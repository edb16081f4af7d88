import type { MachineInfo, ResultsRecord } from '../record/record.ts';
import type { IndexEntry } from './record-index.ts';
import { hashFolder } from './record-index.ts';
import type { ValidRecord } from '../record/record-file.ts';
import { describeCorrupt, parseRecordText, RefusedRecordError } from '../record/record-file.ts';
import type { HistoryEntry, LoadOptions, LoadedBaseline, StoredRecord } from './store.ts';
import { BaselineMismatchError } from './store.ts';

// Baseline selection shared by every store: which stored records a comparison uses, and what
// the caller must be told about them. Stores only list entries and read files.

/** What a store exposes to the shared selection logic. */
export interface RecordSource {
  /** Entries of every stored record, newest first. */
  entries(): Promise<IndexEntry[]>;
  /** The text of a stored record; null when it vanished; RefusedRecordError when unsafe. */
  read(file: string): Promise<string | null>;
  /** How a record's location is shown to users. */
  displayPath(file: string): string;
}

/** The history of a source, newest first, optionally of one config. */
export async function historyOf(
  source: RecordSource,
  configHash?: string,
): Promise<HistoryEntry[]> {
  const entries = await source.entries();
  return entries
    .filter((e) => configHash === undefined || sameConfig(e, configHash))
    .map((e) => ({
      path: source.displayPath(e.file),
      createdAt: e.createdAt,
      commit: e.commit,
      configHash: e.configHash,
      fingerprint: e.fingerprint,
    }));
}

function sameConfig(e: IndexEntry, configHash: string): boolean {
  return e.configHash === configHash || e.configHash === hashFolder(configHash);
}

function commitMatches(entrySha: string | null, wanted: string): boolean {
  if (!entrySha || wanted.length < 7) return entrySha === wanted;
  return entrySha.startsWith(wanted) || wanted.startsWith(entrySha);
}

/** A machine in one line, for mismatch warnings. */
export function describeMachineShort(m: MachineInfo): string {
  return `${m.cpuModel}, ${m.cores} cores, ${m.os} ${m.arch}, Node ${m.node}`;
}

/** Reads entries in order until `limit` valid records accepted by `accept` are found. */
async function readValid(
  source: RecordSource,
  entries: readonly IndexEntry[],
  limit: number,
  warnings: string[],
  accept: (r: ResultsRecord) => boolean = () => true,
): Promise<{ found: ValidRecord[]; rejected: ResultsRecord[] }> {
  const found: ValidRecord[] = [];
  const rejected: ResultsRecord[] = [];
  for (const e of entries) {
    if (found.length >= limit) break;
    const path = source.displayPath(e.file);
    let text: string | null;
    try {
      text = await source.read(e.file);
    } catch (err) {
      if (!(err instanceof RefusedRecordError)) throw err;
      warnings.push(`skipped the stored baseline ${path}: ${err.message}`);
      continue;
    }
    if (text === null) continue;
    const result = parseRecordText(text, path, { requireChecksum: true });
    if (!result.ok) warnings.push(describeCorrupt(result));
    else if (accept(result.record)) found.push(result);
    else rejected.push(result.record);
  }
  return { found, rejected };
}

/** Selects and reads the baseline for `configHash` under the load options. */
export async function loadBaseline(
  source: RecordSource,
  configHash: string,
  options: LoadOptions = {},
): Promise<LoadedBaseline | null> {
  const pool = Math.max(1, Math.floor(options.pool ?? 1));
  const policy = options.mismatch ?? 'warn';
  const warnings: string[] = [];
  const all = await source.entries();
  let same = all.filter((e) => sameConfig(e, configHash));
  if (options.commit !== undefined && same.length > 0) {
    const at = same.findIndex((e) => commitMatches(e.commit, options.commit ?? ''));
    if (at >= 0) same = same.slice(at);
    else
      warnings.push(
        `no baseline recorded for commit ${options.commit.slice(0, 12)}; using the newest baseline instead`,
      );
  }
  const fp = options.fingerprint;
  const sameMachine = (r: ResultsRecord) =>
    policy !== 'refuse' || fp === undefined || r.machine.fingerprint === fp;
  const { found, rejected } = await readValid(
    source,
    same,
    pool,
    warnings,
    (r) => r.configHash === configHash && sameMachine(r),
  );
  if (found.length > 0) return finish(found, warnings, fp, false);
  if (rejected.some((r) => r.configHash === configHash)) {
    throw new BaselineMismatchError(
      `every baseline for config ${short(configHash)} was measured on another machine ` +
        `(e.g. ${describeMachineShort(rejected[0]!.machine)}), and the baseline mismatch policy is 'refuse'. ` +
        `Record a baseline on this runner type, or set the mismatch policy to 'warn'.`,
    );
  }
  const others = all.filter((e) => !sameConfig(e, configHash));
  if (others.length === 0) return nothing(warnings, options);
  if (policy === 'refuse') {
    const hashes = [...new Set(others.map((e) => short(e.configHash)))].slice(0, 3).join(', ');
    throw new BaselineMismatchError(
      `no baseline was recorded with this config (hash ${short(configHash)}); the store only has baselines of ` +
        `other configs (${hashes}), and the baseline mismatch policy is 'refuse'. Record a baseline with this ` +
        `config on the default branch first, or set the mismatch policy to 'warn'.`,
    );
  }
  const first = await readValid(source, others, 1, warnings);
  const head = first.found[0];
  if (!head) return nothing(warnings, options);
  const rest = others.filter(
    (e) => e.configHash === head.record.configHash && source.displayPath(e.file) !== head.path,
  );
  const more = await readValid(
    source,
    rest,
    pool - 1,
    warnings,
    (r) => r.configHash === head.record.configHash,
  );
  warnings.unshift(
    `WARNING: no baseline was recorded with this config (hash ${short(configHash)}). Comparing against the ` +
      `baseline of a DIFFERENT config (hash ${short(head.record.configHash)}, ${head.record.createdAt}): ` +
      `workloads or settings may differ, so changes may not be real.`,
  );
  return finish([head, ...more.found], warnings, fp, true);
}

function finish(
  found: ValidRecord[],
  warnings: string[],
  fp: string | undefined,
  configMismatch: boolean,
): LoadedBaseline {
  const head = found[0]!;
  const records: StoredRecord[] = found.map((f) => ({ record: f.record, path: f.path }));
  const foreign = fp === undefined ? [] : found.filter((f) => f.record.machine.fingerprint !== fp);
  if (foreign.length > 0) {
    warnings.unshift(
      `WARNING: ${foreign.length === found.length ? 'the baseline was' : `${foreign.length} of ${found.length} baseline records were`} ` +
        `measured on a different machine (${describeMachineShort(foreign[0]!.record.machine)}). ` +
        `Cross-machine differences of 10-20% are common; read the changes with care.`,
    );
  }
  return {
    record: head.record,
    path: head.path,
    records,
    warnings,
    configMismatch,
    machineMismatch: foreign.length > 0,
  };
}

function nothing(warnings: string[], options: LoadOptions): null {
  for (const w of warnings) options.onWarning?.(w);
  return null;
}

function short(hash: string): string {
  return hash.slice(0, 12);
}
