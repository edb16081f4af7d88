import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readActionContext, type ContextSource } from '../../src/github/context.ts';

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(
    readFileSync(new URL(`../../fixtures/github/${name}`, import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
}

function source(
  eventName: string,
  payload: Record<string, unknown>,
  overrides: Partial<ContextSource> = {},
): ContextSource {
  return {
    eventName,
    payload,
    sha: 'ffffffffffffffffffffffffffffffffffffffff',
    ref: 'refs/pull/57/merge',
    runId: 11223344,
    serverUrl: 'https://github.com',
    apiUrl: 'https://api.github.com',
    repo: { owner: 'octo-org', repo: 'web-app' },
    ...overrides,
  };
}

describe('readActionContext', () => {
  it('reads a pull_request event from the same repository', () => {
    const ctx = readActionContext(source('pull_request', fixture('event-pull_request.json')));
    expect(ctx).toEqual({
      eventName: 'pull_request',
      owner: 'octo-org',
      repo: 'web-app',
      sha: 'ffffffffffffffffffffffffffffffffffffffff',
      ref: 'refs/pull/57/merge',
      prNumber: 57,
      headSha: '8f3c2a1b9d4e5f60718293a4b5c6d7e8f9012345',
      headRef: 'cache-user-lookup',
      baseSha: '1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d',
      baseRef: 'main',
      defaultBranch: 'main',
      isDefaultBranchPush: false,
      isFork: false,
      runUrl: 'https://github.com/octo-org/web-app/actions/runs/11223344',
      apiUrl: 'https://api.github.com',
      serverUrl: 'https://github.com',
    });
  });

  it('marks a PR from a fork', () => {
    const ctx = readActionContext(source('pull_request', fixture('event-pull_request-fork.json')));
    expect(ctx).toMatchObject({
      prNumber: 58,
      isFork: true,
      headSha: '8f3c2a1b9d4e5f60718293a4b5c6d7e8f9012345',
    });
  });

  it('treats a PR whose head repository was deleted as a fork', () => {
    const payload = fixture('event-pull_request-fork.json');
    const pr = payload.pull_request as { head: { repo: unknown } };
    pr.head.repo = null;
    expect(readActionContext(source('pull_request_target', payload)).isFork).toBe(true);
  });

  it('reads a push to the default branch', () => {
    const ctx = readActionContext(
      source('push', fixture('event-push.json'), {
        ref: 'refs/heads/main',
        sha: '9d8c7b6a5f4e3d2c1b0a99887766554433221100',
      }),
    );
    expect(ctx).toMatchObject({
      eventName: 'push',
      headSha: '9d8c7b6a5f4e3d2c1b0a99887766554433221100',
      baseSha: '1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d',
      defaultBranch: 'main',
      isDefaultBranchPush: true,
      isFork: false,
    });
    expect(ctx.prNumber).toBeUndefined();
  });

  it('a push to another branch, or a new branch, records no baseline', () => {
    const payload = {
      ...fixture('event-push.json'),
      ref: 'refs/heads/feature',
      before: '0'.repeat(40),
    };
    const ctx = readActionContext(source('push', payload, { ref: 'refs/heads/feature' }));
    expect(ctx.isDefaultBranchPush).toBe(false);
    expect(ctx.baseSha).toBeUndefined();
  });

  it('gives a run URL on a GitHub Enterprise server', () => {
    const ctx = readActionContext(
      source(
        'workflow_dispatch',
        {},
        { serverUrl: 'https://ghe.example.com/', apiUrl: 'https://ghe.example.com/api/v3' },
      ),
    );
    expect(ctx.runUrl).toBe('https://ghe.example.com/octo-org/web-app/actions/runs/11223344');
    expect(ctx.headSha).toBe('ffffffffffffffffffffffffffffffffffffffff');
  });
});

describe('currentActionContext', () => {
  it('reads the event file and GITHUB_* variables exactly as on a runner', () => {
    // @actions/github builds its context once, at import, so this runs in a fresh process.
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const script =
      "import { currentActionContext } from './src/github/context.ts';" +
      'console.log(JSON.stringify(currentActionContext()));';
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        cwd: root,
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH,
          GITHUB_EVENT_PATH: 'fixtures/github/event-pull_request-fork.json',
          GITHUB_EVENT_NAME: 'pull_request',
          GITHUB_REPOSITORY: 'octo-org/web-app',
          GITHUB_RUN_ID: '99',
          GITHUB_SHA: 'ffffffffffffffffffffffffffffffffffffffff',
          GITHUB_REF: 'refs/pull/58/merge',
          GITHUB_SERVER_URL: 'https://github.com',
          GITHUB_API_URL: 'https://api.github.com',
        },
      },
    );
    expect(JSON.parse(out)).toMatchObject({
      eventName: 'pull_request',
      prNumber: 58,
      isFork: true,
      headSha: '8f3c2a1b9d4e5f60718293a4b5c6d7e8f9012345',
      baseRef: 'main',
      runUrl: 'https://github.com/octo-org/web-app/actions/runs/99',
    });
  });
});
