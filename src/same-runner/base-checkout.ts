import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { InputError } from '../errors.ts';
import { ServerError } from '../server/types.ts';

const run = promisify(execFile);

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 });
  return stdout.trim();
}

function gitMessage(err: unknown): string {
  const e = err as { stderr?: string; message?: string };
  return (e.stderr || e.message || String(err)).trim().split('\n').slice(-3).join(' ');
}

/** The top folder of the git work tree holding `dir`; InputError when there is none. */
export async function repoRoot(dir: string): Promise<string> {
  try {
    return await git(dir, ['rev-parse', '--show-toplevel']);
  } catch {
    throw new InputError(`comparing with the base needs a git work tree, and ${dir} is not in one`);
  }
}

/**
 * The commit to compare with. With `mergeBase`, the point where HEAD left `ref` (what the
 * change did, whatever happened on `ref` since); otherwise `ref` itself. Fetches the commit
 * when a shallow clone lacks it.
 */
export async function resolveBaseCommit(
  root: string,
  ref: string,
  mergeBase: boolean,
): Promise<string> {
  const commit = async (r: string) =>
    git(root, ['rev-parse', '--verify', '--quiet', `${r}^{commit}`]);
  let sha = await commit(ref).catch(() => '');
  if (!sha) {
    await git(root, ['fetch', '--no-tags', '--depth=50', 'origin', ref]).catch(() => '');
    sha = await commit(ref).catch(() => '');
    if (!sha) sha = await commit('FETCH_HEAD').catch(() => '');
  }
  if (!sha) {
    throw new InputError(
      `the base ref "${ref}" does not exist in ${root} (nor on origin); pass an existing branch, tag or commit (--compare-ref), or fetch it first`,
    );
  }
  if (!mergeBase) return sha;
  try {
    return await git(root, ['merge-base', 'HEAD', sha]);
  } catch {
    throw new InputError(
      `HEAD and "${ref}" have no common ancestor in this clone (a shallow checkout?); fetch more history (actions/checkout with fetch-depth: 0) or pass the base commit itself`,
    );
  }
}

/** A detached checkout of the base commit; remove() deletes it and its git bookkeeping. */
export interface BaseCheckout {
  sha: string;
  dir: string;
  remove(): Promise<void>;
}

/** Checks `sha` out into a new temporary worktree, leaving the user's work tree and index alone. */
export async function createBaseCheckout(root: string, sha: string): Promise<BaseCheckout> {
  const parent = await mkdtemp(path.join(os.tmpdir(), 'perfgate-base-'));
  const dir = path.join(parent, 'base');
  try {
    await git(root, ['worktree', 'add', '--detach', '--force', dir, sha]);
  } catch (err) {
    await rm(parent, { recursive: true, force: true });
    throw new InputError(
      `could not check out the base commit ${sha.slice(0, 12)}: ${gitMessage(err)}`,
    );
  }
  let removed = false;
  return {
    sha,
    dir,
    async remove() {
      if (removed) return;
      removed = true;
      await git(root, ['worktree', 'remove', '--force', dir]).catch(() => '');
      await rm(parent, { recursive: true, force: true });
      await git(root, ['worktree', 'prune']).catch(() => '');
    },
  };
}

/** Runs the config's build command in the base checkout; a failure carries the output's tail. */
export async function buildBase(
  command: string,
  cwd: string,
  env: Record<string, string>,
): Promise<void> {
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('sh', ['-c', command], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (b: Buffer) => {
      output.push(b.toString());
      if (output.length > 400) output.splice(0, output.length - 400);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) {
    const tail = output.join('').split('\n').slice(-30).join('\n');
    throw new ServerError(
      `the build command of the base commit failed (exit code ${code}): ${command}`,
      tail,
    );
  }
}
