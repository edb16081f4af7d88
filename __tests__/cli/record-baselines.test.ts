// `perfgate record`, `perfgate run` against the directory store, `perfgate baselines`, and the
// rule that a pull-request event never records, through the real CLI.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { FIXTURE_SERVER } from '../helpers/fixture-server.ts';
import { expectNoChildProcesses } from '../helpers/processes.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'perfgate-record-'));
const config = path.join(dir, 'perfgate.yml');
writeFileSync(
  config,
  `server:
  command: node ${JSON.stringify(FIXTURE_SERVER)}
  port: auto
  env: { PORT: '{{port}}' }
  ready: { url: 'http://127.0.0.1:{{port}}/health', timeout: 30s }
defaults: { connections: 2, requests: 200, runs: 3, warmup: 1 }
baseline: { dir: store }
workloads:
  - name: hello
    path: /
`,
);
const storeFiles = () =>
  existsSync(path.join(dir, 'store'))
    ? readdirSync(path.join(dir, 'store'), { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('.json') && path.basename(f) !== 'index.json')
    : [];

afterEach(() => expectNoChildProcesses());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('baselines through the CLI', () => {
  it('run without a baseline reports its own numbers and passes with a notice', async () => {
    const r = await runCli(['run', '-q', '--config', config], { cwd: dir });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('No baseline yet for this config');
    expect(r.out).toMatch(/\| hello\s+\|\s+3 \|/);
    expect(storeFiles()).toEqual([]);
  });

  it('refuses to record on a pull-request event (exit 2) and writes nothing', async () => {
    const event = path.join(dir, 'event.json');
    writeFileSync(event, JSON.stringify({ repository: { default_branch: 'main' } }));
    const r = await runCli(['record', '-q', '--config', config], {
      cwd: dir,
      env: {
        GITHUB_ACTIONS: 'true',
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: event,
        GITHUB_REF: 'refs/pull/1/merge',
      },
    });
    expect(r.code).toBe(2);
    expect(r.err).toContain('a pull request never writes a baseline');
    expect(r.err).not.toContain('run 1/');
    expect(storeFiles()).toEqual([]);
  });

  it('records, then compares the next run with the recorded baseline', async () => {
    const rec = await runCli(['record', '-q', '--config', config], { cwd: dir });
    expect(rec.code, rec.err).toBe(0);
    expect(rec.out).toContain('recorded this run as the baseline');
    expect(storeFiles()).toHaveLength(1);

    const run = await runCli(['run', '-q', '--config', config], { cwd: dir });
    expect([0, 1]).toContain(run.code);
    expect(run.out).toMatch(/hello: /);
    expect(run.out).toContain('req/s');
    expect(run.out).not.toContain('No baseline yet');
    expect(storeFiles()).toHaveLength(1); // a comparison never writes
  });

  it('lists and prunes the stored baselines', async () => {
    await runCli(['record', '-q', '--config', config], { cwd: dir });
    expect(storeFiles()).toHaveLength(2);
    const list = await runCli(['baselines', 'list', '--config', config], { cwd: dir });
    expect(list.code, list.err).toBe(0);
    expect(list.out.trim().split('\n')).toHaveLength(4); // header, rule, two records

    const prune = await runCli(['baselines', 'prune', '--keep', '1', '--config', config], {
      cwd: dir,
    });
    expect(prune.code, prune.err).toBe(0);
    expect(prune.out).toContain('removed 1 record(s)');
    expect(storeFiles()).toHaveLength(1);

    const bad = await runCli(['baselines', 'prune', '--config', config], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('give --keep N, --max-age-days D, or both');
  });
});
