// pull_request_target with the pull request's head checked out is refused before anything runs,
// with real git repositories: the head itself, a merge commit of it, and the safe cases.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkUntrustedCheckout } from '../../src/action/untrusted-checkout.ts';
import { InputError } from '../../src/errors.ts';

const run = promisify(execFile);
const git = async (cwd: string, ...args: string[]) =>
  (
    await run('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd })
  ).stdout.trim();

let repo: string;
let base: string;
let head: string;
let merge: string;

beforeAll(async () => {
  repo = await mkdtemp(path.join(os.tmpdir(), 'perfgate-prt-'));
  await git(repo, 'init', '-q', '-b', 'main');
  await writeFile(path.join(repo, 'a'), '1');
  await git(repo, 'add', 'a');
  await git(repo, 'commit', '-q', '-m', 'base');
  base = await git(repo, 'rev-parse', 'HEAD');
  await git(repo, 'checkout', '-q', '-b', 'pr');
  await writeFile(path.join(repo, 'b'), '2');
  await git(repo, 'add', 'b');
  await git(repo, 'commit', '-q', '-m', 'pr');
  head = await git(repo, 'rev-parse', 'HEAD');
  await git(repo, 'checkout', '-q', 'main');
  await writeFile(path.join(repo, 'c'), '3');
  await git(repo, 'add', 'c');
  await git(repo, 'commit', '-q', '-m', 'main moved');
  await git(repo, 'merge', '-q', '--no-ff', '-m', 'merge', 'pr');
  merge = await git(repo, 'rev-parse', 'HEAD');
});
afterAll(() => rm(repo, { recursive: true, force: true }));

const ctx = (eventName: string) => ({ eventName, headSha: head, prNumber: 7 });
const at = (sha: string) => git(repo, 'checkout', '-q', '--detach', sha);

describe('pull_request_target and an untrusted checkout', () => {
  it("refuses the pull request's head, explaining the risk and the way out", async () => {
    await at(head);
    const err = await checkUntrustedCheckout(ctx('pull_request_target'), repo, false).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InputError);
    const message = (err as Error).message;
    expect(message).toContain(
      `the checked-out commit ${head.slice(0, 12)} is the head of pull request #7`,
    );
    expect(message).toContain("the pull request's code would run with them");
    expect(message).toContain('allow-pull-request-target-head: true');
  });

  it("refuses a merge commit of the pull request's head", async () => {
    await at(merge);
    await expect(checkUntrustedCheckout(ctx('pull_request_target'), repo, false)).rejects.toThrow(
      /merges the head of pull request #7/,
    );
  });

  it('runs with a warning when the input allows it', async () => {
    await at(head);
    expect(await checkUntrustedCheckout(ctx('pull_request_target'), repo, true)).toMatch(
      /allowed by allow-pull-request-target-head: true/,
    );
  });

  it('has nothing to say for the base checkout, another event, or no git', async () => {
    await at(base);
    expect(await checkUntrustedCheckout(ctx('pull_request_target'), repo, false)).toBeNull();
    await at(head);
    expect(await checkUntrustedCheckout(ctx('pull_request'), repo, false)).toBeNull();
    expect(await checkUntrustedCheckout(ctx('pull_request_target'), os.tmpdir(), false)).toBeNull();
  });
});
