import type { LoadedConfig } from '../run/execute-run.ts';
import type { ResultsRecord } from '../run/record.ts';
import type { BaselineStore } from '../baseline/store.ts';
import { BaselineMismatchError } from '../baseline/store.ts';
import { describeMachine } from '../run/machine.ts';

/** The baseline records a comparison uses, and what to tell the user about them. */
export interface BaselineChoice {
  records: ResultsRecord[];
  /** Where they came from, for the report: file paths or store paths. */
  sources: string[];
  warnings: string[];
}

/** Loads the baseline for a config from a store, following the config's baseline section. */
export async function loadStoredBaseline(
  store: BaselineStore,
  config: LoadedConfig,
  options: { mergeBaseSha?: string | null; fingerprint?: string },
): Promise<BaselineChoice> {
  const b = config.resolved.baseline;
  const warnings: string[] = [];
  try {
    const loaded = await store.load(config.hash, {
      pool: b.pool,
      commit: b.mergeBase && options.mergeBaseSha ? options.mergeBaseSha : undefined,
      fingerprint: options.fingerprint ?? describeMachine().fingerprint,
      mismatch: b.mismatch,
      onWarning: (w) => warnings.push(w),
    });
    if (!loaded) return { records: [], sources: [], warnings };
    return {
      records: loaded.records.map((r) => r.record),
      sources: loaded.records.map((r) => r.path),
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
    throw err;
  }
}
