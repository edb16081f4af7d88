import type { ResultsRecord } from '../record/record.ts';

// The baseline store interface. Two implementations: a local directory (CLI default) and an
// orphan branch of the same git repository (Actions default). Callers never know which.

/** What to do when the only baselines found were made with another config or on another machine. */
export type MismatchPolicy = 'warn' | 'refuse';

/** Options of `BaselineStore.load`. */
export interface LoadOptions {
  /** Return the newest `pool` usable records of the same config (the caller pools their runs). Default 1. */
  pool?: number;
  /** Prefer the record of this commit (e.g. the PR's merge-base) when one exists; full sha or a prefix of 7+. */
  commit?: string;
  /** Machine fingerprint of this run: a baseline from another machine is flagged (or refused). */
  fingerprint?: string;
  /** `warn` (default): fall back to a mismatching baseline with a loud warning. `refuse`: throw. */
  mismatch?: MismatchPolicy;
  /** Receives the warnings of a load that found nothing usable (every record corrupt). */
  onWarning?: (message: string) => void;
}

/** One stored record, as returned by a load. */
export interface StoredRecord {
  record: ResultsRecord;
  /** Where it is stored: a file path, or `branch:path` for the git-branch store. */
  path: string;
}

/** A loaded baseline: the chosen record, the pool it heads, and what the caller must print. */
export interface LoadedBaseline {
  /** The chosen (newest or commit-matched) record. */
  record: ResultsRecord;
  path: string;
  /** `pool` records, newest first, the chosen one first. */
  records: StoredRecord[];
  /** Corrupt records skipped, config or machine mismatches, commit not found: print every one. */
  warnings: string[];
  /** True when the baseline was made with another config hash than the one asked for. */
  configMismatch: boolean;
  /** True when the baseline was made on a machine with another fingerprint. */
  machineMismatch: boolean;
}

/** One entry of a store's history (its index), newest first. */
export interface HistoryEntry {
  path: string;
  createdAt: string;
  commit: string | null;
  configHash: string;
  fingerprint: string;
}

/** How much history to keep per config hash. The newest record of a config is never dropped. */
export interface RetentionPolicy {
  /** Records kept per config hash. */
  keep?: number;
  /** Records older than this are dropped (except the newest of its config). */
  maxAgeDays?: number;
}

/** Options of `BaselineStore.prune`. */
export interface PruneOptions extends RetentionPolicy {
  /** Reference time for `maxAgeDays` (tests). Default now. */
  now?: Date;
}

/** What a prune removed. */
export interface PruneResult {
  removed: string[];
}

/** Where baselines live. Implementations never throw on corrupt content; they skip and warn. */
export interface BaselineStore {
  /** Short description for logs, e.g. `branch perfgate-baselines` or `directory .perfgate`. */
  readonly description: string;
  /** The baseline for a config hash; null when there is none yet (or none usable). */
  load(configHash: string, options?: LoadOptions): Promise<LoadedBaseline | null>;
  /** Stores a record (sealed with its checksum) and applies the store's retention policy. */
  save(record: ResultsRecord): Promise<{ path: string }>;
  /** Stored records, newest first, optionally of one config hash only. */
  history(configHash?: string): Promise<HistoryEntry[]>;
  /** Drops records beyond `keep` per config or older than `maxAgeDays`. */
  prune(options: PruneOptions): Promise<PruneResult>;
}

/** A baseline exists only for another config (or machine) and the policy is `refuse`. */
export class BaselineMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BaselineMismatchError';
  }
}

/** The store could not be read or written (permissions, network, git failures). */
export class BaselineStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BaselineStoreError';
  }
}
