// server.restart through the real CLI: how many servers a session starts (progress lines and
// server logs in --log-dir), the runs' order per policy, and errors counted from a server that
// fails every 10th request. The three sessions run side by side to keep the file short.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultsRecordSchema, type ResultsRecord } from '../../src/record/record.ts';
import { runCli, type CliResult } from '../helpers/cli.ts';
import { expectNoChildProcesses } from '../helpers/processes.ts';
import { expectedRoundOrders, roundOrders } from '../helpers/run-order.ts';

const POLICIES = ['per-run', 'per-workload', 'never'] as const;
type Policy = (typeof POLICIES)[number];
const SEED = 1234;

interface Session {
  result: CliResult;
  record: ResultsRecord;
  logDir: string;
  outFile: string;
}

const sessions = {} as Record<Policy, Session>;

async function runPolicy(policy: Policy): Promise<Session> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `perfgate-restart-${policy}-`));
  // --out into folders that do not exist yet: perfgate creates them.
  const outFile = path.join(dir, 'not', 'yet', 'there', 'results.json');
  const logDir = path.join(dir, 'logs');
  const config = `fixtures/configs/cli/restart-${policy}.yml`;
  const args = ['run', '-c', config, '-o', outFile, '--seed', String(SEED), '--log-dir', logDir];
  const result = await runCli(args, { timeoutMs: 90_000 });
  if (result.code !== 0) throw new Error(`${policy}: exit ${result.code}\n${result.err}`);
  const record = resultsRecordSchema.parse(JSON.parse(await readFile(outFile, 'utf8')));
  return { result, record, logDir, outFile };
}

const serverStarts = (s: Session) => s.result.err.match(/^starting the server.*$/gm) ?? [];

describe('perfgate run: server.restart', () => {
  beforeAll(async () => {
    const done = await Promise.all(POLICIES.map(runPolicy));
    POLICIES.forEach((p, i) => (sessions[p] = done[i] as Session));
  }, 100_000);

  afterAll(() => expectNoChildProcesses());

  it('per-run starts a fresh server for every run', async () => {
    const s = sessions['per-run'];
    expect(serverStarts(s)).toHaveLength(4);
    expect((await readdir(s.logDir)).sort()).toEqual([
      'server-1.log',
      'server-2.log',
      'server-3.log',
      'server-4.log',
    ]);
    for (const f of await readdir(s.logDir)) {
      expect(await readFile(path.join(s.logDir, f), 'utf8')).toContain('listening on');
    }
  });

  it('per-workload starts one server per workload, named in the progress', async () => {
    const s = sessions['per-workload'];
    expect(serverStarts(s).sort()).toEqual([
      'starting the server for "hello"',
      'starting the server for "json"',
    ]);
    expect((await readdir(s.logDir)).sort()).toEqual(['server-1.log', 'server-2.log']);
    // Each workload's runs form one block.
    const order = s.record.workloads
      .flatMap((w) => w.runs.map((r) => ({ name: w.name, at: r.startedAt })))
      .sort((a, b) => a.at.localeCompare(b.at))
      .map((r) => r.name);
    expect([order.slice(0, 2), order.slice(2)].map((b) => new Set(b).size)).toEqual([1, 1]);
  });

  it('never starts one server for the whole session', async () => {
    const s = sessions.never;
    expect(serverStarts(s)).toEqual(['starting the server']);
    expect(await readdir(s.logDir)).toEqual(['server-1.log']);
  });

  it('writes the results into folders it creates', () => {
    for (const p of POLICIES) {
      expect(existsSync(sessions[p].outFile), p).toBe(true);
      expect(sessions[p].result.err).toContain(`results written to ${sessions[p].outFile}`);
    }
  });

  it('replays the same run order from the same seed', () => {
    const expected = expectedRoundOrders(
      [0, 1].map(() => ({ warmup: 1, runs: 1, minRuns: 5, maxRuns: 20 })),
      SEED,
    );
    expect(roundOrders(sessions['per-run'].record)).toEqual(expected);
    expect(roundOrders(sessions.never.record)).toEqual(expected);
  });

  it('counts the failing responses: an error rate of 0.1, all of them status errors', () => {
    for (const p of POLICIES) {
      for (const w of sessions[p].record.workloads) {
        for (const r of w.runs) {
          const where = `${p} ${w.name} run ${r.index}`;
          expect(r.requests, where).toBe(200);
          expect(r.errors.status, where).toBeGreaterThan(0);
          expect(r.errors.connection + r.errors.timeout + r.errors.body, where).toBe(0);
          expect(r.errorRate, where).toBeCloseTo(0.1, 2);
        }
      }
    }
  });
});
