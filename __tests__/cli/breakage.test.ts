// Breakage is a failure, not noise, end to end: a baseline recorded against a healthy server,
// then the same config against a server that answers garbage, never finishes its chunked body,
// answers one byte per second, or answers 500 to everything in 3 of 10 runs. Each makes the
// real `perfgate run` exit 1 with the reason in the headline, with a baseline and without one.
// The server is fixtures/servers/hostile.mjs in the mode of MODE.
// The request timeout (400 ms) bounds the drain at the end of each run (at most 1 s, never longer
// than the timeout), which is what a server that never finishes a response costs every run.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resultsRecordSchema, type ResultsRecord } from '../../src/record/record.ts';
import { runCli, type CliResult } from '../helpers/cli.ts';
import { REPO_ROOT } from '../helpers/fixture-server.ts';
import { expectNoChildProcesses } from '../helpers/processes.ts';

const SERVER = path.join(REPO_ROOT, 'fixtures/servers/hostile.mjs');
const RUNS = 10;

let dir: string;
let config: string;
let baseline: string;

/** `perfgate run` with the server in `mode`; the results record it wrote. */
async function perfgate(
  args: string[],
  env: Record<string, string>,
): Promise<CliResult & { record: ResultsRecord }> {
  const out = path.join(await mkdtemp(path.join(dir, 'out-')), 'results.json');
  const r = await runCli(['run', '-c', config, '--out', out, ...args], { env, timeoutMs: 120_000 });
  const record = resultsRecordSchema.parse(JSON.parse(await readFile(out, 'utf8')));
  return { ...r, record };
}

/** The sum of one error kind over the kept runs. */
function total(
  record: ResultsRecord,
  kind: keyof ResultsRecord['workloads'][0]['runs'][0]['errors'],
) {
  return (record.workloads[0]?.runs ?? []).reduce((a, r) => a + (r.errors[kind] ?? 0), 0);
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
      `defaults: { connections: 2, duration: 100ms, timeout: 400ms, runs: ${RUNS}, warmup: 0 }`,
      'workloads:',
      '  - { name: hello, path: / }',
      '',
    ].join('\n'),
  );
  // In a temporary folder of its own: a session that ends well leaves no log folder in it.
  const tmp = await mkdtemp(path.join(dir, 'tmp-'));
  const healthy = await perfgate(['--compare-to', 'none'], { MODE: 'healthy', TMPDIR: tmp });
  expect(healthy.code, healthy.err).toBe(0);
  expect(await readdir(tmp)).toEqual([]);
  baseline = path.join(dir, 'baseline.json');
  await writeFile(baseline, JSON.stringify(healthy.record));
}, 120_000);

afterAll(() => rm(dir, { recursive: true, force: true }));
afterEach(() => expectNoChildProcesses());

const ALL_RUNS = `🔴 perfgate: broken — hello: ${RUNS} of ${RUNS} runs had no successful response`;

describe('perfgate run against a broken server, compared with a healthy baseline', () => {
  it.each([
    ['answers garbage bytes', 'garbage', 'protocol'],
    ['never finishes its chunked body', 'endless-chunked', 'incomplete'],
    ['answers one byte per second', 'trickle', 'incomplete'],
  ] as const)(
    'a server that %s: exit 1, broken',
    async (_what, mode, kind) => {
      const r = await perfgate(['--baseline', baseline], { MODE: mode });
      expect(r.code, `${r.out}\n${r.err}`).toBe(1);
      expect(r.out).toContain(`\n${ALL_RUNS}`);
      expect(r.err).toContain('perfgate: gate failed: broken — hello');
      expect(total(r.record, kind)).toBeGreaterThan(0);
      for (const run of r.record.workloads[0]?.runs ?? []) expect(run.errorRate).toBe(1);
    },
    120_000,
  );

  it('a server that errors in 3 of 10 runs: exit 1, broken', async () => {
    const r = await perfgate(['--baseline', baseline], {
      MODE: 'flaky-runs',
      FAIL_RUNS: '2,5,8',
      CONNECTIONS: '2',
    });
    expect(r.code, `${r.out}\n${r.err}`).toBe(1);
    expect(r.out).toContain(
      `\n🔴 perfgate: broken — hello: 3 of ${RUNS} runs had no successful response`,
    );
    const rates = (r.record.workloads[0]?.runs ?? []).map((x) => x.errorRate);
    expect(rates.filter((x) => x === 1)).toHaveLength(3);
    expect(rates.filter((x) => x === 0)).toHaveLength(RUNS - 3);
  }, 120_000);
});

describe('perfgate run against a broken server without a baseline', () => {
  it('garbage bytes and no baseline at all: exit 1, broken', async () => {
    const r = await perfgate([], { MODE: 'garbage' });
    expect(r.code, `${r.out}\n${r.err}`).toBe(1);
    expect(r.out).toContain(`\n${ALL_RUNS}`);
    expect(r.out).toContain('No baseline yet for this config');
  }, 120_000);
});
