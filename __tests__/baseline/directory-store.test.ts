import { mkdtemp, readdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DirectoryStoreOptions } from '../../src/baseline/directory-store.ts';
import { createDirectoryStore } from '../../src/baseline/directory-store.ts';
import { BaselineMismatchError } from '../../src/baseline/store.ts';
import { fakeSha, makeRecord } from '../helpers/records.ts';

const HASH = 'aaaa1111bbbb2222';
const OTHER = 'ffff9999eeee8888';
const day = (n: number) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString();

let dir: string;
/** A store in the test folder whose clock is a few days after the records (age pruning is relative to it). */
const newStore = (options: Partial<DirectoryStoreOptions> = {}) =>
  createDirectoryStore({ dir, now: () => new Date(day(10)), ...options });
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'perfgate-dirstore-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function listAll(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(root, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out.push(path.relative(root, path.join(e.parentPath, e.name)));
  }
  return out.sort();
}

describe('directory store', () => {
  it('has no baseline before the first save', async () => {
    const store = createDirectoryStore({ dir: path.join(dir, 'none') });
    expect(await store.load(HASH)).toBeNull();
    expect(await store.history()).toEqual([]);
  });

  it('saves under <dir>/<configHash>/<timestamp>-<sha7>.json with an index, and loads the newest', async () => {
    const store = newStore();
    const first = await store.save(
      makeRecord({
        configHash: HASH,
        createdAt: day(0),
        commit: fakeSha(1),
        workloads: { a: [100] },
      }),
    );
    const second = await store.save(
      makeRecord({
        configHash: HASH,
        createdAt: day(1),
        commit: fakeSha(2),
        workloads: { a: [200] },
      }),
    );
    expect(path.relative(dir, first.path)).toBe(
      path.join(HASH, '20240101T000000000Z-0000001.json'),
    );
    expect(await listAll(dir)).toEqual([
      path.join(HASH, '20240101T000000000Z-0000001.json'),
      path.join(HASH, '20240102T000000000Z-0000002.json'),
      'index.json',
    ]);
    const loaded = await store.load(HASH, { fingerprint: 'machine-a' });
    expect(loaded?.path).toBe(second.path);
    expect(loaded?.record.workloads[0]?.runs[0]?.reqPerSec).toBe(200);
    expect(loaded?.warnings).toEqual([]);
    expect(loaded?.record.checksum).toMatch(/^[0-9a-f]{64}$/);
    const index = JSON.parse(await readFile(path.join(dir, 'index.json'), 'utf8'));
    expect(index.entries.map((e: { commit: string }) => e.commit)).toEqual([
      fakeSha(2),
      fakeSha(1),
    ]);
  });

  it('pools the newest K records and finds the record of a given commit', async () => {
    const store = newStore();
    for (let i = 0; i < 4; i++)
      await store.save(
        makeRecord({
          configHash: HASH,
          createdAt: day(i),
          commit: fakeSha(i),
          workloads: { a: [i] },
        }),
      );
    const pooled = await store.load(HASH, { pool: 3 });
    expect(pooled?.records.map((r) => r.record.commit?.sha)).toEqual([
      fakeSha(3),
      fakeSha(2),
      fakeSha(1),
    ]);
    const atCommit = await store.load(HASH, { commit: fakeSha(1).slice(0, 7), pool: 2 });
    expect(atCommit?.records.map((r) => r.record.commit?.sha)).toEqual([fakeSha(1), fakeSha(0)]);
    expect(atCommit?.warnings).toEqual([]);
    const missing = await store.load(HASH, { commit: 'deadbeefdeadbeef' });
    expect(missing?.record.commit?.sha).toBe(fakeSha(3));
    expect(missing?.warnings[0]).toMatch(
      /no baseline recorded for commit deadbeefdead; using the newest/,
    );
  });

  it('skips a corrupt record with a warning naming its path, and falls back to the previous one', async () => {
    const store = newStore();
    await store.save(makeRecord({ configHash: HASH, createdAt: day(0), commit: fakeSha(1) }));
    const bad = await store.save(
      makeRecord({ configHash: HASH, createdAt: day(1), commit: fakeSha(2) }),
    );
    const text = await readFile(bad.path, 'utf8');
    await writeFile(bad.path, text.slice(0, 200));
    const loaded = await store.load(HASH);
    expect(loaded?.record.commit?.sha).toBe(fakeSha(1));
    expect(loaded?.warnings).toEqual([
      expect.stringContaining(`skipped the stored baseline ${bad.path}: not valid JSON`),
    ]);
  });

  it('refuses a record replaced by a symbolic link, without quoting its target', async () => {
    const store = newStore();
    await store.save(makeRecord({ configHash: HASH, createdAt: day(0), commit: fakeSha(1) }));
    const bad = await store.save(
      makeRecord({ configHash: HASH, createdAt: day(1), commit: fakeSha(2) }),
    );
    const outside = await mkdtemp(path.join(os.tmpdir(), 'perfgate-outside-'));
    const secret = path.join(outside, 'passwd');
    await writeFile(secret, 'root:x:0:0:root:/root:/bin/bash\n');
    await rm(bad.path);
    await symlink(secret, bad.path);
    const loaded = await store.load(HASH);
    expect(JSON.stringify(loaded)).not.toContain('root:x');
    expect(loaded?.record.commit?.sha).toBe(fakeSha(1));
    expect(loaded?.warnings).toEqual([
      `skipped the stored baseline ${bad.path}: it is a symbolic link; the store reads only regular files inside its own folder`,
    ]);
    await rm(outside, { recursive: true, force: true });
  });

  it('does not enter a record folder that is a symbolic link to another place', async () => {
    const store = newStore();
    const saved = await store.save(makeRecord({ configHash: HASH, createdAt: day(0) }));
    const folder = path.dirname(saved.path);
    const outside = await mkdtemp(path.join(os.tmpdir(), 'perfgate-outside-'));
    await rename(folder, path.join(outside, HASH));
    await symlink(path.join(outside, HASH), folder);
    expect(await store.load(HASH)).toBeNull();
    await rm(outside, { recursive: true, force: true });
  });

  it('returns null when every record is corrupt, handing the warnings to onWarning', async () => {
    const store = newStore();
    const only = await store.save(makeRecord({ configHash: HASH }));
    await writeFile(
      only.path,
      (await readFile(only.path, 'utf8')).replace('"seed": 42', '"seed": 43'),
    );
    const warnings: string[] = [];
    expect(await store.load(HASH, { onWarning: (w) => warnings.push(w) })).toBeNull();
    expect(warnings).toEqual([expect.stringMatching(/checksum mismatch/)]);
  });

  it('falls back to another config hash with a loud warning, or refuses', async () => {
    const store = newStore();
    await store.save(makeRecord({ configHash: OTHER, createdAt: day(0) }));
    const loaded = await store.load(HASH);
    expect(loaded?.configMismatch).toBe(true);
    expect(loaded?.record.configHash).toBe(OTHER);
    expect(loaded?.warnings[0]).toMatch(
      /^WARNING: no baseline was recorded with this config .*DIFFERENT config \(hash ffff9999eeee/,
    );
    await expect(store.load(HASH, { mismatch: 'refuse' })).rejects.toThrow(BaselineMismatchError);
    await expect(store.load(HASH, { mismatch: 'refuse' })).rejects.toThrow(
      /only has baselines of other configs \(ffff9999eeee\).*'refuse'/,
    );
  });

  it('flags a baseline from another machine; refuse picks a same-machine record or throws', async () => {
    const store = newStore();
    await store.save(
      makeRecord({
        configHash: HASH,
        createdAt: day(0),
        commit: fakeSha(1),
        fingerprint: 'machine-b',
      }),
    );
    await store.save(
      makeRecord({
        configHash: HASH,
        createdAt: day(1),
        commit: fakeSha(2),
        fingerprint: 'machine-c',
        machine: { cpuModel: 'Other CPU' },
      }),
    );
    const warn = await store.load(HASH, { fingerprint: 'machine-b' });
    expect(warn?.machineMismatch).toBe(true);
    expect(warn?.warnings[0]).toMatch(
      /WARNING: the baseline was measured on a different machine \(Other CPU, 4 cores/,
    );
    const refuse = await store.load(HASH, { fingerprint: 'machine-b', mismatch: 'refuse' });
    expect(refuse?.record.commit?.sha).toBe(fakeSha(1));
    expect(refuse?.machineMismatch).toBe(false);
    await expect(
      store.load(HASH, { fingerprint: 'machine-z', mismatch: 'refuse' }),
    ).rejects.toThrow(/measured on another machine/);
  });

  it('prunes by count and by age, always keeping the newest record of each config', async () => {
    const store = newStore({ retention: {} });
    for (let i = 0; i < 6; i++)
      await store.save(makeRecord({ configHash: HASH, createdAt: day(i), commit: fakeSha(i) }));
    await store.save(makeRecord({ configHash: OTHER, createdAt: day(0), commit: fakeSha(9) }));
    const byCount = await store.prune({ keep: 4 });
    expect(byCount.removed.map((p) => path.basename(p))).toEqual([
      '20240102T000000000Z-0000001.json',
      '20240101T000000000Z-0000000.json',
    ]);
    const byAge = await store.prune({ maxAgeDays: 2.5, now: new Date(day(6)) });
    expect(byAge.removed.map((p) => path.basename(p))).toEqual(
      ['20240103T000000000Z-0000002.json', '20240104T000000000Z-0000003.json'].reverse(),
    );
    const history = await store.history();
    expect(history.map((h) => h.commit)).toEqual([fakeSha(5), fakeSha(4), fakeSha(9)]);
    expect((await store.history(OTHER)).length).toBe(1);
  });

  it('applies its retention policy on save', async () => {
    const store = newStore({ retention: { keep: 2 } });
    for (let i = 0; i < 5; i++)
      await store.save(makeRecord({ configHash: HASH, createdAt: day(i), commit: fakeSha(i) }));
    expect((await store.history(HASH)).map((h) => h.commit)).toEqual([fakeSha(4), fakeSha(3)]);
  });

  it('recovers records missing from a damaged index, and leaves no temporary files', async () => {
    const store = newStore();
    await store.save(makeRecord({ configHash: HASH, createdAt: day(0), commit: fakeSha(1) }));
    await Promise.all(
      [1, 2, 3].map((i) =>
        store.save(makeRecord({ configHash: HASH, createdAt: day(i), commit: fakeSha(i + 1) })),
      ),
    );
    await writeFile(path.join(dir, 'index.json'), '{ broken');
    const history = await store.history(HASH);
    expect(history.map((h) => h.createdAt)).toEqual([day(3), day(2), day(1), day(0)]);
    expect((await store.load(HASH))?.record.commit?.sha).toBe(fakeSha(4));
    expect((await listAll(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('gives two records of the same time and commit distinct files', async () => {
    const store = newStore();
    const a = await store.save(makeRecord({ configHash: HASH, seed: 1 }));
    const b = await store.save(makeRecord({ configHash: HASH, seed: 2 }));
    expect(a.path).not.toBe(b.path);
    expect((await store.history(HASH)).length).toBe(2);
  });
});
