import type { ResultsRecord } from '../record/record.ts';
import type { Git } from './git.ts';
import {
  classifyPushFailure,
  createGit,
  GitCommandError,
  isMissingRemoteRef,
  tokenConfig,
  tokenSecrets,
} from './git.ts';
import type { GitIdentity } from './git-tree.ts';
import { commitTree, DEFAULT_IDENTITY, listTree, readBlob, writeTree } from './git-tree.ts';
import type { IndexEntry, StoreIndex } from './record-index.ts';
import {
  emptyIndex,
  entryFor,
  INDEX_FILE,
  parseIndex,
  reconcile,
  recordFile,
  serializeIndex,
} from './record-index.ts';
import { serializeRecord } from '../record/record-file.ts';
import { DEFAULT_RETENTION, selectForRemoval } from './retention.ts';
import type { RecordSource } from './select.ts';
import { historyOf, loadBaseline } from './select.ts';
import type { BaselineStore, LoadOptions, PruneOptions, RetentionPolicy } from './store.ts';
import { BaselineStoreError } from './store.ts';

/** Default branch holding the baselines. */
export const DEFAULT_BASELINE_BRANCH = 'perfgate-baselines';

/** Options of the git-branch store. */
export interface GitBranchStoreOptions {
  /** A work tree (or git dir) of the repository; its remote is used as is. */
  cwd: string;
  /** Orphan branch holding the records; default `perfgate-baselines`. */
  branch?: string;
  /** Remote name; default `origin`. */
  remote?: string;
  /** Token for https remotes; default the credentials already configured (actions/checkout's). */
  token?: string;
  /** History kept per config on every save; default `DEFAULT_RETENTION`. */
  retention?: RetentionPolicy;
  /** Start a fresh root commit once the branch has this many commits since the last one; 0 = never. Default 100. */
  squashAfterCommits?: number;
  /** Push attempts before giving up when other jobs keep winning the race; default 10. */
  maxAttempts?: number;
  /** First retry delay in ms (doubled per attempt, jittered, capped at 5 s); default 200. */
  backoffMs?: number;
  /** Author and committer of baseline commits. */
  identity?: GitIdentity;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** A push was refused for lack of permission. */
export class BaselinePermissionError extends BaselineStoreError {
  constructor(message: string) {
    super(message);
    this.name = 'BaselinePermissionError';
  }
}

/** A snapshot of the branch: its tip (null when absent), index and record entries. */
interface Snapshot {
  tip: string | null;
  /** Whether the remote-tracking ref of the branch existed (a push creates it; see push()). */
  hadTracking: boolean;
  index: StoreIndex;
  entries: IndexEntry[];
}

/** What one attempt at a new commit changes. */
interface Change {
  add?: { file: string; text: string; entry: IndexEntry };
  retention: RetentionPolicy;
  now: Date;
  message: string;
}

/** Baselines on an orphan branch of the same repository, written with plumbing only. */
export function createGitBranchStore(options: GitBranchStoreOptions): BaselineStore {
  const branch = options.branch ?? DEFAULT_BASELINE_BRANCH;
  const remote = options.remote ?? 'origin';
  const privateRef = `refs/perfgate/${branch}`;
  // A push through a remote with a `refs/heads/*` fetch refspec also creates the remote-tracking
  // ref; the user never fetched the branch, so it is removed again if it was not there before.
  const tracking = `refs/remotes/${remote}/${branch}`;
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = options.random ?? Math.random;
  const squashAfter = options.squashAfterCommits ?? 100;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 10);
  let gitPromise: Promise<Git> | undefined;
  let shallowPromise: Promise<boolean> | undefined;

  function git(): Promise<Git> {
    gitPromise ??= (async () => {
      // No auto gc/maintenance in the user's repository as a side effect of our fetches.
      const config: Array<[string, string]> = [
        ['gc.auto', '0'],
        ['maintenance.auto', 'false'],
      ];
      const secrets = tokenSecrets(options.token);
      if (options.token) {
        const plain = createGit({ cwd: options.cwd, secrets });
        const url = await plain(['remote', 'get-url', remote]).then(
          (out) => out.trim(),
          (err: Error) => {
            throw new BaselineStoreError(
              `cannot use remote ${remote} of ${options.cwd}: ${err.message}`,
            );
          },
        );
        config.push(...tokenConfig(url, options.token));
      }
      return createGit({ cwd: options.cwd, config, secrets });
    })();
    return gitPromise;
  }

