import { createHash } from 'node:crypto';
import type { ResolvedConfig } from './resolve.ts';

/**
 * JSON with object keys sorted at every level, so equal configs serialize equally whatever
 * order their keys were written in. Undefined fields are dropped, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const obj = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(obj)
        .sort()
        .map((k) => [k, obj[k]]),
    );
  });
}

/**
 * Identifies what a resolved config measures: the first 16 hex characters of the sha256 of
 * the canonical JSON of the parts that change a single run's numbers. Records with different
 * hashes are not compared silently.
 *
 * Left out: `server.build` (it only builds the base checkout of same-runner comparisons), `server.cwd` (an absolute path: two checkouts of the same commit, the base and the
 * PR, or two runners, would otherwise never hash equally); how many runs are made and how
 * they are judged (runs, warm-up, min/max runs, budget, min-rate-share, seed, thresholds, objectives, the gate and baseline
 * sections), since changing a tolerance or adding runs must not orphan the stored baselines.
 * Everything else, the server command and environment included, stays in.
 */
export function hashConfig(resolved: ResolvedConfig): string {
  const { cwd: _cwd, build: _build, ...server } = resolved.server;
  const workloads = resolved.workloads.map((w) => {
    const {
      thresholds: _t,
      runs: _r,
      warmup: _w,
      minRuns: _min,
      maxRuns: _max,
      budgetMs: _b,
      minRateShare: _share,
      objectives: _o,
      ...rest
    } = w;
    return rest;
  });
  const text = canonicalJson({ server, loadCpus: resolved.loadCpus, workloads });
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
