// What the breakage tests share (breakage.test.ts, and breakage-runs.test.ts, which depends on
// timing): a config for fixtures/servers/hostile.mjs in the mode of MODE, a baseline recorded
// against the healthy server, and `perfgate run` with the server in a given mode.
// The request timeout (400 ms) bounds the drain at the end of each run (at most 1 s, never longer
// than the timeout), which is what a server that never finishes a response costs every run.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { resultsRecordSchema, type ResultsRecord } from '../../src/record/record.ts';
import { runCli, type CliResult } from '../helpers/cli.ts';
import { REPO_ROOT } from '../helpers/fixture-server.ts';
import { expectNoChildProcesses } from '../helpers/processes.ts';

const SERVER = path.join(REPO_ROOT, 'fixtures/servers/hostile.mjs');

/** A test file's hostile server setup. */
export interface HostileRuns {
  /** `perfgate run` with the server in `env.MODE`; the results record it wrote. */
  perfgate(
    args: string[],
    env: Record<string, string>,
  ): Promise<CliResult & { record: ResultsRecord }>;
  /** The file of the baseline recorded against the healthy server (after beforeAll). */
  baseline(): string;
}

/**
 * Registers the hooks of a breakage test file: before all, the config and a baseline recorded
 * against the healthy server (a session that ends well leaves no log folder behind); after
 * each test, no process left; after all, the folder removed. `runs`: kept runs per session;
 * each costs up to the request timeout when the server never finishes its responses.
 */
export function setUpHostileRuns(runs: number): HostileRuns {
  let dir = '';
  let config = '';
  let baseline = '';
  async function perfgate(args: string[], env: Record<string, string>) {
    const out = path.join(await mkdtemp(path.join(dir, 'out-')), 'results.json');
    const r = await runCli(['run', '-c', config, '--out', out, ...args], {
      env,
      timeoutMs: 120_000,
    });
    const record = resultsRecordSchema.parse(JSON.parse(await readFile(out, 'utf8')));
    return { ...r, record };
  }
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'perfgate-breakage-'));
    config = path.join(dir, 'perfgate.yml');
    await writeFile(
      config,
      [
        'server:',
        `  command: node ${JSON.stringify(SERVER)}`,
        '  port: auto',
        "  env: { PORT: '{{port}}' }",
        "  ready: { url: 'http://127.0.0.1:{{port}}/health', timeout: 10s }",
        `defaults: { connections: 2, duration: 100ms, timeout: 400ms, runs: ${runs}, warmup: 0 }`,
        'workloads:',
        '  - { name: hello, path: / }',
        '',
      ].join('\n'),
    );
    const tmp = await mkdtemp(path.join(dir, 'tmp-'));
    const healthy = await perfgate(['--compare-to', 'none'], { MODE: 'healthy', TMPDIR: tmp });
    expect(healthy.code, healthy.err).toBe(0);
    expect(await readdir(tmp)).toEqual([]);
    baseline = path.join(dir, 'baseline.json');
    await writeFile(baseline, JSON.stringify(healthy.record));
  }, 120_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));
  afterEach(() => expectNoChildProcesses());
  return { perfgate, baseline: () => baseline };
}
