import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commentCommand } from '../../src/cli/comment-command.ts';
import { main } from '../../src/cli/main.ts';
import {
  clientFor,
  startGitHubApi,
  TEST_TOKEN,
  type GitHubApiStandIn,
} from '../helpers/github-api/index.ts';

const HEAD = '8f3c2a1b9d4e5f60718293a4b5c6d7e8f9012345';

function io() {
  const out = { text: '', isTTY: false, write: (t: string) => void (out.text += t) };
  const err = { text: '', isTTY: false, write: (t: string) => void (err.text += t) };
  return { out, err };
}

describe('perfgate comment (the fork-safe second stage)', () => {
  let api: GitHubApiStandIn;
  let dir: string;
  let body: string;
  beforeEach(async () => {
    api = await startGitHubApi();
    api.state.pulls.set(58, {
      number: 58,
      headSha: HEAD,
      headRef: 'feature',
      baseSha: '1'.repeat(40),
      baseRef: 'main',
      headRepo: 'contributor/web-app',
    });
    dir = await mkdtemp(path.join(os.tmpdir(), 'perfgate-comment-'));
    body = path.join(dir, 'comment.md');
  });
  afterEach(async () => {
    expect(api.violations).toEqual([]);
    await api.close();
    await rm(dir, { recursive: true, force: true });
  });
  const env = () => ({
    GITHUB_TOKEN: TEST_TOKEN,
    GITHUB_REPOSITORY: 'octo-org/web-app',
    GITHUB_API_URL: api.url,
  });
  const run = (argv: string[], streams = io()) =>
    commentCommand(argv, streams, env(), () => clientFor(api)).then((code) => ({
      code,
      ...streams,
    }));

  it("posts the file on the PR whose head is the triggering run's commit, then updates it in place", async () => {
    await writeFile(body, '### 🔴 perfgate: 1 regression\n\nping @octocat');
    const first = await run(['--body', body, '--pr', '58', '--head-sha', HEAD]);
    expect(first.code).toBe(0);
    expect(first.out.text).toContain('PR comment created');
    const [comment] = api.state.commentsOf(58);
    expect(comment!.body.startsWith('<!-- perfgate:config=perfgate.yml -->')).toBe(true);
    expect(comment!.body).toContain('@\u200boctocat'); // the artifact is untrusted: no mentions
    await writeFile(body, '### 🟢 perfgate: no regression');
    expect((await run(['--body', body, '--pr', '58', '--head-sha', HEAD])).code).toBe(0);
    expect(api.state.commentsOf(58)).toHaveLength(1);
    expect(api.state.commentsOf(58)[0]!.body).toContain('no regression');
  });

  it('refuses a PR whose head is another commit, posting nothing', async () => {
    await writeFile(body, 'x');
    await expect(run(['--body', body, '--pr', '58', '--head-sha', 'f'.repeat(40)])).rejects.toThrow(
      /refusing to comment there/,
    );
    expect(api.state.comments).toHaveLength(0);
  });

  it('cuts an over-long body to the limit', async () => {
    await writeFile(body, 'y'.repeat(70_000));
    expect((await run(['--body', body, '--pr', '58'])).code).toBe(0);
    expect(api.state.commentsOf(58)[0]!.body.length).toBeLessThanOrEqual(65536);
  });

  it("exits 1 with GitHub's answer when the pull request does not exist, no stack trace", async () => {
    await writeFile(body, 'x');
    const r = await run(['--body', body, '--pr', '999', '--head-sha', HEAD]);
    expect(r.code).toBe(1);
    expect(r.err.text).toMatch(/^perfgate: reading pull request #999 failed \(HTTP 404\)/);
    expect(r.err.text).toContain('is #999 a pull request of octo-org/web-app?');
    expect(r.err.text).not.toMatch(/\n\s+at /);
    expect(api.state.comments).toHaveLength(0);
  });

  it.each(['1e3', '0x3a', '58.0', ' 58', '058', '+58'])(
    'accepts only decimal PR numbers: --pr %j is exit 2',
    async (pr) => {
      await writeFile(body, 'x');
      const s = io();
      expect(await main(['comment', '--pr', pr, '--body', body], s)).toBe(2);
      expect(s.err.text).toContain('--pr: expected a pull request number in decimal digits');
      expect(api.state.comments).toHaveLength(0);
    },
  );

  it('is listed by the CLI and checks its arguments (exit 2)', async () => {
    const s = io();
    expect(await main(['--help'], s)).toBe(0);
    expect(s.out.text).toContain('comment');
    const bad = io();
    expect(await main(['comment', '--pr', 'x', '--body', body], bad)).toBe(2);
    expect(bad.err.text).toContain('--pr');
  });
});
