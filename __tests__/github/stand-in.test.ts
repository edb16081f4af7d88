// The stand-in GitHub API must be able to fail: these tests send requests that break the
// OpenAPI description and check that it notices, and check its own answers against the spec.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadExtract } from '../helpers/github-api/spec.ts';
import {
  clientFor,
  startGitHubApi,
  TEST_TOKEN,
  validateSchema,
  type GitHubApiStandIn,
} from '../helpers/github-api/index.ts';

let api: GitHubApiStandIn;
beforeEach(async () => {
  api = await startGitHubApi({ owner: 'octo-org', repo: 'web-app' });
});
afterEach(async () => {
  await api.close();
});

async function send(method: string, path: string, body?: unknown, auth = true) {
  const res = await fetch(`${api.url}${path}`, {
    method,
    headers: {
      ...(auth ? { authorization: `token ${TEST_TOKEN}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('stand-in GitHub API: request validation', () => {
  it('rejects a comment posted as { text } instead of { body }', async () => {
    const client = clientFor(api);
    await expect(
      client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        owner: 'octo-org',
        repo: 'web-app',
        issue_number: 57,
        text: 'x',
        // Deliberately not what the spec (or Octokit's types) accept.
      } as never),
    ).rejects.toMatchObject({ status: 422 });
    expect(api.violations).toEqual([
      'POST /repos/octo-org/web-app/issues/57/comments: body: missing required property "body"',
      'POST /repos/octo-org/web-app/issues/57/comments: body.text: property not in the spec',
    ]);
    expect(api.state.comments).toHaveLength(0);
    expect(api.requests[0]).toMatchObject({ operationId: 'issues/create-comment', status: 422 });
  });

  it('rejects a status with a state outside the enum and a wrongly typed field', async () => {
    const sha = 'a'.repeat(40);
    const r = await send('POST', `/repos/octo-org/web-app/statuses/${sha}`, {
      state: 'ok',
      context: 7,
    });
    expect(r.status).toBe(422);
    expect(api.violations).toEqual([
      `POST /repos/octo-org/web-app/statuses/${sha}: body.state: "ok" is not one of ["error","failure","pending","success"]`,
      `POST /repos/octo-org/web-app/statuses/${sha}: body.context: expected string, got integer`,
    ]);
  });

  it('rejects bad path and query parameters', async () => {
    await send('GET', '/repos/octo-org/web-app/issues/abc/comments?per_page=many&sort=asc');
    expect(api.violations).toEqual([
      'GET /repos/octo-org/web-app/issues/abc/comments: path.issue_number: expected integer, got string',
      'GET /repos/octo-org/web-app/issues/abc/comments: query.per_page: expected integer, got string',
      'GET /repos/octo-org/web-app/issues/abc/comments: query.sort: parameter not in the spec for issues/list-comments',
    ]);
  });

  it('answers 404 for a route outside the extract and records it', async () => {
    const r = await send('GET', '/repos/octo-org/web-app/check-runs');
    expect(r).toMatchObject({ status: 404, json: { message: 'Not Found' } });
    expect(api.violations).toEqual([
      'GET /repos/octo-org/web-app/check-runs: no operation in the extract matches this path',
    ]);
  });

  it('records a method the extract does not list for a known path', async () => {
    const r = await send('DELETE', '/repos/octo-org/web-app/issues/57/comments');
    expect(r.status).toBe(405);
    expect(api.violations).toEqual([
      'DELETE /repos/octo-org/web-app/issues/57/comments: no DELETE for this path in the extract',
    ]);
  });

  it('requires an authorization header', async () => {
    const r = await send('GET', '/repos/octo-org/web-app', undefined, false);
    expect(r).toMatchObject({ status: 401, json: { message: 'Requires authentication' } });
    expect(api.violations).toEqual(['GET /repos/octo-org/web-app: no authorization header']);
  });

  it('refuses a comment body over 65,536 characters with 422, like GitHub', async () => {
    const r = await send('POST', '/repos/octo-org/web-app/issues/57/comments', {
      body: 'x'.repeat(65537),
    });
    expect(r.status).toBe(422);
    expect(r.json.errors).toEqual([
      expect.objectContaining({ message: 'Body is too long (maximum is 65536 characters)' }),
    ]);
    const ok = await send('POST', '/repos/octo-org/web-app/issues/57/comments', {
      body: 'x'.repeat(65536),
    });
    expect(ok.status).toBe(201);
    expect(api.violations).toEqual([]);
  });

  it('answers injected failures a limited number of times', async () => {
    api.fail('repos/get', { status: 503, message: 'Service Unavailable', times: 1 });
    expect((await send('GET', '/repos/octo-org/web-app')).status).toBe(503);
    expect((await send('GET', '/repos/octo-org/web-app')).status).toBe(200);
  });
});

describe('stand-in GitHub API: its answers follow the spec', () => {
  it('serves a repository, a pull request and comment pages that validate against the spec', async () => {
    api.state.pulls.set(57, {
      number: 57,
      headSha: 'b'.repeat(40),
      headRef: 'feature',
      baseSha: 'c'.repeat(40),
      baseRef: 'main',
      headRepo: 'contributor/web-app',
    });
    const client = clientFor(api);
    const { data: repo } = await client.rest.repos.get({ owner: 'octo-org', repo: 'web-app' });
    expect(repo).toMatchObject({ full_name: 'octo-org/web-app', default_branch: 'main' });
    const { data: pull } = await client.rest.pulls.get({
      owner: 'octo-org',
      repo: 'web-app',
      pull_number: 57,
    });
    expect(pull.head).toMatchObject({
      sha: 'b'.repeat(40),
      ref: 'feature',
      repo: { full_name: 'contributor/web-app' },
    });
    expect(pull.base).toMatchObject({
      sha: 'c'.repeat(40),
      ref: 'main',
      repo: { full_name: 'octo-org/web-app' },
    });
    await expect(
      client.rest.pulls.get({ owner: 'octo-org', repo: 'web-app', pull_number: 9 }),
    ).rejects.toMatchObject({
      status: 404,
    });
    api.state.addComment(57, 'hello');
    const { data: comments } = await client.rest.issues.listComments({
      owner: 'octo-org',
      repo: 'web-app',
      issue_number: 57,
    });
    expect(comments[0]).toMatchObject({ body: 'hello', user: { login: 'someone' } });
    // Every answer was checked against its response schema on the way out.
    expect(api.violations).toEqual([]);
  });
});

describe('schema validator', () => {
  const root = loadExtract();

  it('accepts null only where the schema is nullable or lists "null"', () => {
    expect(validateSchema({ type: 'string', nullable: true }, null, { root })).toEqual([]);
    expect(validateSchema({ type: ['string', 'null'] }, null, { root })).toEqual([]);
    expect(validateSchema({ type: 'string' }, null, { root })).toEqual([
      '$: expected string, got null',
    ]);
  });

  it('checks oneOf, anyOf, items and additionalProperties', () => {
    const oneOf = { oneOf: [{ type: 'string' }, { type: 'integer' }] };
    expect(validateSchema(oneOf, 1, { root })).toEqual([]);
    expect(validateSchema(oneOf, true, { root })[0]).toMatch(/matches none of oneOf/);
    const overlap = { oneOf: [{ type: 'number' }, { type: 'integer' }] };
    expect(validateSchema(overlap, 1, { root })[0]).toMatch(/matches 2 schemas of oneOf/);
    expect(
      validateSchema({ anyOf: [{ type: 'string' }, { type: 'integer' }] }, [], { root })[0],
    ).toMatch(/anyOf/);
    expect(
      validateSchema({ type: 'array', items: { type: 'integer' } }, [1, 'x'], { root }),
    ).toEqual(['$[1]: expected integer, got string']);
    const closed = {
      type: 'object',
      properties: { a: { type: 'string' } },
      additionalProperties: false,
    };
    expect(validateSchema(closed, { a: 'x', b: 1 }, { root })).toEqual([
      '$.b: property not allowed by the schema',
    ]);
  });

  it('follows $ref into the extract and finds a broken issue comment', () => {
    const errors = validateSchema(
      { $ref: '#/components/schemas/issue-comment' },
      { id: 'one', body: 3 },
      { root },
    );
    expect(errors).toContain('$: missing required property "html_url"');
    expect(errors).toContain('$.id: expected integer, got string');
    expect(errors).toContain('$.body: expected string, got integer');
  });
});