  /**
   * Fetches only the baseline branch into a private ref: its tip (null when the branch does not
   * exist) and whether the remote-tracking ref of the branch exists.
   */
  async function fetchTip(): Promise<{ tip: string | null; hadTracking: boolean }> {
    const g = await git();
    // Shallow when the repository already is (actions/checkout): one commit is all we read.
    // A full clone is not made shallow; squashing keeps the branch's history short anyway.
    shallowPromise ??= g(['rev-parse', '--is-shallow-repository']).then(
      (out) => out.trim() === 'true',
    );
    const shallow = await shallowPromise;
    const args = [
      'fetch',
      '--quiet',
      '--no-tags',
      '--no-write-fetch-head',
      '--no-recurse-submodules',
      '--refmap=',
    ];
    if (shallow) args.push('--depth=1');
    try {
      await g([...args, remote, `+refs/heads/${branch}:${privateRef}`]);
    } catch (err) {
      if (err instanceof GitCommandError && isMissingRemoteRef(err.stderr)) {
        await g(['update-ref', '-d', privateRef]).catch(() => undefined);
        return { tip: null, hadTracking: (await refs()).has(tracking) };
      }
      throw new BaselineStoreError(
        `could not fetch branch ${branch} from ${remote}: ${(err as Error).message}`,
      );
    }
    const found = await refs();
    const tip = found.get(privateRef);
    if (!tip) {
      throw new BaselineStoreError(
        `fetching branch ${branch} from ${remote} wrote no ${privateRef}`,
      );
    }
    return { tip, hadTracking: found.has(tracking) };
  }

  /** The commits of the private ref and of the remote-tracking ref of the branch, where they exist. */
  async function refs(): Promise<Map<string, string>> {
    const g = await git();
    const out = await g([
      'for-each-ref',
      '--format=%(objectname) %(refname)',
      privateRef,
      tracking,
    ]);
    const found = new Map<string, string>();
    for (const line of out.split('\n')) {
      const space = line.indexOf(' ');
      if (space > 0) found.set(line.slice(space + 1), line.slice(0, space));
    }
    return found;
  }

  async function snapshot(): Promise<Snapshot> {
    const { tip, hadTracking } = await fetchTip();
    if (!tip) return { tip, hadTracking, index: emptyIndex(), entries: [] };
    const g = await git();
    const index = parseIndex(await readBlob(g, tip, INDEX_FILE));
    const entries = reconcile(await listTree(g, tip), index);
    return { tip, hadTracking, index: index ?? emptyIndex(), entries };
  }

  function sourceOf(snap: Snapshot, g: Git): RecordSource {
    return {
      entries: async () => snap.entries,
      read: (file) => (snap.tip ? readBlob(g, snap.tip, file) : Promise.resolve(null)),
      displayPath: (file) => `${branch}:${file}`,
    };
  }

  /**
   * Builds the next commit on top of a snapshot; null when nothing would change. After a refused
   * squash (`squashRefused`) the commit is parented and the squash counter restarts, so a branch
   * that forbids force pushes is retried only every `squashAfterCommits` commits.
   */
  async function buildCommit(
    snap: Snapshot,
    change: Change,
    squashRefused: boolean,
  ): Promise<{ commit: string; squash: boolean; removed: string[] } | null> {
    const g = await git();
    const entries = change.add
      ? [change.add.entry, ...snap.entries.filter((e) => e.file !== change.add?.file)]
      : snap.entries;
    const removed = selectForRemoval(entries, change.retention, change.now).filter(
      (f) => f !== change.add?.file,
    );
    if (!change.add && removed.length === 0) return null;
    const gone = new Set(removed);
    const count = (snap.index.commitsSinceSquash ?? 0) + 1;
    const squash = !squashRefused && snap.tip !== null && squashAfter > 0 && count > squashAfter;
    const index: StoreIndex = {
      ...snap.index,
      commitsSinceSquash: squash || squashRefused ? 1 : count,
      entries: entries.filter((e) => !gone.has(e.file)),
    };
    const write = new Map([[INDEX_FILE, serializeIndex(index)]]);
    if (change.add) write.set(change.add.file, change.add.text);
    const tree = await writeTree(g, snap.tip, { write, remove: removed });
    const commit = await commitTree(
      g,
      tree,
      squash ? null : snap.tip,
      change.message,
      options.identity ?? DEFAULT_IDENTITY,
      change.now,
    );
    return { commit, squash, removed };
  }

