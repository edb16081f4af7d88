// A sharded run as a runner runs it: three shard jobs of a matrix (the bundled action with
// INPUT_SHARD), their files handed over as actions/download-artifact lays them out, then the
// merge job (INPUT_MERGE) against the stand-in GitHub API: one baseline on the default branch,
// one comment created and then updated, one status per merge, one Holm family over every
// workload, refusals that record nothing, and a failed shard named while the others report.

import { cp, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultsRecord } from '../../src/record/record.ts';
import { loadRunConfig } from '../../src/config/load-run-config.ts';
import { withPairing } from '../../src/gate/plan.ts';
import { workloadsOfShard } from '../../src/shard/assign.ts';
import { gatedFamilySize } from '../../src/verdict/index.ts';
import type { Comparison } from '../../src/verdict/index.ts';
import {
  testBundle,
  FIXTURE_SERVER,
  makeWorkspace,
  runActionBundle,
  type ActionRun,
  type FixtureEvent,
} from '../helpers/action-runner.ts';
import { startGitHubApi, TEST_TOKEN, type GitHubApiStandIn } from '../helpers/github-api/index.ts';

const CONFIG = `server:
  command: node ${JSON.stringify(FIXTURE_SERVER)}
  port: auto
  env: { PORT: '{{port}}' }
  ready: { url: 'http://127.0.0.1:{{port}}/health', timeout: 30s }
defaults: { connections: 4, requests: 100, runs: 2, warmup: 0 }
baseline: { dir: .baselines }
workloads:
  - { name: hello, path: / }
  - { name: json, path: /json }
  - { name: echo, method: POST, path: /echo, body: { id: 1 } }
  - { name: fib, path: '/fib?n=10' }
`;
const PR_HEAD = '8f3c2a1b9d4e5f60718293a4b5c6d7e8f9012345';
const SHARDS = 3;

