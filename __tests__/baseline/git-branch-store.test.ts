import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { GitBranchStoreOptions } from '../../src/baseline/git-branch-store.ts';
import {
  BaselinePermissionError,
  createGitBranchStore,
} from '../../src/baseline/git-branch-store.ts';
import { BaselineStoreError } from '../../src/baseline/store.ts';
import type { GitSandbox } from '../helpers/git-repos.ts';
import { git, gitSandboxes, workTreeState } from '../helpers/git-repos.ts';
import { fakeSha, makeRecord } from '../helpers/records.ts';

const HASH = 'abcdef0123456789';
const BRANCH = 'perfgate-baselines';
const day = (n: number) => new Date(Date.UTC(2024, 0, 1 + n, 0, 0, n)).toISOString();
const CLOCK = () => new Date(day(40));
const noSleep = () => Promise.resolve();

/** A store for a clone, with a fixed clock and no real waiting between retries. */
function storeFor(cwd: string, options: Partial<GitBranchStoreOptions> = {}) {
  return createGitBranchStore({ cwd, now: CLOCK, sleep: noSleep, ...options });
}

/** Files on the baseline branch of the bare origin. */
async function branchFiles(origin: string, branch = BRANCH): Promise<string[]> {
  return (await git(origin, ['ls-tree', '-r', '--name-only', branch])).split('\n').filter(Boolean);
}

/** A fresh origin per test keeps tests independent; all are removed at the end. */
const sandboxes = gitSandboxes();
const freshSandbox = (): Promise<GitSandbox> => sandboxes.fresh();
afterAll(() => sandboxes.dispose());

