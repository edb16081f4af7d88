// Workloads the way k6, wrk and JMeter users write them, through the real CLI and the fixture
// server: a token from the environment (searched for in every output), per-iteration values
// against a unique index, a weighted mix, think time, iterations of a sequence and a ramp.
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultsRecordSchema, type ResultsRecord } from '../../src/record/record.ts';
import { runCli, type CliResult } from '../helpers/cli.ts';
import { expectNoChildProcesses } from '../helpers/processes.ts';

const TOKEN = 'pg-secret-7f3a9c1e5b';

function workload(record: ResultsRecord, name: string) {
  const w = record.workloads.find((x) => x.name === name);
  if (!w) throw new Error(`no workload "${name}"`);
  return w.runs.filter((r) => !r.warmup);
}

describe('a token from the environment', () => {
  let result: CliResult;
  let dir: string;
  const files = () => ['results.json', 'report.md'].map((f) => path.join(dir, f));

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'perfgate-env-'));
    const [out, report] = files();
    result = await runCli(
      [
        'run',
        '--config',
        'fixtures/configs/workloads/env-secret.yml',
        '--out',
        out as string,
        '--report',
        report as string,
        '--details',
        '--log-dir',
        path.join(dir, 'logs'),
      ],
      { env: { PERFGATE_TEST_TOKEN: TOKEN }, timeoutMs: 90_000 },
    );
  }, 100_000);

  afterAll(() => expectNoChildProcesses());

  it('is sent (the server answers 401 without it) and the run passes', async () => {
    expect(result.code, result.err).toBe(0);
    const record = resultsRecordSchema.parse(
      JSON.parse(await readFile(files()[0] as string, 'utf8')),
    );
    for (const name of ['authorized get', 'authorized post']) {
      for (const run of workload(record, name)) {
        expect(run.requests).toBe(100);
        expect(run.errors).toEqual({
          connection: 0,
          timeout: 0,
          status: 0,
          body: 0,
          protocol: 0,
          incomplete: 0,
        });
      }
    }
  });

  it('never appears in the record, the report, the terminal or the server log', async () => {
    const texts = [result.out, result.err];
    for (const f of files()) texts.push(await readFile(f, 'utf8'));
    const logs = path.join(dir, 'logs');
    for (const f of await readdir(logs)) texts.push(await readFile(path.join(logs, f), 'utf8'));
    for (const text of texts) expect(text).not.toContain(TOKEN);
    // The record keeps the placeholder, so it says where the value came from.
    expect(texts[2]).toContain('{{env.PERFGATE_TEST_TOKEN}}');
  });

  it('when unset, is an input error naming the variable before anything runs', async () => {
    const r = await runCli(['run', '--config', 'fixtures/configs/workloads/env-secret.yml'], {
      timeoutMs: 30_000,
    });
    expect(r.code).toBe(2);
    expect(r.err).toContain('{{env.PERFGATE_TEST_TOKEN}}');
    expect(r.err).toContain('not set');
    expect(r.err).not.toContain('starting the server');
  });
});

describe('per-iteration values, a mix, think time, iterations and a ramp', () => {
  let result: CliResult;
  let record: ResultsRecord;

  beforeAll(async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'perfgate-iter-'));
    const out = path.join(dir, 'results.json');
    result = await runCli(
      ['run', '--config', 'fixtures/configs/workloads/per-iteration.yml', '--out', out],
      { timeoutMs: 90_000 },
    );
    if (result.code !== 0) throw new Error(`perfgate run failed (${result.code}):\n${result.err}`);
    record = resultsRecordSchema.parse(JSON.parse(await readFile(out, 'utf8')));
  }, 100_000);

  afterAll(() => expectNoChildProcesses());

  it('creates every user once: {{seq}}, the data file and {{random.uuid}} are unique per iteration', () => {
    for (const [name, n] of [
      ['unique by seq', 50],
      ['unique by data file', 3],
      ['unique by uuid', 50],
    ] as const) {
      const [run] = workload(record, name);
      expect(run?.requests).toBe(n);
      // Every answer was the expected 201: a repeated e-mail would be a 409, a status error.
      expect(run?.errors.status).toBe(0);
    }
  });

  it('counts iterations of a sequence: 10 iterations of 4 steps are 40 requests', () => {
    const [run] = workload(record, 'crud');
    expect(run?.requests).toBe(40);
    expect(run?.errorRate).toBe(0);
    // Latency per step, each step counted on its own.
    expect(run?.steps?.map((x) => [x.step, x.requests])).toEqual([
      ['POST /tasks', 10],
      ['GET /tasks/{{id}}', 10],
      ['PUT /tasks/{{id}}', 10],
      ['DELETE /tasks/{{id}}', 10],
    ]);
    expect(result.out).toContain('Latency per step');
  });

  it('sends a mix, waits the think time, and ramps connections up', () => {
    const [mix] = workload(record, 'mix');
    expect(mix?.requests).toBe(80);
    expect(mix?.steps?.map((x) => [x.step, x.requests])).toEqual([
      ['GET /', 60],
      ['GET /json', 20],
    ]);
    expect(mix?.errorRate).toBe(0);
    // 2 connections, 20 ms of think time after each response: at most ~100 requests in 1 s.
    const [think] = workload(record, 'think');
    expect(think?.requests).toBeGreaterThan(0);
    expect(think?.requests).toBeLessThanOrEqual(110);
    // 0 -> 200/s in 300 ms, then 200/s for 300 ms: 30 + 60 = 90 requests due, no more.
    const [paced] = workload(record, 'paced ramp');
    expect(paced?.requests).toBeGreaterThan(0);
    expect(paced?.requests).toBeLessThanOrEqual(90);
    const [ramp] = workload(record, 'ramp');
    expect(ramp?.requests).toBeGreaterThan(0);
    expect(ramp?.errorRate).toBe(0);
  });
});
