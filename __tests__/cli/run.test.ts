// `perfgate run` as a user runs it: the real CLI in a child process, the fixture server, every
// kind of workload in one session (fixtures/configs/cli/workloads.yml), and the results file
// checked field by field.
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  resultsRecordSchema,
  type ResultsRecord,
  type RunSample,
} from '../../src/record/record.ts';
import { findCClient } from '../../src/load/c-client.ts';
import { TOOL_VERSION } from '../../src/version.ts';
import { runCli, type CliResult } from '../helpers/cli.ts';
import { expectNoChildProcesses } from '../helpers/processes.ts';
import { expectedRoundOrders, roundOrders } from '../helpers/run-order.ts';

const CONFIG = 'fixtures/configs/cli/workloads.yml';
const SEED = 7;

function byName(record: ResultsRecord, name: string): RunSample[] {
  const w = record.workloads.find((x) => x.name === name);
  if (!w) throw new Error(`no workload "${name}" in the results`);
  return w.runs;
}

const kept = (runs: RunSample[]) => runs.filter((r) => !r.warmup);

describe('perfgate run: every kind of workload in one session', () => {
  let result: CliResult;
  let record: ResultsRecord;
  let outFile: string;

  beforeAll(async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'perfgate-run-'));
    outFile = path.join(dir, 'results.json');
    result = await runCli(['run', '--config', CONFIG, '--out', outFile, '--seed', String(SEED)], {
      timeoutMs: 150_000,
    });
    // Exit 1: the "body mismatch" workload has no successful response, so the run is broken.
    if (result.code !== 1) throw new Error(`perfgate run failed (${result.code}):\n${result.err}`);
    record = resultsRecordSchema.parse(JSON.parse(await readFile(outFile, 'utf8')));
  }, 160_000);

  afterAll(() => expectNoChildProcesses());

  it('prints the seed, the progress and a summary row per workload', () => {
    expect(result.err).toContain(`seed ${SEED} (replay with --seed ${SEED})`);
    expect(result.err.match(/^starting the server$/gm)).toHaveLength(1);
    expect(result.err).toContain(`results written to ${outFile}`);
    for (const w of record.workloads) {
      expect(result.out).toContain(`| ${w.name}`);
      expect(result.err).toContain(`${w.name}  run 1/3 (warm-up)`);
      expect(result.err).toContain(`${w.name}  run 3/3  `);
    }
  });

  it('writes a record with what the runs were made on', () => {
    expect(record.tool).toEqual({ name: 'perfgate', version: TOOL_VERSION });
    expect(record.seed).toBe(SEED);
    expect(record.configHash).toMatch(/^[0-9a-f]{8,}$/);
    expect(record.machine.fingerprint).toMatch(/^[0-9a-f]{8,}$/);
    expect(record.machine.cores).toBeGreaterThan(0);
    expect(record.design).toBe('independent');
    expect(record.workloads.map((w) => w.name)).toEqual([
      'get',
      'post json',
      'put with setup',
      'crud',
      'pipelined',
      'timed',
      'open model',
      'body mismatch',
    ]);
  });

  it('names the client of every run: the C build where it runs, else JavaScript or autocannon', () => {
    const clients = Object.fromEntries(
      record.workloads.map((w) => [w.name, [...new Set(w.runs.map((r) => r.loadClient))]]),
    );
    // A check of the body and a sequence need the client in JavaScript; pipelining and a fixed
    // rate run on autocannon; one fixed request on the C build (compiled with the machine's cc).
    const fixed = 'binary' in findCClient(process.env) ? 'c' : 'javascript';
    expect(clients).toEqual({
      get: ['javascript'],
      'post json': ['javascript'],
      'put with setup': ['javascript'],
      crud: ['javascript'],
      pipelined: ['autocannon'],
      timed: [fixed],
      'open model': ['autocannon'],
      'body mismatch': ['javascript'],
    });
    expect(result.out).toContain('Latency percentiles: ');
    expect(result.out).toContain('; load from ');
  });

  it('makes one warm-up run and two kept runs per workload, flagged and numbered', () => {
    for (const w of record.workloads) {
      expect(
        w.runs.map((r) => [r.index, r.warmup]),
        w.name,
      ).toEqual([
        [0, true],
        [1, false],
        [2, false],
      ]);
      expect(
        w.runs.map((r) => r.round),
        w.name,
      ).toEqual([0, 1, 2]);
    }
  });

  it('measures latency in microseconds, CPU per request and peak memory in every run', () => {
    for (const w of record.workloads) {
      for (const r of w.runs) {
        const l = r.latencyUs;
        const where = `${w.name} run ${r.index}`;
        expect(l.p50, where).toBeGreaterThan(0);
        expect(l.p50, where).toBeLessThanOrEqual(l.p90);
        expect(l.p90, where).toBeLessThanOrEqual(l.p99);
        expect(l.p99, where).toBeLessThanOrEqual(l.max);
        expect(r.elapsedMs, where).toBeGreaterThan(0);
        expect(r.requests, where).toBeGreaterThan(0);
        // CPU time comes in 10 ms ticks; 200 requests to this server can fit in one, so a
        // single run may read 0 (measured, not missing); the workload's runs together cannot.
        expect(r.cpuMsPerRequest, where).toBeGreaterThanOrEqual(0);
        expect(r.peakRssBytes, where).toBeGreaterThan(0);
        expect(r.bytesPerSec, where).toBeGreaterThan(0);
      }
      const cpuMs = w.runs.reduce((sum, r) => sum + (r.cpuMsPerRequest ?? 0) * r.requests, 0);
      expect(cpuMs, w.name).toBeGreaterThan(0);
      // Sub-millisecond precision: not every value a whole number of milliseconds.
      const values = w.runs.flatMap((r) => [r.latencyUs.p50, r.latencyUs.p99, r.latencyUs.max]);
      expect(
        values.some((v) => v % 1000 !== 0),
        `${w.name}: ${values.join(', ')}`,
      ).toBe(true);
    }
  });

  it('counts no error for the workloads that are right (captures, setup and checks included)', () => {
    for (const name of [
      'get',
      'post json',
      'put with setup',
      'crud',
      'pipelined',
      'timed',
      'open model',
    ]) {
      for (const r of byName(record, name)) {
        expect(r.errors, `${name} run ${r.index}`).toEqual({
          connection: 0,
          timeout: 0,
          status: 0,
          body: 0,
          protocol: 0,
          incomplete: 0,
        });
        expect(r.errorRate).toBe(0);
        expect(r.reqPerSec).toBeGreaterThan(0);
      }
    }
  });

  it('ends a run after the request count, or after the duration', () => {
    for (const name of ['get', 'post json', 'put with setup', 'crud', 'body mismatch']) {
      for (const r of byName(record, name)) expect(r.requests, name).toBe(200);
    }
    for (const r of byName(record, 'timed')) {
      expect(r.elapsedMs).toBeGreaterThanOrEqual(450);
      expect(r.elapsedMs).toBeLessThan(1_000);
    }
  });

  it('paces the open model at its rate', () => {
    for (const r of kept(byName(record, 'open model'))) {
      // 200 requests per second for one second.
      expect(r.requests).toBeGreaterThan(100);
      // Unpaced, these short requests would go at thousands per second.
      expect(r.requests).toBeLessThanOrEqual(300);
      expect(r.reqPerSec).toBeLessThan(320);
    }
  });

  it('fails as broken when a workload has no successful response, even without a baseline', () => {
    expect(result.out).toContain(
      '\n🔴 perfgate: broken — body mismatch: 2 of 2 runs had no successful response\n',
    );
    expect(result.err).toContain('perfgate: gate failed: broken — body mismatch');
  });

  it('counts every response of a body that does not match as a body error', () => {
    for (const r of byName(record, 'body mismatch')) {
      expect(r.errors.body).toBe(r.requests);
      expect(r.errors.status).toBe(0);
      expect(r.errorRate).toBe(1);
      expect(r.reqPerSec).toBe(0);
    }
  });

  it('runs the workloads in the order the seed gives (so --seed replays it)', () => {
    const workloads = record.workloads.map(() => ({ warmup: 1, runs: 2, minRuns: 5, maxRuns: 20 }));
    expect(roundOrders(record)).toEqual(expectedRoundOrders(workloads, SEED));
    // The order is shuffled, not the config order, in at least one round.
    expect(roundOrders(record).some((o) => o.some((wi, i) => wi !== i))).toBe(true);
  });
});
