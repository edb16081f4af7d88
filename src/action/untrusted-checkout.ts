// `pull_request_target` runs with the base repository's write token and secrets. perfgate runs
// the config's server command (and a build), so when the job checked out the pull request's
// head (or its merge commit), the pull request's code would run with that token. Refused,
// unless the workflow says explicitly that it trusts every pull request's author.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { InputError } from '../errors.ts';
import type { ActionContext } from '../github/context.ts';

const run = promisify(execFile);

/** The input that allows it anyway. */
export const ALLOW_PR_TARGET_INPUT = 'allow-pull-request-target-head';

/** HEAD of the work tree at `dir` and its parents; null outside a git work tree. */
async function checkedOut(dir: string): Promise<{ sha: string; parents: string[] } | null> {
  try {
    const { stdout } = await run('git', ['rev-list', '--parents', '-n', '1', 'HEAD'], {
      cwd: dir,
      timeout: 10_000,
    });
    const [sha = '', ...parents] = stdout.trim().split(/\s+/);
    return sha ? { sha, parents } : null;
  } catch {
    return null;
  }
}

/**
 * Throws an InputError when this is a `pull_request_target` run whose checked-out commit (in
 * `dir`) is the pull request's head, or a merge commit with the head as a parent, unless
 * `allowed`; then returns a warning to print instead. Returns null when there is nothing to say.
 */
export async function checkUntrustedCheckout(
  ctx: Pick<ActionContext, 'eventName' | 'headSha' | 'prNumber'>,
  dir: string,
  allowed: boolean,
): Promise<string | null> {
  if (ctx.eventName !== 'pull_request_target' || ctx.prNumber === undefined) return null;
  const head = await checkedOut(dir);
  if (head === null) return null;
  const isHead = head.sha === ctx.headSha;
  if (!isHead && !head.parents.includes(ctx.headSha)) return null;
  const what = isHead
    ? `the checked-out commit ${head.sha.slice(0, 12)} is the head of pull request #${ctx.prNumber}`
    : `the checked-out commit ${head.sha.slice(0, 12)} merges the head of pull request #${ctx.prNumber}`;
  const risk =
    `this is a pull_request_target run, which has the base repository's write token and ` +
    `secrets, and ${what}: perfgate runs the config's server command and build, so the pull ` +
    `request's code would run with them`;
  if (allowed) return `${risk} (allowed by ${ALLOW_PR_TARGET_INPUT}: true)`;
  throw new InputError(
    `refusing to run: ${risk}. Use the pull_request event (docs/action.md shows a fork-safe ` +
      `two-stage workflow for comments), or set ${ALLOW_PR_TARGET_INPUT}: true only if you trust ` +
      `the author of every pull request that can trigger this workflow`,
  );
}
