// The merge job's decisions, in milliseconds: shard files on disk, a directory store, no
// server. One record on the default branch, one family over every workload on a pull
// request, a failed shard named with nothing recorded, a pull request never recording.

import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDirectoryStore } from '../../src/baseline/directory-store.ts';
import type { LoadedConfig } from '../../src/config/loaded-config.ts';
import { applyOverrides } from '../../src/config/overrides.ts';
import { loadRunConfig } from '../../src/config/load-run-config.ts';
import { workloadsOfShard } from '../../src/shard/assign.ts';
import { runMerge } from '../../src/shard/merge-gate.ts';
import { writeShardFile } from '../../src/shard/shard-file.ts';
import { gatedFamilySize } from '../../src/verdict/index.ts';
import { makeRecord } from '../helpers/records.ts';

const CONFIG = `server: { command: node server.js, ready: { port: 3000 } }
workloads:
  - { name: a, path: / }
  - { name: b, path: /b }
  - { name: c, path: /c }
`;
const MAIN = { event: 'push', ref: 'refs/heads/main', defaultBranch: 'main' };
const PR = { event: 'pull_request', ref: 'refs/pull/1/merge', defaultBranch: 'main' };

let root: string;
let config: LoadedConfig;

/** Writes the files of a two-shard run into a fresh folder; `failed` shards have no record. */
async function shards(failed: number[] = []): Promise<string> {
  const dir = await mkdtemp(path.join(root, 'shards-'));
  for (const index of [1, 2]) {
    const names = workloadsOfShard(config.resolved.workloads, { index, count: 2 });
    const record = makeRecord({
      configHash: config.hash,
      workloads: Object.fromEntries(names.map((n) => [n, [1000, 1010, 990, 1005]])),
      config: { workloads: names.map((name) => ({ name })) },
    });
    const ok = !failed.includes(index);
    await writeShardFile(dir, {
      kind: 'perfgate-shard',
      version: 1,
      shard: { index, count: 2 },
      config: 'perfgate.yml',
      configHash: config.hash,
      commit: record.commit,
      workloads: names,
      status: ok ? 'ok' : 'failed',
      error: ok ? null : 'the server exited with code 1 before it was ready',
      notices: [],
      record: ok ? record : null,
      base: null,
      createdAt: record.createdAt,
    });
  }
  return dir;
}

const stored = async (dir: string) =>
  (await readdir(dir, { recursive: true }).catch(() => [])).filter(
    (f) => f.endsWith('.json') && !f.endsWith('index.json'),
  );

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'perfgate-merge-gate-'));
  await writeFile(path.join(root, 'perfgate.yml'), CONFIG);
  config = await loadRunConfig(path.join(root, 'perfgate.yml'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('runMerge', () => {
  it('records one baseline on the default branch, then compares a pull request in one family', async () => {
    const storeDir = path.join(root, 'store-1');
    const store = createDirectoryStore({ dir: storeDir });
    const first = await runMerge({ config, place: MAIN, paths: [await shards()], store });
    expect(first.verdict).toBe('no-baseline');
    expect(first.saved).not.toBeNull();
    expect(await stored(storeDir)).toHaveLength(1);
    expect(first.record.workloads.map((w) => w.name)).toEqual(['a', 'b', 'c']);

    const pr = await runMerge({ config, place: PR, paths: [await shards()], store });
    expect(pr.comparison?.familySize).toBe(gatedFamilySize(config.resolved.workloads));
    expect(pr.comparison?.workloads.map((w) => w.name)).toEqual(['a', 'b', 'c']);
    expect(pr.saved).toBeNull();
    expect(await stored(storeDir)).toHaveLength(1);
    expect(pr.failedShards).toEqual([]);
  });

  it('fails naming a failed shard, still compares the others, and records nothing', async () => {
    const storeDir = path.join(root, 'store-2');
    const store = createDirectoryStore({ dir: storeDir });
    await runMerge({ config, place: MAIN, paths: [await shards()], store });
    const lost = workloadsOfShard(config.resolved.workloads, { index: 2, count: 2 });
    const r = await runMerge({ config, place: MAIN, paths: [await shards([2])], store });
    expect(r.fail).toBe(true);
    expect(r.failedShards).toEqual(['shard 2/2']);
    expect(r.failReason).toMatch(/^shard 2\/2 failed: shard 2\/2: the server exited/);
    expect(r.comparison?.headline).toMatch(/^incomplete: shard 2\/2 failed/);
    expect(r.comparison?.verdict).not.toBe('pass');
    expect(r.record.workloads.map((w) => w.name)).not.toContain(lost[0]);
    expect(
      r.notices.some((n) =>
        n.startsWith('the merged record was NOT recorded as the baseline: shard 2/2'),
      ),
    ).toBe(true);
    expect(await stored(storeDir)).toHaveLength(1);
  });

  it('refuses mode: record on a pull request before reading any shard file', async () => {
    await expect(
      runMerge({
        config: applyOverrides(config, { mode: 'record' }),
        place: PR,
        paths: [path.join(root, 'nowhere')],
        store: null,
      }),
    ).rejects.toThrow(/a pull request never writes a baseline/);
  });
});
