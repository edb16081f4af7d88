import type { RetentionPolicy } from './store.ts';
import { sortNewestFirst } from './record-index.ts';

/** Default history kept per config hash by both stores. */
export const DEFAULT_RETENTION: Required<RetentionPolicy> = { keep: 30, maxAgeDays: 180 };

const DAY_MS = 86_400_000;

/**
 * Files to drop under a retention policy: per config hash, everything beyond the newest `keep`
 * and everything older than `maxAgeDays`, except the newest record of each config, which is
 * always kept (a config not measured for months still has a baseline).
 */
export function selectForRemoval<T extends { file: string; configHash: string; createdAt: string }>(
  entries: readonly T[],
  policy: RetentionPolicy,
  now: Date,
): string[] {
  const keep = Math.max(1, Math.floor(policy.keep ?? Number.POSITIVE_INFINITY));
  const cutoff =
    policy.maxAgeDays === undefined
      ? Number.NEGATIVE_INFINITY
      : now.getTime() - policy.maxAgeDays * DAY_MS;
  const byConfig = new Map<string, T[]>();
  for (const e of entries) byConfig.set(e.configHash, [...(byConfig.get(e.configHash) ?? []), e]);
  const removed: string[] = [];
  for (const group of byConfig.values()) {
    sortNewestFirst(group).forEach((e, i) => {
      if (i === 0) return;
      const t = Date.parse(e.createdAt);
      if (i >= keep || (!Number.isNaN(t) && t < cutoff)) removed.push(e.file);
    });
  }
  return removed;
}