  /**
   * Pushes a commit as the new tip of the branch `snap` read; a squash (root) commit replaces the
   * tip only if it has not moved.
   */
  async function push(commit: string, snap: Snapshot, squash: boolean): Promise<void> {
    const g = await git();
    const args = ['push', '--quiet', '--no-verify'];
    if (squash) args.push(`--force-with-lease=refs/heads/${branch}:${snap.tip ?? ''}`);
    await g([...args, remote, `${commit}:refs/heads/${branch}`]);
    // Both refs in one transaction; the push is done, so a failure here changes nothing stored.
    const drop = snap.hadTracking ? '' : `delete ${tracking}\n`;
    const updates = `${drop}update ${privateRef} ${commit}\n`;
    await g(['update-ref', '--stdin'], { input: updates }).catch(() => undefined);
  }

  function delay(attempt: number): number {
    const base = Math.min(5_000, (options.backoffMs ?? 200) * 2 ** (attempt - 1));
    return Math.round(base * (0.5 + random()));
  }

  /** Applies a change on top of the fresh tip, retrying when another job pushed first. */
  async function commitWithRetry(
    makeChange: (snap: Snapshot) => Change,
  ): Promise<{ removed: string[]; file?: string } | null> {
    let squashRefused = false;
    for (let attempt = 1; ; attempt++) {
      const snap = await snapshot();
      const change = makeChange(snap);
      const built = await buildCommit(snap, change, squashRefused);
      if (!built) return null;
      try {
        await push(built.commit, snap, built.squash);
        return { removed: built.removed, file: change.add?.file };
      } catch (err) {
        const stderr = err instanceof GitCommandError ? err.stderr : String(err);
        const kind = classifyPushFailure(stderr);
        // A refused squash (force pushes forbidden, or the tip moved) is retried as a normal commit.
        if (built.squash) squashRefused = true;
        else if (kind === 'permission') throw permissionError(branch, stderr);
        else if (kind === 'refused') throw refusedError(branch, stderr);
        else if (kind === 'other')
          throw new BaselineStoreError(`pushing to branch ${branch} failed: ${stderr}`);
        if (attempt >= maxAttempts) {
          throw new BaselineStoreError(
            `pushing to branch ${branch} failed ${attempt} times because other jobs kept updating it first; last error: ${stderr}`,
          );
        }
        if (!built.squash) await sleep(delay(attempt));
      }
    }
  }

  return {
    description: `branch ${branch} of ${remote}`,
    async load(configHash: string, loadOptions?: LoadOptions) {
      const snap = await snapshot();
      if (!snap.tip) return null;
      return loadBaseline(sourceOf(snap, await git()), configHash, loadOptions);
    },
    async history(configHash?: string) {
      const snap = await snapshot();
      return historyOf(sourceOf(snap, await git()), configHash);
    },
    async save(record: ResultsRecord) {
      const text = serializeRecord(record);
      const result = await commitWithRetry((snap) => {
        const file = recordFile(record, new Set(snap.entries.map((e) => e.file)));
        const sha = record.commit?.sha.slice(0, 7) ?? 'no commit';
        return {
          add: { file, text, entry: entryFor(record, file) },
          retention: options.retention ?? DEFAULT_RETENTION,
          now: now(),
          message: `perfgate baseline ${record.configHash.slice(0, 12)} at ${sha}`,
        };
      });
      return { path: `${branch}:${result?.file ?? ''}` };
    },
    async prune(pruneOptions: PruneOptions) {
      const result = await commitWithRetry(() => ({
        retention: pruneOptions,
        now: pruneOptions.now ?? now(),
        message: 'perfgate: prune baselines',
      }));
      return { removed: (result?.removed ?? []).map((f) => `${branch}:${f}`) };
    },
  };
}

function refusedError(branch: string, stderr: string): BaselineStoreError {
  return new BaselineStoreError(
    `pushing to branch ${branch} was refused by the remote (a server-side hook or a branch ` +
      `protection rule; the baseline was not stored). git said: ${stderr}`,
  );
}

function permissionError(branch: string, stderr: string): BaselinePermissionError {
  return new BaselinePermissionError(
    `pushing to branch ${branch} was refused: the workflow token needs \`permissions: contents: write\` ` +
      `(grant it to the job that runs on push to the default branch; pull requests only read baselines). ` +
      `git said: ${stderr}`,
  );
}
