// The bundled action, run like a runner runs it, against the stand-in GitHub API and the
// fixture server: record on push, compare on a pull request, comment, status, annotations,
// outputs, a fork's read-only token, an over-long report, refused inputs, and the post step.

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDirectoryStore } from '../../src/baseline/directory-store.ts';
import type { ResultsRecord } from '../../src/record/record.ts';
import { TRIM_NOTE } from '../../src/github/limit.ts';
import {
  testBundle,
  FIXTURE_SERVER,
  makeWorkspace,
  parseCommandFile,
  runActionBundle,
  runPostBundle,
  startActionRun,
  type ActionRun,
  type FixtureEvent,
} from '../helpers/action-runner.ts';
import { startGitHubApi, TEST_TOKEN, type GitHubApiStandIn } from '../helpers/github-api/index.ts';
import { expectNoMarkedProcesses } from '../helpers/processes.ts';
import { assertWellFormedComment } from './render-check.ts';

/** Workload names that would break a table, inject HTML, mention someone or close a fence. */
export const HOSTILE_NAMES = [
  '<img src=x onerror=alert(1)> | broken | table',
  '@octocat `tick` ```fence',
];

// Runs of 300 ms, not a request count: runs of 100 requests (15 ms against the fast fixture)
// were so noisy that a stored baseline of five of them once left a 40-fold slowdown of one
// workload (DELAY_MS: 20) undecided. This file runs with the machine to itself (vitest.config.ts).
const RUN_DURATION = '300ms';

function configText(
  options: { duration?: string; runs?: number; dir?: string; knobs?: string } = {},
): string {
  return `server:
  command: node ${JSON.stringify(FIXTURE_SERVER)}
  port: auto
  env: { PORT: '{{port}}'${options.knobs ? `, ${options.knobs}` : ''} }
  ready: { url: 'http://127.0.0.1:{{port}}/health', timeout: 10s }
defaults: { connections: 10, duration: ${options.duration ?? RUN_DURATION}, runs: ${options.runs ?? 5}, warmup: 1 }
baseline: { dir: ${options.dir ?? '.baselines'} }
workloads:
  - name: ${JSON.stringify(HOSTILE_NAMES[0])}
    path: /
  - name: ${JSON.stringify(HOSTILE_NAMES[1])}
    method: POST
    path: /echo
    body: { id: 1, name: user }
`;
}

const PR_HEAD = '8f3c2a1b9d4e5f60718293a4b5c6d7e8f9012345';
/** fixtures/server.mjs knobs: the server calls setsid under a launcher that ignores SIGTERM. */
const SETSID_KNOBS = "FORK_CHILD: '1', CHILD_DETACHED: '1', NO_FORWARD: '1'";
const MARKER = '<!-- perfgate:config=perfgate.yml -->';
/** The 12 characters of the mask command; the token may appear nowhere else. */
const MASK = `::add-mask::${TEST_TOKEN}`;

function tokenLeaks(run: ActionRun): string[] {
  const where: string[] = [];
  if (run.stdout.replaceAll(MASK, '').includes(TEST_TOKEN)) where.push('stdout');
  if (run.stderr.includes(TEST_TOKEN)) where.push('stderr');
  if (run.summary.includes(TEST_TOKEN)) where.push('summary');
  if (JSON.stringify(run.outputs).includes(TEST_TOKEN)) where.push('outputs');
  return where;
}