describe('git-branch store', () => {
  it('has no baseline before the branch exists', async () => {
    const s = await freshSandbox();
    const store = storeFor(await s.clone('pr'));
    expect(await store.load(HASH)).toBeNull();
    expect(await store.history()).toEqual([]);
    expect(store.description).toBe('branch perfgate-baselines of origin');
  });

  it('records on main and loads on a PR clone; the branch is an orphan with one file per record and an index', async () => {
    const s = await freshSandbox();
    const main = await s.clone('main');
    const saved = await storeFor(main).save(
      makeRecord({
        configHash: HASH,
        createdAt: day(1),
        commit: fakeSha(1),
        workloads: { hello: [1234, 1300] },
      }),
    );
    expect(saved.path).toBe(`${BRANCH}:${HASH}/20240102T000001000Z-0000001.json`);
    expect(await branchFiles(s.origin)).toEqual([
      `${HASH}/20240102T000001000Z-0000001.json`,
      'index.json',
    ]);
    await expect(git(s.origin, ['merge-base', 'main', BRANCH])).rejects.toThrow();
    expect(await git(s.origin, ['log', '-1', '--format=%an <%ae>|%s', BRANCH])).toBe(
      'perfgate <perfgate@users.noreply.github.com>|perfgate baseline abcdef012345 at 0000001',
    );

    const pr = await s.clone('pr', { depth: 1 });
    const loaded = await storeFor(pr).load(HASH, { fingerprint: 'machine-a' });
    expect(loaded?.path).toBe(saved.path);
    expect(loaded?.warnings).toEqual([]);
    expect(loaded?.record.workloads[0]?.runs.map((r) => r.reqPerSec)).toEqual([1234, 1300]);
    const history = await storeFor(pr).history(HASH);
    expect(history).toEqual([
      {
        path: saved.path,
        createdAt: day(1),
        commit: fakeSha(1),
        configHash: HASH,
        fingerprint: 'machine-a',
      },
    ]);
  });

  it.each([
    ['a full clone', undefined],
    ['a shallow clone', 1],
  ])(
    "leaves the user's work tree, index, HEAD and branches of %s unchanged",
    async (_name, depth) => {
      const s = await freshSandbox();
      const main = await s.clone('main', { depth });
      await writeFile(path.join(main, 'README.md'), '# changed, staged\n');
      await git(main, ['add', 'README.md']);
      await writeFile(path.join(main, 'README.md'), '# changed again, unstaged\n');
      await writeFile(path.join(main, 'untracked.txt'), 'x\n');
      const before = await workTreeState(main);
      const store = storeFor(main);
      await store.save(makeRecord({ configHash: HASH, createdAt: day(1), commit: fakeSha(1) }));
      await store.save(makeRecord({ configHash: HASH, createdAt: day(2), commit: fakeSha(2) }));
      await store.load(HASH);
      await store.prune({ keep: 1 });
      expect(await workTreeState(main)).toEqual(before);
      expect(await branchFiles(s.origin)).toHaveLength(2);
    },
  );

  it('prunes by count on save and by age on request; the tip tree stays small', async () => {
    const s = await freshSandbox();
    const main = await s.clone('main');
    const store = storeFor(main, { retention: { keep: 3 } });
    for (let i = 0; i < 6; i++)
      await store.save(makeRecord({ configHash: HASH, createdAt: day(i), commit: fakeSha(i) }));
    await store.save(makeRecord({ configHash: 'other', createdAt: day(0), commit: fakeSha(9) }));
    expect((await store.history(HASH)).map((h) => h.commit)).toEqual([
      fakeSha(5),
      fakeSha(4),
      fakeSha(3),
    ]);
    expect(await branchFiles(s.origin)).toHaveLength(5);

    const pruned = await store.prune({ maxAgeDays: 36.5, now: CLOCK() });
    expect(pruned.removed).toEqual([`${BRANCH}:${HASH}/20240104T000003000Z-0000003.json`]);
    expect((await store.history()).map((h) => h.commit)).toEqual([
      fakeSha(5),
      fakeSha(4),
      fakeSha(9),
    ]);
    expect((await store.prune({ keep: 5 })).removed).toEqual([]);
  });

  it('starts a fresh root commit after squashAfterCommits, keeping every current record', async () => {
    const s = await freshSandbox();
    const store = storeFor(await s.clone('main'), { squashAfterCommits: 3 });
    for (let i = 0; i < 7; i++)
      await store.save(makeRecord({ configHash: HASH, createdAt: day(i), commit: fakeSha(i) }));
    expect(Number(await git(s.origin, ['rev-list', '--count', BRANCH]))).toBe(1); // commits 4 and 7 were roots
    expect(await store.history(HASH)).toHaveLength(7);
  });

  it('falls back to parented commits when the remote forbids rewriting the branch', async () => {
    const s = await freshSandbox();
    await git(s.origin, ['config', 'receive.denyNonFastForwards', 'true']);
    const store = storeFor(await s.clone('main'), { squashAfterCommits: 2 });
    for (let i = 0; i < 5; i++)
      await store.save(makeRecord({ configHash: HASH, createdAt: day(i), commit: fakeSha(i) }));
    expect(Number(await git(s.origin, ['rev-list', '--count', BRANCH]))).toBe(5);
    expect(await store.history(HASH)).toHaveLength(5);
  });

  it('never loses a record when 8 jobs push at the same time', async () => {
    // The default retry path with a tenth of the default first wait (20 ms, doubled per attempt).
    const s = await freshSandbox();
    const clones = await Promise.all(Array.from({ length: 8 }, (_, i) => s.clone(`job${i}`)));
    await Promise.all(
      clones.map((dir, i) =>
        createGitBranchStore({ cwd: dir, now: CLOCK, maxAttempts: 20, backoffMs: 20 }).save(
          makeRecord({ configHash: HASH, createdAt: day(i), commit: fakeSha(i) }),
        ),
      ),
    );
    const history = await storeFor(await s.clone('pr')).history(HASH);
    expect(history.map((h) => h.commit).sort()).toEqual(clones.map((_, i) => fakeSha(i)).sort());
    expect(Number(await git(s.origin, ['rev-list', '--count', BRANCH]))).toBe(8);
  }, 240_000); // at nice 19 next to the timing files it took 42 s in one `npm test` (default 60 s)

  it('skips a corrupt record with a warning naming it and uses the previous one', async () => {
    const s = await freshSandbox();
    const main = await s.clone('main');
    await storeFor(main).save(
      makeRecord({ configHash: HASH, createdAt: day(1), commit: fakeSha(1) }),
    );
    const bad = await storeFor(main).save(
      makeRecord({ configHash: HASH, createdAt: day(2), commit: fakeSha(2) }),
    );
    // Someone edits the newest record by hand on the branch.
    const editor = await s.clone('editor');
    await git(editor, ['checkout', '--quiet', BRANCH]);
    const file = bad.path.slice(BRANCH.length + 1);
    await writeFile(path.join(editor, file), '{"kind": "perfgate-results", "version": 1, "trunc');
    await git(editor, ['commit', '--quiet', '-am', 'oops']);
    await git(editor, ['push', '--quiet', 'origin', BRANCH]);

    const loaded = await storeFor(await s.clone('pr')).load(HASH);
    expect(loaded?.record.commit?.sha).toBe(fakeSha(1));
    expect(loaded?.warnings).toHaveLength(1);
    expect(loaded?.warnings[0]).toMatch(
      /^skipped the stored baseline .*: not valid JSON \(truncated\?\)/,
    );
    expect(loaded?.warnings[0]).toContain(`${BRANCH}:${HASH}/20240103T000002000Z-0000002.json`);
  });

  it('recreates the branch when it was deleted between load and save', async () => {
    const s = await freshSandbox();
    const main = await s.clone('main');
    const store = storeFor(main);
    await store.save(makeRecord({ configHash: HASH, createdAt: day(1), commit: fakeSha(1) }));
    expect(await store.load(HASH)).not.toBeNull();
    await git(s.origin, ['update-ref', '-d', `refs/heads/${BRANCH}`]);
    const saved = await store.save(
      makeRecord({ configHash: HASH, createdAt: day(2), commit: fakeSha(2) }),
    );
    expect((await store.history()).map((h) => h.path)).toEqual([saved.path]);
    expect(Number(await git(s.origin, ['rev-list', '--count', BRANCH]))).toBe(1);
  });

  it.each([
    [
      'GitHub permission message',
      'remote: Permission to owner/app.git denied to github-actions[bot].',
    ],
    ['a 403', 'fatal: unable to access: The requested URL returned error: 403'],
  ])('names the missing permission when the push is refused (%s)', async (_name, message) => {
    const s = await freshSandbox();
    await s.refusePushes(message);
    const error = await storeFor(await s.clone('main'))
      .save(makeRecord({ configHash: HASH }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BaselinePermissionError);
    expect((error as Error).message).toMatch(
      /^pushing to branch perfgate-baselines was refused: the workflow token needs `permissions: contents: write`/,
    );
    expect((error as Error).message).toContain(message.split(' ').slice(-2).join(' '));
  });

  it('says what the remote said when a hook refuses a push, without guessing a permission', async () => {
    const s = await freshSandbox();
    await s.refusePushes('baselines are frozen this week');
    const error = await storeFor(await s.clone('main'))
      .save(makeRecord({ configHash: HASH }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BaselineStoreError);
    expect(error).not.toBeInstanceOf(BaselinePermissionError);
    const message = (error as Error).message;
    expect(message).toMatch(/^pushing to branch perfgate-baselines was refused by the remote/);
    expect(message).toContain('baselines are frozen this week');
    expect(message).not.toContain('contents: write');
  });

  it('uses a custom branch name and never prints the token in errors', async () => {
    const s = await freshSandbox();
    const main = await s.clone('main');
    const token = 'ghs_SuperSecretToken1234567890';
    await git(main, ['remote', 'set-url', 'origin', 'https://127.0.0.1:9/owner/app.git']);
    const error = await storeFor(main, { token, branch: 'perf-data' })
      .load(HASH)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BaselineStoreError);
    const text = `${(error as Error).message}\n${(error as Error).stack}`;
    expect(text).toMatch(/could not fetch branch perf-data from origin/);
    expect(text).not.toContain(token);
    expect(text).not.toContain(Buffer.from(`x-access-token:${token}`).toString('base64'));
  });
});
