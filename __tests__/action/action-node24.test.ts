// The bundled action on Node 24, the runtime GitHub runs `using: node24` actions on (the tests
// themselves run on the machine's Node 20): a push records the baseline, a slower pull request
// fails with annotations, a folded log and the comment. Node 24 comes from the npm package
// `node@24`, which .ci/run installs into .cache/node24.
import { execFileSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  testBundle,
  FIXTURE_SERVER,
  makeWorkspace,
  node24,
  runActionBundle,
  type FixtureEvent,
} from '../helpers/action-runner.ts';
import { startGitHubApi, TEST_TOKEN, type GitHubApiStandIn } from '../helpers/github-api/index.ts';

const NODE24 = node24();
const CONFIG = `server:
  command: node ${JSON.stringify(FIXTURE_SERVER)}
  port: auto
  env: { PORT: '{{port}}' }
  ready: { url: 'http://127.0.0.1:{{port}}/health', timeout: 10s }
defaults: { connections: 10, duration: 300ms, runs: 5, warmup: 1 }
baseline: { dir: .baselines }
workloads:
  - name: hello
    path: /
`;

describe.runIf(NODE24 !== null || process.env.CI)('the bundled action on Node 24', () => {
  let bundle: string;
  let workspace: string;
  let api: GitHubApiStandIn;

  const run = (event: FixtureEvent, env: Record<string, string> = {}) =>
    runActionBundle({
      bundle,
      workspace,
      event,
      apiUrl: api.url,
      inputs: { config: 'perfgate.yml', 'github-token': TEST_TOKEN, 'baseline-store': 'directory' },
      env,
      node: NODE24 ?? 'node24-missing: run .ci/run, which installs it',
    });

  beforeAll(async () => {
    bundle = testBundle();
    workspace = await makeWorkspace(CONFIG);
    api = await startGitHubApi();
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    if (workspace) await rm(workspace, { recursive: true, force: true });
  });

  it('is Node 24', () => {
    expect(execFileSync(NODE24 as string, ['--version'], { encoding: 'utf8' })).toMatch(/^v24\./);
  });

  it('records on a push, then fails a slower pull request with annotations and a comment', async () => {
    const push = await run('push');
    expect(push.code, push.stdout + push.stderr).toBe(0);
    expect(push.stderr).not.toMatch(/ExperimentalWarning|DeprecationWarning/);
    const pr = await run('pull_request', { DELAY_MS: '30' });
    expect(pr.code, pr.stdout + pr.stderr).toBe(1);
    expect(pr.outputs.verdict).toBe('regression');
    expect(pr.stdout).toMatch(
      /^::error title=perfgate regression%3A hello [^,]+,file=perfgate\.yml,line=9::/m,
    );
    expect(pr.stdout).toMatch(/^::group::perfgate: measuring 1 workload\(s\) of perfgate\.yml$/m);
    expect(api.state.commentsOf(57)[0]?.body).toContain('🔴 perfgate:');
    await rm(pr.runnerTemp, { recursive: true, force: true });
    await rm(push.runnerTemp, { recursive: true, force: true });
  }, 120_000);
});
