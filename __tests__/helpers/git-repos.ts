// Real git repositories for tests: a bare `origin` in a temporary folder and clones of it acting
// as CI jobs. Every clone has its own identity configured locally.
import { execFile } from 'node:child_process';
import { appendFile, chmod, cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs git in `cwd` and returns trimmed stdout. */
export async function git(cwd: string, args: readonly string[]): Promise<string> {
  const { stdout } = await run('git', [...args], { cwd, env: { ...process.env, LC_ALL: 'C' } });
  return stdout.trim();
}

/** A bare origin with one commit on `main`, and a factory for clones. */
export interface GitSandbox {
  root: string;
  origin: string;
  /** A fresh clone of origin (checked out on main), like a CI job's checkout. */
  clone(name: string, options?: { depth?: number }): Promise<string>;
  /** Installs a pre-receive hook on origin that refuses every push with `message`. */
  refusePushes(message: string): Promise<void>;
  dispose(): Promise<void>;
}

/** Sandboxes of one test file: each a copy of one origin template, all removed by dispose(). */
export interface GitSandboxes {
  fresh(): Promise<GitSandbox>;
  dispose(): Promise<void>;
}

/**
 * A factory of sandboxes: a bare origin with one commit on `main` is made once (two repositories
 * and a push), then copied for each sandbox, which keeps tests independent for the cost of a copy.
 */
export function gitSandboxes(): GitSandboxes {
  let root: Promise<string> | undefined;
  let n = 0;
  const template = async (): Promise<string> => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'perfgate-git-'));
    const origin = path.join(dir, 'template.git');
    await run('git', ['init', '--quiet', '--bare', '--initial-branch=main', origin]);
    const seed = path.join(dir, 'seed');
    await run('git', ['init', '--quiet', '--initial-branch=main', seed]);
    await configure(seed);
    await writeFile(path.join(seed, 'README.md'), '# app\n');
    await git(seed, ['add', 'README.md']);
    await git(seed, ['commit', '--quiet', '-m', 'initial']);
    await git(seed, ['push', '--quiet', origin, 'main']);
    return dir;
  };
  return {
    async fresh() {
      root ??= template();
      const dir = path.join(await root, `sandbox-${n++}`);
      await cp(path.join(await root, 'template.git'), path.join(dir, 'origin.git'), {
        recursive: true,
      });
      return sandboxIn(dir);
    },
    dispose: async () => {
      if (root) await rm(await root, { recursive: true, force: true });
    },
  };
}

/** The sandbox whose bare origin is `root`/origin.git. */
function sandboxIn(root: string): GitSandbox {
  const origin = path.join(root, 'origin.git');
  let n = 0;
  return {
    root,
    origin,
    async clone(name, options = {}) {
      const dir = path.join(root, `${name}-${n++}`);
      const depth = options.depth ? ['--depth', String(options.depth)] : [];
      // file:// so --depth is honoured for local clones, as in CI.
      await run('git', ['clone', '--quiet', ...depth, `file://${origin}`, dir]);
      await configure(dir);
      return dir;
    },
    async refusePushes(message) {
      const hook = path.join(origin, 'hooks', 'pre-receive');
      await writeFile(hook, `#!/bin/sh\necho "${message}" >&2\nexit 1\n`);
      await chmod(hook, 0o755);
    },
    dispose: () => rm(root, { recursive: true, force: true }),
  };
}

/** A job's identity, written into the repository's own config (one file write, no git process). */
async function configure(dir: string): Promise<void> {
  await appendFile(
    path.join(dir, '.git', 'config'),
    '[user]\n\tname = Test Job\n\temail = job@example.com\n[commit]\n\tgpgsign = false\n',
  );
}

/** The state of a work tree a baseline operation must not change. */
export async function workTreeState(
  dir: string,
): Promise<{ status: string; head: string; branches: string; remotes: string; shallow: string }> {
  return {
    status: await git(dir, ['status', '--porcelain', '--untracked-files=all']),
    head: await git(dir, ['rev-parse', 'HEAD']),
    branches: await git(dir, [
      'for-each-ref',
      '--format=%(refname) %(objectname)',
      'refs/heads',
      'refs/tags',
    ]),
    remotes: await git(dir, ['for-each-ref', '--format=%(refname) %(objectname)', 'refs/remotes']),
    shallow: await git(dir, ['rev-parse', '--is-shallow-repository']),
  };
}