describe('the bundled action', () => {
  let bundle: string;
  let workspace: string;
  let api: GitHubApiStandIn;
  const cleanup: string[] = [];

  const run = (
    event: FixtureEvent,
    inputs: Record<string, string> = {},
    env: Record<string, string> = {},
    o: { workspace?: string; api?: GitHubApiStandIn } = {},
  ) =>
    runActionBundle({
      bundle,
      workspace: o.workspace ?? workspace,
      event,
      apiUrl: (o.api ?? api).url,
      inputs: {
        config: 'perfgate.yml',
        'github-token': TEST_TOKEN,
        'baseline-store': 'directory',
        ...inputs,
      },
      env,
    }).then((r) => {
      cleanup.push(r.runnerTemp);
      return r;
    });

  beforeAll(async () => {
    bundle = testBundle();
    workspace = await makeWorkspace(configText());
    api = await startGitHubApi();
    cleanup.push(workspace); // the bundle is the test run's, removed by the global setup
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    await Promise.all(cleanup.map((d) => rm(d, { recursive: true, force: true })));
  });

  let baselineRecord: ResultsRecord;

  it('records the baseline on a push to the default branch', async () => {
    const r = await run('push');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.outputs.verdict).toBe('no-baseline');
    expect(r.outputs.regressions).toBe('0');
    expect(r.stdout).toContain('recorded this run as the baseline');
    const stored = await readdir(path.join(workspace, '.baselines'), { recursive: true });
    expect(stored.filter((f) => f.endsWith('.json') && f !== 'index.json')).toHaveLength(1);
    baselineRecord = JSON.parse(await readFile(r.outputs.results!, 'utf8')) as ResultsRecord;
    expect(api.requests).toHaveLength(0); // no PR: nothing to comment on, no status asked for
    expect(tokenLeaks(r)).toEqual([]);
  });

  let firstBody = '';

  it('compares on a pull request, comments once, and sets the commit status', async () => {
    const r = await run('pull_request', { 'status-context': 'perfgate' });
    expect(['pass', 'inconclusive', 'regression'], r.stdout).toContain(r.outputs.verdict);
    expect(r.code).toBe(r.outputs.verdict === 'regression' ? 1 : 0);
    const comments = api.state.commentsOf(57);
    expect(comments).toHaveLength(1);
    firstBody = comments[0]!.body;
    expect(firstBody.startsWith(MARKER)).toBe(true);
    // The reviewer's table of what changed (or the line saying nothing did) above the details.
    expect(firstBody).toMatch(
      /\| workload +\| metric +\||No gated metric changed beyond its tolerance/,
    );
    expect(r.outputs['comment-url']).toMatch(
      /^https:\/\/github\.com\/octo-org\/web-app\/pull\/57#issuecomment-\d+$/,
    );
    const statuses = api.state.statusesOf(PR_HEAD);
    expect(statuses).toHaveLength(1);
    expect(statuses[0]).toMatchObject({
      context: 'perfgate',
      targetUrl: 'https://github.com/octo-org/web-app/actions/runs/4242',
    });
    expect(statuses[0]!.description!.length).toBeLessThanOrEqual(140);
    expect(r.summary).toContain('perfgate:');
    expect(api.violations).toEqual([]);
    expect(tokenLeaks(r)).toEqual([]);
  });

  let regressionBody = '';

  it('fails on a regression: annotations, outputs, the same comment updated, a failing status', async () => {
    const r = await run('pull_request', { 'status-context': 'perfgate' }, { DELAY_MS: '20' });
    expect(r.code, r.stdout).toBe(1);
    expect(r.outputs.verdict).toBe('regression');
    expect(Number(r.outputs.regressions)).toBeGreaterThanOrEqual(1);
    expect(existsSync(r.outputs.results!)).toBe(true);
    expect(existsSync(r.outputs.report!)).toBe(true);
    expect(await readFile(r.outputs.report!, 'utf8')).toContain('regression');
    // One ::error per regressed (workload, metric), naming both.
    const errors = r.stdout
      .split('\n')
      .filter((l) => l.startsWith('::error title=perfgate regression'));
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(
      errors.some((l) => l.includes('workload "<img src=x onerror=alert(1)> | broken | table"')),
    ).toBe(true);
    expect(errors.some((l) => /metric (req\/s|p50|p90|p99)/.test(l))).toBe(true);
    // Each points at its workload's line in the config (the hostile names are on lines 9 and 11).
    for (const l of errors) expect(l).toMatch(/,file=perfgate\.yml,line=(9|11)::/);
    expect(
      r.stdout.split('\n').filter((l) => l.startsWith('::warning title=perfgate: ')).length,
    ).toBeLessThanOrEqual(1);
    // The log folds the measurement and the report, with each run's figures.
    expect(r.stdout).toMatch(/^::group::perfgate: measuring 2 workload\(s\) of perfgate\.yml$/m);
    expect(r.stdout).toMatch(/run \d+\/\d+: [\d,.]+ req\/s, p50 [\d.]+ (µs|ms), p99/);
    expect(r.stdout).toMatch(/^::group::perfgate: report$/m);
    expect(r.stdout).toMatch(/^::error::perfgate: \d+ regression\(s\): /m); // setFailed's one line

    const comments = api.state.commentsOf(57);
    expect(comments).toHaveLength(1); // updated in place, never a second comment
    regressionBody = comments[0]!.body;
    expect(regressionBody).not.toBe(firstBody);
    expect(regressionBody).toContain('🔴 perfgate:');
    expect(r.outputs['comment-url']).toContain(`#issuecomment-${comments[0]!.id}`);
    expect(api.requestsFor('issues/update-comment')).toHaveLength(1);
    expect(api.requestsFor('issues/create-comment')).toHaveLength(1);
    expect(api.state.statusesOf(PR_HEAD)[0]).toMatchObject({ state: 'failure' });
    expect(api.violations).toEqual([]);
    expect(tokenLeaks(r)).toEqual([]);
  });

  it('escapes hostile workload names in the comment, which renders to well-formed HTML', async () => {
    expect(regressionBody).not.toMatch(/<img/i);
    assertWellFormedComment(regressionBody);
  });

  it('degrades on a fork PR: comment and status skipped with a notice, outputs still set, still fails', async () => {
    await using forkApi = await startGitHubApi();
    forkApi.denyWrites();
    const r = await run(
      'pull_request-fork',
      { 'status-context': 'perfgate' },
      { DELAY_MS: '20' },
      { api: forkApi },
    );
    expect(r.code).toBe(1);
    expect(r.outputs.verdict).toBe('regression');
    expect(r.outputs['comment-url']).toBe('');
    expect(existsSync(r.outputs.results!)).toBe(true);
    const notices = r.stdout.split('\n').filter((l) => l.startsWith('::notice::'));
    expect(notices.some((l) => l.includes('PR comment skipped') && l.includes('fork'))).toBe(true);
    expect(notices.some((l) => l.includes('commit status skipped'))).toBe(true);
    expect(r.summary).toContain('🔴 perfgate:');
    expect(r.summary).toContain('PR comment skipped');
    expect(forkApi.state.comments).toHaveLength(0);
    expect(forkApi.state.statuses).toHaveLength(0);
    expect(forkApi.violations).toEqual([]);
  });

  it('trims the raw data of an over-long comment below 65,536 characters, with a note', async () => {
    // A baseline with 1,000 kept runs per workload makes the raw-data section (about 100
    // characters a row) at least three times too long, whatever the measured numbers are.
    const big = await makeWorkspace(configText({ dir: '.big' }));
    cleanup.push(big);
    const inflated: ResultsRecord = {
      ...baselineRecord,
      workloads: baselineRecord.workloads.map((w) => {
        const kept = w.runs.filter((s) => !s.warmup);
        const runs = Array.from({ length: 1000 }, (_, i) => ({
          ...kept[i % kept.length]!,
          index: i,
          warmup: false,
        }));
        return { ...w, runs };
      }),
    };
    await createDirectoryStore({ dir: path.join(big, '.big') }).save(inflated);
    const r = await run('pull_request', {}, {}, { workspace: big });
    expect(r.outputs.verdict).toBeDefined();
    const body = api.state.commentsOf(57)[0]!.body;
    expect(body.length).toBeLessThanOrEqual(65536);
    expect(body).toContain(TRIM_NOTE);
    expect(r.summary.length).toBeGreaterThan(65536); // the job summary keeps every run
    expect(r.stdout).toContain('PR comment updated');
    expect(api.violations).toEqual([]);
    assertWellFormedComment(body);
  });

  it('refuses mode: record on a pull request before any load, writing nothing', async () => {
    const before = api.requests.length;
    const stored = await readdir(path.join(workspace, '.baselines'), { recursive: true });
    const r = await run('pull_request', { mode: 'record' });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^::error::perfgate: a pull request never writes a baseline/m);
    expect(r.stdout).not.toContain('run 1/');
    expect(existsSync(path.join(r.runnerTemp, 'perfgate', 'perfgate.yml', 'results.json'))).toBe(
      false,
    );
    expect(r.outputs).toEqual({});
    // The summary says what failed, not an empty page.
    expect(r.summary).toMatch(
      /^### ❌ perfgate: the run failed \(invalid input, nothing was measured, exit 2\)/,
    );
    expect(r.summary).toContain('a pull request never writes a baseline');
    expect(api.requests.length).toBe(before);
    expect(await readdir(path.join(workspace, '.baselines'), { recursive: true })).toEqual(stored);
  });

  it("refuses pull_request_target with the pull request's head checked out, before any load", async () => {
    const checkout = await makeWorkspace(configText());
    cleanup.push(checkout);
    const g = (...args: string[]) =>
      promisify(execFile)('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
        cwd: checkout,
      }).then((x) => x.stdout.trim());
    await g('init', '-q');
    await g('add', 'perfgate.yml');
    await g('commit', '-q', '-m', 'pr head');
    const head = await g('rev-parse', 'HEAD');
    const payload = JSON.parse(
      await readFile('fixtures/github/event-pull_request-fork.json', 'utf8'),
    ) as { pull_request: { head: { sha: string } } };
    payload.pull_request.head.sha = head;
    const before = api.requests.length;
    const r = await runActionBundle({
      bundle,
      workspace: checkout,
      event: 'pull_request',
      customEvent: {
        name: 'pull_request_target',
        payload,
        sha: '1'.repeat(40),
        ref: 'refs/heads/main',
      },
      apiUrl: api.url,
      inputs: { 'github-token': TEST_TOKEN, 'baseline-store': 'directory' },
    });
    cleanup.push(r.runnerTemp);
    expect(r.code, r.stdout).toBe(2);
    expect(r.stdout).toMatch(
      /^::error::perfgate: refusing to run: this is a pull_request_target run/m,
    );
    expect(r.stdout).not.toContain('run 1/');
    expect(r.summary).toContain('refusing to run');
    expect(api.requests.length).toBe(before);
  });

  it('names every bad input at once and runs nothing', async () => {
    const r = await run('pull_request', {
      mode: 'sometimes',
      seed: 'abc',
      'fail-on-regression': 'yes',
    });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('3 invalid inputs');
    for (const name of ['mode', 'seed', 'fail-on-regression'])
      expect(r.stdout).toContain(`input "${name}"`);
    expect(r.stdout).not.toContain('run 1/');
  });

  it('a crashing server still gets a job summary that says what failed', async () => {
    const crash = await makeWorkspace(configText({ knobs: 'CRASH_AFTER: 5' }));
    cleanup.push(crash);
    const r = await run('push', {}, {}, { workspace: crash });
    expect(r.code).toBe(3);
    expect(r.summary).toMatch(
      /^### ❌ perfgate: the run failed \(the server or the load failed, no results were recorded, exit 3\)/,
    );
    expect(r.summary).toContain('exited during run 1');
    expect(r.summary).toContain('fixture: crashing after 5 requests');
  });

  it.each([
    ['a server', ''],
    ['a setsid server under a launcher that does not forward signals', SETSID_KNOBS],
  ])('the post step stops %s left running by a cancelled main step', async (_what, knobs) => {
    const slow = await makeWorkspace(configText({ duration: '30s', knobs }));
    cleanup.push(slow);
    const started = await startActionRun({
      bundle,
      workspace: slow,
      event: 'push',
      apiUrl: api.url,
      inputs: { 'github-token': TEST_TOKEN, 'baseline-store': 'directory' },
      // No watchdog: the post step is the backstop under test.
      env: { PERFGATE_WATCHDOG: '0' },
    });
    let state: Record<string, string> = {};
    let pgid = 0;
    for (let i = 0; i < 200 && pgid === 0; i++) {
      await sleep(100);
      ({ state, pgid } = await readStateAndPids(started.stateFile));
    }
    expect(pgid).toBeGreaterThan(1);
    started.child.kill('SIGKILL'); // a cancelled job: no chance to stop its server
    const r = await started.done;
    cleanup.push(r.runnerTemp);
    expect(processGroupAlive(pgid)).toBe(true);
    const post = await runPostBundle(bundle, state);
    expect(post.code).toBe(0);
    expect(post.stdout).toMatch(/stopped \d server process group/);
    for (let i = 0; i < 50 && processGroupAlive(pgid); i++) await sleep(100);
    expect(processGroupAlive(pgid)).toBe(false);
    // Found by the cookie: nothing of the main step's servers is left, in any group.
    await expectNoMarkedProcesses(started.child.pid as number, 3_000);
  });
});

function processGroupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The state the main step saved so far, and the first server in its pid file. */
async function readStateAndPids(
  stateFile: string,
): Promise<{ state: Record<string, string>; pgid: number }> {
  const state = parseCommandFile(await readFile(stateFile, 'utf8').catch(() => ''));
  const pidFile = state['pid-file'];
  if (!pidFile) return { state, pgid: 0 };
  try {
    const text = await readFile(pidFile, 'utf8');
    const { servers } = JSON.parse(text) as { servers: { pgid: number }[] };
    return { state, pgid: servers[0]?.pgid ?? 0 };
  } catch {
    return { state, pgid: 0 };
  }
}
