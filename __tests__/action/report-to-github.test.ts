import { commentMarker } from '../../src/github/comment.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { annotationsFor, countRegressions, hasChange } from '../../src/action/annotations.ts';
import { findConfigLines } from '../../src/action/config-lines.ts';
import {
  postComment,
  postStatus,
  renderCommentBody,
  statusFor,
  type CommentRequest,
} from '../../src/action/report-to-github.ts';
import { GITHUB_COMMENT_LIMIT, TRIM_NOTE } from '../../src/github/limit.ts';
import { compareRecords } from '../../src/verdict/index.ts';
import { clientFor, startGitHubApi, type GitHubApiStandIn } from '../helpers/github-api/index.ts';
import { makeRecord } from '../helpers/records.ts';

const SHA = '8f3c2a1b9d4e5f60718293a4b5c6d7e8f9012345';

function regression(runsPerSide = 5) {
  const runs = (rps: number) =>
    Array.from({ length: runsPerSide }, (_, i) => rps * (1 + ((i % 5) - 2) / 100));
  const base = makeRecord({ workloads: { hello: runs(1000), 'create user': runs(500) } });
  const head = makeRecord({
    workloads: { hello: runs(700), 'create user': runs(500) },
    commit: 'b'.repeat(40),
  });
  return compareRecords([base], head, { alpha: 0.05, test: 'auto', runnerNoise: 0 });
}

describe('reporting to GitHub', () => {
  let api: GitHubApiStandIn;
  beforeEach(async () => {
    api = await startGitHubApi();
  });
  afterEach(async () => {
    expect(api.violations).toEqual([]);
    await api.close();
  });
  const request = (over: Partial<CommentRequest> = {}): CommentRequest => ({
    owner: 'octo-org',
    repo: 'web-app',
    prNumber: 57,
    markerName: 'perfgate.yml',
    body: 'report',
    commentOnChangeOnly: false,
    changed: true,
    isFork: false,
    ...over,
  });

  it('a failing comment API is a warning-level result, not a throw', async () => {
    api.fail('issues/list-comments', { status: 500, message: 'Server Error' });
    const r = await postComment(clientFor(api), request());
    expect(r.kind).toBe('failed');
    expect(r.message).toContain('the verdict stands');
    expect(r.message).toContain('500');
  });

  it('a read-only token skips the comment and says why (fork or missing permission)', async () => {
    api.denyWrites();
    const fork = await postComment(clientFor(api), request({ isFork: true }));
    expect(fork.kind).toBe('skipped');
    expect(fork.message).toContain('fork');
    const perms = await postComment(clientFor(api), request());
    expect(perms.message).toContain('pull-requests: write');
    const status = await postStatus(
      clientFor(api),
      {
        owner: 'octo-org',
        repo: 'web-app',
        headSha: SHA,
        runUrl: 'https://github.com/x',
        isFork: false,
      },
      'perfgate',
      { state: 'failure', description: 'x' },
    );
    expect(status.kind).toBe('skipped');
  });

  it('comment-on-change-only creates no comment without a change, but updates an existing one', async () => {
    const client = clientFor(api);
    const quiet = await postComment(client, request({ commentOnChangeOnly: true, changed: false }));
    expect(quiet).toMatchObject({ kind: 'done', url: null });
    expect(api.state.comments).toHaveLength(0);
    await postComment(client, request({ body: 'regression!' }));
    const updated = await postComment(
      client,
      request({ commentOnChangeOnly: true, changed: false, body: 'all good now' }),
    );
    expect(updated.message).toContain('updated');
    expect(api.state.commentsOf(57)).toHaveLength(1);
    expect(api.state.commentsOf(57)[0]!.body).toContain('all good now');
  });

  it('the status says failure on a failing gate, success otherwise, error when the run broke', async () => {
    const c = regression();
    expect(
      statusFor(
        {
          verdict: 'regression',
          fail: true,
          failReason: '1 regression(s): hello req/s',
          comparison: c,
        },
        null,
      ),
    ).toEqual({ state: 'failure', description: '1 regression(s): hello req/s' });
    expect(
      statusFor({ verdict: 'regression', fail: false, failReason: null, comparison: c }, null)
        .description,
    ).toContain('fail-on-regression is false');
    expect(
      statusFor({ verdict: 'no-baseline', fail: false, failReason: null, comparison: null }, null),
    ).toEqual({ state: 'success', description: 'no baseline to compare with yet' });
    expect(statusFor(null, 'server exited').state).toBe('error');
    const long = 'x'.repeat(500);
    const r = await postStatus(
      clientFor(api),
      {
        owner: 'octo-org',
        repo: 'web-app',
        headSha: SHA,
        runUrl: 'https://github.com/r',
        isFork: false,
      },
      'perfgate',
      { state: 'failure', description: long },
    );
    expect(r.kind).toBe('done');
    expect(api.state.statusesOf(SHA)[0]!.description!.length).toBe(140);
  });

  it('annotations name the workload and the metric; counts follow the comparison', () => {
    const c = regression();
    const notes = annotationsFor(c);
    expect(notes.length).toBeGreaterThanOrEqual(1);
    expect(notes[0]).toMatchObject({ level: 'error', title: 'perfgate regression: hello req/s' });
    expect(notes[0]!.message).toMatch(/^workload "hello", metric req\/s: -30\.0%/);
    expect(countRegressions(c)).toBe(notes.filter((n) => n.level === 'error').length);
    expect(hasChange(c)).toBe(true);
    expect(annotationsFor(null)).toEqual([]);
    expect(hasChange(null)).toBe(false);
  });

  it('annotations point at the workload line in the config; undecided metrics get one warning', () => {
    const text =
      'server: { command: x }\nworkloads:\n  - name: other\n    path: /\n  - name: hello\n    path: /\n';
    const lines = findConfigLines(text);
    expect(lines).toEqual({
      workloads: new Map([
        ['other', 3],
        ['hello', 5],
      ]),
      section: 2,
    });
    const c = regression();
    const notes = annotationsFor(c, { file: 'api/perfgate.yml', lines });
    expect(notes[0]).toMatchObject({ level: 'error', file: 'api/perfgate.yml', startLine: 5 });
    const undecided = structuredClone(c);
    for (const m of undecided.workloads[0]!.metrics) if (m.gated) m.status = 'inconclusive';
    const warnings = annotationsFor(undecided, { file: 'perfgate.yml', lines }).filter(
      (n) => n.level === 'warning',
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.title).toMatch(/^perfgate: \d+ metric\(s\) undecided$/);
    expect(warnings[0]).toMatchObject({ file: 'perfgate.yml', startLine: 2 });
    expect(findConfigLines(': not yaml : [').workloads.size).toBe(0);
  });

  it('the comment body leaves room for the marker and trims raw data first', () => {
    const c = regression(600);
    const record = makeRecord();
    const fitted = renderCommentBody(
      { verdict: 'regression', comparison: c, record, notices: [] },
      'perfgate.yml',
    );
    expect(fitted.trimmed).toBe(true);
    expect(fitted.body).toContain(TRIM_NOTE);
    expect(fitted.body).toContain('🔴 perfgate:');
    // With the marker and its newline prepended, the comment is within GitHub's limit.
    const marker = commentMarker('perfgate.yml');
    expect(fitted.body.length + marker.length + 1).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
  });
});
