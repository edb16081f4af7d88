import type { LoadedConfig } from '../config/loaded-config.ts';
import type { ResultsRecord } from '../record/record.ts';
import type { BaselineStore } from '../baseline/store.ts';
import { BaselineMismatchError, BaselineStoreError } from '../baseline/store.ts';
import { describeMachine } from '../run/machine.ts';

/** The baseline records a comparison uses, and what to tell the user about them. */
export interface BaselineChoice {
  records: ResultsRecord[];
  /**
   * Recorded sessions of the same config the spread between sessions is estimated from, newest
   * first (the baseline records among them); default the baseline records.
   */
  history?: ResultsRecord[];
  /** Where they came from, for the report: file paths or store paths. */
  sources: string[];
  warnings: string[];
}

/**
 * Loads the baseline for a config from a store, following the config's baseline section. A store
 * that cannot be read, or a baseline refused for a machine mismatch, gives no records and a
 * warning saying why: the run is then reported like one without a baseline, with its numbers.
 */
export async function loadStoredBaseline(
  store: BaselineStore,
  config: LoadedConfig,
  options: { mergeBaseSha?: string | null; fingerprint?: string },
): Promise<BaselineChoice> {
  const b = config.resolved.baseline;
  const warnings: string[] = [];
  try {
    const loaded = await store.load(config.hash, {
      pool: Math.max(b.pool, b.history),
      commit: b.mergeBase && options.mergeBaseSha ? options.mergeBaseSha : undefined,
      fingerprint: options.fingerprint ?? describeMachine().fingerprint,
      mismatch: b.mismatch,
      onWarning: (w) => warnings.push(w),
    });
    if (!loaded) return { records: [], sources: [], warnings };
    // One load reads the history; the newest `pool` records of it are the baseline.
    const pooled = loaded.records.slice(0, b.pool);
    return {
      records: pooled.map((r) => r.record),
      history: loaded.records.map((r) => r.record),
      sources: pooled.map((r) => r.path),
      warnings: [...warnings, ...loaded.warnings],
    };
  } catch (err) {
    if (err instanceof BaselineMismatchError) {
      return {
        records: [],
        sources: [],
        warnings: [...warnings, `baseline refused (mismatch: refuse): ${err.message}`],
      };
    }
    if (err instanceof BaselineStoreError) {
      return {
        records: [],
        sources: [],
        warnings: [
          ...warnings,
          `could not read the baselines in ${store.description}: ${err.message}`,
        ],
      };
    }
    throw err;
  }
}
