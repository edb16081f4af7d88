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
 * its canonical JSON. Records with different hashes are not compared silently.
 *
 * `server.cwd` is left out: it is an absolute path, so two checkouts of the same commit (the
 * base and the PR, or two runners) would otherwise never hash equally. Everything else, the
 * server command and environment included, changes what is measured and stays in.
 */
export function hashConfig(resolved: ResolvedConfig): string {
  const { cwd: _cwd, ...server } = resolved.server;
  const text = canonicalJson({ ...resolved, server });
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
