import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The commit a results record describes. */
export interface CommitInfo {
  sha: string;
  ref: string | null;
  dirty: boolean;
}

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, timeout: 10_000 });
  return stdout.trim();
}

/** Reads HEAD of the git work tree holding `dir`; null when it is not in one (or git is missing). */
export async function readCommit(dir: string): Promise<CommitInfo | null> {
  try {
    const sha = await git(dir, ['rev-parse', 'HEAD']);
    const ref = await git(dir, ['rev-parse', '--abbrev-ref', 'HEAD']).catch(() => '');
    const status = await git(dir, ['status', '--porcelain', '--untracked-files=no']).catch(
      () => '',
    );
    return { sha, ref: ref && ref !== 'HEAD' ? ref : null, dirty: status.length > 0 };
  } catch {
    return null;
  }
}