describe('a sharded run: three shard jobs and a merge job', () => {
  let bundle: string;
  let workspace: string;
  let api: GitHubApiStandIn;
  const cleanup: string[] = [];

  const job = (event: FixtureEvent, inputs: Record<string, string>, env = {}) =>
    runActionBundle({
      bundle,
      workspace,
      event,
      apiUrl: api.url,
      inputs: { 'github-token': TEST_TOKEN, 'baseline-store': 'directory', ...inputs },
      env,
      timeoutMs: 120_000,
    }).then((r) => {
      cleanup.push(r.runnerTemp);
      return r;
    });

  /** The matrix: every shard job at once, then their files where download-artifact puts them. */
  async function matrix(
    event: FixtureEvent,
    round: string,
    inputs: Record<string, string> = {},
    envOf: (i: number) => Record<string, string> = () => ({}),
  ): Promise<ActionRun[]> {
    const runs = await Promise.all(
      Array.from({ length: SHARDS }, (_, i) =>
        job(event, { ...inputs, shard: `${i + 1}/${SHARDS}` }, envOf(i + 1)),
      ),
    );
    for (const [i, r] of runs.entries()) {
      const artifact = path.join(workspace, round, `perfgate-shard-${i + 1}`);
      await cp(path.join(r.runnerTemp, 'perfgate'), artifact, { recursive: true });
    }
    return runs;
  }

  const storedRecords = async () =>
    (await readdir(path.join(workspace, '.baselines'), { recursive: true }).catch(() => [])).filter(
      (f) => f.endsWith('.json') && !f.endsWith('index.json'),
    );

  beforeAll(async () => {
    bundle = testBundle();
    workspace = await makeWorkspace(CONFIG);
    api = await startGitHubApi();
    cleanup.push(workspace); // the bundle is the test run's, removed by the global setup
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    await Promise.all(cleanup.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('on a push to the default branch: the shards record nothing, the merge records one baseline', async () => {
    const shards = await matrix('push', 'push-1');
    for (const [i, r] of shards.entries()) {
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.outputs.verdict).toBe('not-compared');
      expect(r.summary).toContain(`shard ${i + 1}/${SHARDS}: measured`);
      const file = path.join(r.runnerTemp, 'perfgate', 'perfgate.yml');
      expect(await readdir(file)).toContain(`perfgate-shard-${i + 1}-of-${SHARDS}.json`);
    }
    expect(await storedRecords()).toEqual([]);
    const merge = await job('push', { merge: 'push-1' });
    expect(merge.code, merge.stdout + merge.stderr).toBe(0);
    expect(merge.outputs.verdict).toBe('no-baseline');
    expect(merge.stdout).toContain('recorded the merged record as the baseline');
    expect(await storedRecords()).toHaveLength(1);
    const record = JSON.parse(await readFile(merge.outputs.results!, 'utf8')) as ResultsRecord;
    expect(record.workloads.map((w) => w.name)).toEqual(['hello', 'json', 'echo', 'fib']);
    expect(api.requests).toHaveLength(0);
  }, 300_000);

  it('refuses a merge with a shard missing: exit 2, the shard named, nothing recorded, an error status', async () => {
    await rm(path.join(workspace, 'push-1', 'perfgate-shard-2'), { recursive: true });
    const merge = await job('push', { merge: 'push-1', 'status-context': 'perfgate' });
    expect(merge.code).toBe(2);
    expect(merge.stdout).toContain('shard 2/3 is missing: no perfgate-shard-2-of-3.json');
    expect(await storedRecords()).toHaveLength(1);
    expect(merge.outputs.verdict).toBeUndefined();
    // The job's failure shows on the commit, naming the shard; no comment (no pull request).
    expect(api.requests.map((r) => r.operationId)).toEqual(['repos/create-commit-status']);
    expect(api.state.statuses[0]).toMatchObject({ state: 'error' });
    expect(api.state.statuses[0]!.description).toContain('shard 2/3 is missing');
  }, 60_000);

  it('on a pull request: no shard posts anything; the merge comments once and sets one status over one family', async () => {
    const shards = await matrix('pull_request', 'pr-1', { 'status-context': 'perfgate' });
    for (const r of shards) expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(api.requests).toHaveLength(1); // the refused merge's status, nothing from a shard
    const merge = await job('pull_request', { merge: 'pr-1', 'status-context': 'perfgate' });
    expect(['pass', 'inconclusive', 'regression']).toContain(merge.outputs.verdict);
    expect(merge.code).toBe(merge.outputs.verdict === 'regression' ? 1 : 0);
    expect(api.requestsFor('issues/create-comment')).toHaveLength(1);
    expect(api.state.statusesOf(PR_HEAD)).toHaveLength(1);
    expect(api.state.commentsOf(57)).toHaveLength(1);
    // A pull request's shards measure in a duet (gate.pairing: auto), where latency is not gated.
    const config = withPairing(await loadRunConfig(path.join(workspace, 'perfgate.yml')), 'duet');
    const family = gatedFamilySize(config.resolved.workloads);
    expect(family).toBe(4 * gatedFamilySize(config.resolved.workloads.slice(0, 1)));
    const comparison = JSON.parse(
      await readFile(
        path.join(merge.runnerTemp, 'perfgate', 'perfgate.yml', 'comparison.json'),
        'utf8',
      ),
    ) as Comparison;
    expect(comparison.workloads.map((w) => w.name)).toEqual(['hello', 'json', 'echo', 'fib']);
    // One family over the four workloads: every gated metric of every shard is in the merged
    // comparison, and the family is all of them that have a test. (A gated metric a run cannot
    // measure, such as a CPU time of 0 over 100 requests of a fast route, read in ticks of 10 ms,
    // is undecided without a test and spends no share of alpha.)
    const gated = comparison.workloads.flatMap((w) => w.metrics).filter((m) => m.gated);
    expect(gated).toHaveLength(family);
    const tested = gated.filter((m) => m.test !== null).length;
    expect(comparison.familySize).toBe(tested);
    expect(merge.summary).toContain(`over the ${tested} gated metrics`);
    expect(api.state.commentsOf(57)[0]!.body).toContain(`over the ${tested} gated metrics`);
    expect(await storedRecords()).toHaveLength(1); // a pull request never records
    expect(api.violations).toEqual([]);
  }, 300_000);

  it('a shard whose server fails: the merge fails naming it, updates the same comment, keeps the others', async () => {
    const config = await loadRunConfig(path.join(workspace, 'perfgate.yml'));
    const lost = workloadsOfShard(config.resolved.workloads, { index: 2, count: SHARDS });
    const kept = config.resolved.workloads.map((w) => w.name).filter((n) => !lost.includes(n));
    const failing = (i: number): Record<string, string> => (i === 2 ? { EXIT_AT_START: '1' } : {});
    const shards = await matrix('pull_request', 'pr-2', {}, failing);
    expect(shards.map((r) => r.code)).toEqual([0, 3, 0]);
    const merge = await job('pull_request', { merge: 'pr-2', 'status-context': 'perfgate' });
    expect(merge.code, merge.stdout).toBe(3);
    expect(merge.stdout).toMatch(/^::error::perfgate: shard 2\/3 failed: /m);
    expect(api.requestsFor('issues/create-comment')).toHaveLength(1);
    expect(api.requestsFor('issues/update-comment'), merge.stdout).toHaveLength(1);
    const body = api.state.commentsOf(57)[0]!.body;
    expect(body).toContain('incomplete: shard 2/3 failed');
    const statuses = api.state.statusesOf(PR_HEAD);
    expect(statuses).toHaveLength(2);
    expect(statuses[0]).toMatchObject({ state: 'failure' });
    expect(statuses[0]!.description).toContain('shard 2/3 failed');
    const record = JSON.parse(await readFile(merge.outputs.results!, 'utf8')) as ResultsRecord;
    expect(record.workloads.map((w) => w.name)).toEqual(kept);
    for (const name of kept) expect(body).toContain(`#### ${name}: `);
    expect(api.violations).toEqual([]);
  }, 300_000);
});
