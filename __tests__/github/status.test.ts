import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setCommitStatus, shortenDescription } from '../../src/github/status.ts';
import { clientFor, startGitHubApi, type GitHubApiStandIn } from '../helpers/github-api/index.ts';

const sha = '8f3c2a1b9d4e5f60718293a4b5c6d7e8f9012345';
const target = { owner: 'octo-org', repo: 'web-app', sha };

let api: GitHubApiStandIn;
beforeEach(async () => {
  api = await startGitHubApi({ owner: 'octo-org', repo: 'web-app' });
});
afterEach(async () => {
  await api.close();
  expect(api.violations).toEqual([]);
});

describe('setCommitStatus against the stand-in GitHub API', () => {
  it('creates a status with a body the spec accepts', async () => {
    const outcome = await setCommitStatus(clientFor(api), {
      ...target,
      context: 'perfgate',
      state: 'failure',
      description: 'hello: p99 +12.4% (regression)',
      targetUrl: 'https://github.com/octo-org/web-app/actions/runs/42',
    });
    expect(outcome).toMatchObject({ action: 'created' });
    expect(api.requestsFor('repos/create-commit-status')[0]!.body).toEqual({
      state: 'failure',
      context: 'perfgate',
      description: 'hello: p99 +12.4% (regression)',
      target_url: 'https://github.com/octo-org/web-app/actions/runs/42',
    });
    expect(api.state.statusesOf(sha)).toEqual([
      expect.objectContaining({
        state: 'failure',
        context: 'perfgate',
        targetUrl: 'https://github.com/octo-org/web-app/actions/runs/42',
      }),
    ]);
  });

  it('omits target_url when there is none', async () => {
    await setCommitStatus(clientFor(api), {
      ...target,
      context: 'perfgate',
      state: 'success',
      description: 'no change',
    });
    expect(api.requestsFor('repos/create-commit-status')[0]!.body).not.toHaveProperty('target_url');
  });

  it('shortens a long description so GitHub does not refuse it', async () => {
    const description = `${'workload '.repeat(30)}regressed`;
    const outcome = await setCommitStatus(clientFor(api), {
      ...target,
      context: 'perfgate',
      state: 'failure',
      description,
    });
    expect(outcome.action).toBe('created');
    const sent = api.state.statusesOf(sha)[0]!.description!;
    expect(sent.length).toBe(140);
    expect(sent.endsWith('…')).toBe(true);
  });

  it('returns a skipped outcome on a read-only token', async () => {
    api.denyWrites();
    const outcome = await setCommitStatus(clientFor(api), {
      ...target,
      context: 'perfgate',
      state: 'success',
      description: 'ok',
    });
    expect(outcome).toMatchObject({ action: 'skipped', status: 403 });
    expect(api.state.statuses).toHaveLength(0);
  });

  it('throws on a rate limit, which is not a permission problem', async () => {
    api.fail('repos/create-commit-status', {
      status: 403,
      message: 'API rate limit exceeded for installation ID 1.',
    });
    await expect(
      setCommitStatus(clientFor(api), {
        ...target,
        context: 'perfgate',
        state: 'success',
        description: 'ok',
      }),
    ).rejects.toThrow('setting the commit status failed (HTTP 403): API rate limit exceeded');
  });
});

describe('shortenDescription', () => {
  it('keeps short text, flattens whitespace, and never splits a surrogate pair', () => {
    expect(shortenDescription('  two\nlines ')).toBe('two lines');
    const emoji = `${'a'.repeat(138)}📈📈`;
    const short = shortenDescription(emoji);
    expect(short.length).toBeLessThanOrEqual(140);
    expect(short).toBe(`${'a'.repeat(138)}…`);
  });
});
