import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commentMarker, upsertComment, type CommentOutcome } from '../../src/github/comment.ts';
import { fitComment, GITHUB_COMMENT_LIMIT, TRIM_NOTE } from '../../src/github/limit.ts';
import type { SkippedWrite } from '../../src/github/permissions.ts';
import {
  clientFor,
  COMMENT_BODY_LIMIT,
  startGitHubApi,
  TEST_TOKEN,
  type GitHubApiStandIn,
} from '../helpers/github-api/index.ts';

const where = { owner: 'octo-org', repo: 'web-app', issueNumber: 57 };

let api: GitHubApiStandIn;
beforeEach(async () => {
  api = await startGitHubApi({ owner: 'octo-org', repo: 'web-app' });
});
afterEach(async () => {
  await api.close();
  expect(api.violations).toEqual([]);
});

function done(outcome: CommentOutcome | SkippedWrite): CommentOutcome {
  if (outcome.action === 'skipped') throw new Error(`unexpected skip: ${outcome.reason}`);
  return outcome;
}

describe('upsertComment against the stand-in GitHub API', () => {
  it('creates the comment once, then updates that same comment', async () => {
    const client = clientFor(api);
    const first = done(
      await upsertComment(client, { ...where, configName: 'perfgate.yml', body: 'run 1' }),
    );
    expect(first.action).toBe('created');
    expect(first.url).toBe(`https://github.com/octo-org/web-app/pull/57#issuecomment-${first.id}`);

    const second = done(
      await upsertComment(client, { ...where, configName: 'perfgate.yml', body: 'run 2' }),
    );
    expect(second).toMatchObject({ action: 'updated', id: first.id });

    const comments = api.state.commentsOf(57);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toBe(`${commentMarker('perfgate.yml')}\nrun 2`);
    expect(api.requestsFor('issues/create-comment')).toHaveLength(1);
    expect(api.requestsFor('issues/update-comment')).toHaveLength(1);
    expect(api.requests.every((r) => r.authorization === `token ${TEST_TOKEN}`)).toBe(true);
  });

  it('keeps one comment per config: two markers give two comments', async () => {
    const client = clientFor(api);
    await upsertComment(client, { ...where, configName: 'perfgate.yml', body: 'api' });
    await upsertComment(client, { ...where, configName: 'perfgate.db.yml', body: 'db' });
    await upsertComment(client, { ...where, configName: 'perfgate.yml', body: 'api again' });
    const bodies = api.state.commentsOf(57).map((c) => c.body);
    expect(bodies).toEqual([
      `${commentMarker('perfgate.yml')}\napi again`,
      `${commentMarker('perfgate.db.yml')}\ndb`,
    ]);
  });

  it('finds its comment on page 2 when the PR has more than 100 comments', async () => {
    for (let i = 0; i < 130; i++) api.state.addComment(57, `chatter ${i}`);
    const ours = api.state.addComment(
      57,
      `${commentMarker('perfgate.yml')}\nold`,
      'github-actions[bot]',
    );
    for (let i = 0; i < 5; i++) api.state.addComment(57, `more chatter ${i}`);

    const outcome = done(
      await upsertComment(clientFor(api), { ...where, configName: 'perfgate.yml', body: 'new' }),
    );
    expect(outcome).toMatchObject({ action: 'updated', id: ours.id });
    const pages = api.requestsFor('issues/list-comments').map((r) => r.query.page ?? '1');
    expect(pages).toEqual(['1', '2']);
    expect(api.state.commentsOf(57)).toHaveLength(136);
  });

  it('reads every page before deciding to create', async () => {
    for (let i = 0; i < 250; i++) api.state.addComment(57, `chatter ${i}`);
    const outcome = done(
      await upsertComment(clientFor(api), { ...where, configName: 'perfgate.yml', body: 'x' }),
    );
    expect(outcome.action).toBe('created');
    expect(api.requestsFor('issues/list-comments')).toHaveLength(3);
  });

  it('does not match a marker whose config name merely starts the same way', async () => {
    api.state.addComment(57, `${commentMarker('perfgate.yml.bak')}\nother`);
    const outcome = done(
      await upsertComment(clientFor(api), { ...where, configName: 'perfgate.yml', body: 'x' }),
    );
    expect(outcome.action).toBe('created');
    expect(api.state.commentsOf(57)).toHaveLength(2);
  });

  it('ignores a comment that only quotes or mentions the marker', async () => {
    const marker = commentMarker('perfgate.yml');
    api.state.addComment(57, `> earlier report:\n> ${marker}\n> slower`);
    api.state.addComment(57, `see the comment with ${marker} below`);
    const outcome = done(
      await upsertComment(clientFor(api), { ...where, configName: 'perfgate.yml', body: 'x' }),
    );
    expect(outcome.action).toBe('created');
    expect(api.state.commentsOf(57)).toHaveLength(3);
  });

  it("prefers the bot's comment over a person's copy of it, on any page", async () => {
    const marker = commentMarker('perfgate.yml');
    const copy = api.state.addComment(57, `${marker}\nforged: all fine`, 'mallory');
    for (let i = 0; i < 120; i++) api.state.addComment(57, `chatter ${i}`);
    const ours = api.state.addComment(57, `${marker}\nold`, 'github-actions[bot]');
    const outcome = done(
      await upsertComment(clientFor(api), { ...where, configName: 'perfgate.yml', body: 'new' }),
    );
    expect(outcome).toMatchObject({ action: 'updated', id: ours.id });
    const bodies = new Map(api.state.commentsOf(57).map((c) => [c.id, c.body]));
    expect(bodies.get(copy.id)).toBe(`${marker}\nforged: all fine`);
    expect(bodies.get(ours.id)).toBe(`${marker}\nnew`);
  });

  it("updates a person's marked comment when no bot wrote one (a personal token)", async () => {
    const first = api.state.addComment(57, `${commentMarker('perfgate.yml')}\nold`, 'octocat');
    const outcome = done(
      await upsertComment(clientFor(api), { ...where, configName: 'perfgate.yml', body: 'new' }),
    );
    expect(outcome).toMatchObject({ action: 'updated', id: first.id });
  });

  it('with skipIfIdentical leaves an identical comment alone', async () => {
    const client = clientFor(api);
    const input = { ...where, configName: 'perfgate.yml', body: 'same', skipIfIdentical: true };
    const first = done(await upsertComment(client, input));
    const second = done(await upsertComment(client, input));
    expect(second).toEqual({ action: 'unchanged', id: first.id, url: first.url });
    expect(api.requestsFor('issues/update-comment')).toHaveLength(0);
    const third = done(await upsertComment(client, { ...input, body: 'different' }));
    expect(third.action).toBe('updated');
  });

  it('returns a skipped outcome instead of throwing when the token cannot write (fork PR)', async () => {
    api.denyWrites();
    const outcome = await upsertComment(clientFor(api), {
      ...where,
      configName: 'perfgate.yml',
      body: 'x',
    });
    expect(outcome).toMatchObject({ action: 'skipped', status: 403 });
    expect((outcome as SkippedWrite).reason).toMatch(/^skipped: token cannot write \(fork PR/);
    expect((outcome as SkippedWrite).reason).toContain('Resource not accessible by integration');
    expect(api.state.comments).toHaveLength(0);
  });

  it('skips on a 404 from the update too', async () => {
    api.state.addComment(57, `${commentMarker('perfgate.yml')}\nold`);
    api.fail('issues/update-comment', { status: 404, message: 'Not Found' });
    const outcome = await upsertComment(clientFor(api), {
      ...where,
      configName: 'perfgate.yml',
      body: 'x',
    });
    expect(outcome).toMatchObject({ action: 'skipped', status: 404 });
  });

  it('keeps the marker and the limit when given an over-long body without a marker', async () => {
    const body = 'y'.repeat(70_000);
    const outcome = done(
      await upsertComment(clientFor(api), { ...where, configName: 'perfgate.yml', body }),
    );
    expect(outcome.action).toBe('created');
    const stored = api.state.commentsOf(57)[0]!.body;
    expect(stored.startsWith(commentMarker('perfgate.yml'))).toBe(true);
    expect(stored.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(stored.endsWith(TRIM_NOTE)).toBe(true);
  });

  it('skips when even listing the comments is refused', async () => {
    api.fail('issues/list-comments', { status: 404, message: 'Not Found' });
    const outcome = await upsertComment(clientFor(api), {
      ...where,
      configName: 'perfgate.yml',
      body: 'x',
    });
    expect(outcome).toMatchObject({ action: 'skipped', status: 404 });
    expect((outcome as SkippedWrite).reason).toContain('listing the PR comments answered 404');
    expect(api.requestsFor('issues/create-comment')).toHaveLength(0);
  });

  it('throws other failures without the token in the message', async () => {
    api.fail('issues/create-comment', { status: 500, message: 'Server Error' });
    const error = await upsertComment(clientFor(api), {
      ...where,
      configName: 'perfgate.yml',
      body: 'x',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      'creating the PR comment failed (HTTP 500): Server Error',
    );
    expect(JSON.stringify(error)).not.toContain(TEST_TOKEN);
    expect(String((error as Error).stack)).not.toContain(TEST_TOKEN);
  });

  it('is refused with 422 for a body over 65,536 characters, which fitComment avoids', async () => {
    const client = clientFor(api);
    const marker = commentMarker('perfgate.yml');
    const raw = Array.from({ length: 5000 }, (_, i) => `run ${i}: ${'9'.repeat(20)} req/s 📈`);

    // Unfitted, GitHub (and the stand-in) refuse it.
    const tooLong = [marker, '## perfgate', raw.join('\n')].join('\n\n');
    expect(tooLong.length).toBeGreaterThan(COMMENT_BODY_LIMIT);
    await expect(
      client.rest.issues.createComment({
        owner: 'octo-org',
        repo: 'web-app',
        issue_number: 57,
        body: tooLong,
      }),
    ).rejects.toMatchObject({ status: 422 });

    const fitted = fitComment([
      marker,
      '## perfgate\n\nNo change.',
      {
        trimmable: true,
        open: '<details><summary>Raw data</summary>\n\n```text',
        lines: raw,
        close: '```\n</details>',
      },
    ]);
    expect(fitted.trimmed).toBe(true);
    expect(fitted.body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(fitted.body).toContain(TRIM_NOTE);
    const outcome = done(
      await upsertComment(client, { ...where, configName: 'perfgate.yml', body: fitted.body }),
    );
    expect(outcome.action).toBe('created');
    expect(api.state.commentsOf(57)[0]!.body).toBe(fitted.body);
  });
});
