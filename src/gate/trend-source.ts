import type { BaselineStore } from '../baseline/store.ts';
import type { Trend } from '../report/trend.ts';
import { trendOf } from '../report/trend.ts';

/** Records the comment's trend reads at most (stores keep 30 per config by default). */
export const TREND_RECORDS = 20;

/**
 * The trend of a config over its stored records, or null when there are none or the store
 * cannot be read: the trend is context, and never fails a run or hides its verdict.
 */
export async function loadTrend(
  store: BaselineStore | null,
  configHash: string,
  max: number = TREND_RECORDS,
): Promise<Trend | null> {
  if (!store) return null;
  try {
    const loaded = await store.load(configHash, { pool: max, onWarning: () => {} });
    if (!loaded || loaded.records.length === 0) return null;
    return trendOf(loaded.records.map((r) => r.record));
  } catch {
    return null;
  }
}
