// A server perfgate did not start (`server: { url }`, no command), started here by the test as
// docker compose or a services: container would: recorded, then measured and compared.
// Absolute objectives broken and kept. And a run on a system without /proc (simulated with
// PERFGATE_PROC_DIR), whose CPU and memory are reported as not measured.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultsRecordSchema } from '../../src/record/record.ts';
import { runCli } from '../helpers/cli.ts';
import { FIXTURE_SERVER } from '../helpers/fixture-server.ts';
import { expectNoChildProcesses } from '../helpers/processes.ts';

/** Starts fixtures/server.mjs on a free port; resolves with it and its URL. */
async function startFixture(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [FIXTURE_SERVER], {
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let text = '';
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    text += chunk.toString();
    const m = /listening on (http:\/\/\S+)/.exec(text);
    if (m) return { child, url: m[1] as string };
  }
  throw new Error(`the fixture server did not start: ${text}`);
}

function config(server: string, objectives: string, extra = ''): string {
  return `server: ${server}
defaults: { connections: 2, runs: 3, warmup: 0, requests: 100 }
${extra}workloads:
  - name: hello
    path: /
    objectives: ${objectives}
`;
}

describe('a server perfgate did not start', () => {
  let fixture: { child: ChildProcess; url: string };
  let dir: string;

  beforeAll(async () => {
    fixture = await startFixture();
    dir = await mkdtemp(path.join(os.tmpdir(), 'perfgate-running-'));
  });

  afterAll(async () => {
    fixture.child.kill('SIGTERM');
    if (fixture.child.exitCode === null) await once(fixture.child, 'exit');
  });

  it('is recorded, then measured and compared, and left running', async () => {
    const file = path.join(dir, 'perfgate.yml');
    const server = `{ url: '${fixture.url}', pid: ${fixture.child.pid} }`;
    await writeFile(file, config(server, '{ p99: 5s, errors: 1% }'));
    const rec = await runCli(['record', '--config', file], { timeoutMs: 60_000 });
    expect(rec.code, rec.err).toBe(0);
    const out = path.join(dir, 'results.json');
    const run = await runCli(['run', '--config', file, '--out', out], { timeoutMs: 60_000 });
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(/perfgate: no regression|inconclusive/);
    expect(run.out).toMatch(/errors ≤ 1\.00% .*🟢 met/);
    expect(run.err).not.toContain('starting the server');
    expect(run.err).toContain(`measuring the running server at ${fixture.url}`);
    const record = resultsRecordSchema.parse(JSON.parse(await readFile(out, 'utf8')));
    // CPU and memory of the given pid's process tree.
    const runs = record.workloads[0]?.runs ?? [];
    expect(runs.some((r) => r.peakRssBytes !== null)).toBe(true);
    expect(fixture.child.exitCode).toBeNull();
  }, 130_000);

  it('without a pid: CPU and memory not measured; a broken objective fails the gate', async () => {
    const file = path.join(dir, 'no-pid.yml');
    await writeFile(file, config(`{ url: '${fixture.url}' }`, '{ p50: 0.001ms, throughput: 1 }'));
    const r = await runCli(['run', '--config', file, '--out', path.join(dir, 'np.json')], {
      timeoutMs: 60_000,
    });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /🔴 perfgate: 1 objective broken \(hello p50 .* \(objective ≤ 1\.0 µs\)\)/,
    );
    expect(r.out).toMatch(/req\/s ≥ 1\.0 req\/s .*🟢 met/);
    expect(r.err).toContain('gate failed: 1 objective broken');
    const record = resultsRecordSchema.parse(
      JSON.parse(await readFile(path.join(dir, 'np.json'), 'utf8')),
    );
    for (const run of record.workloads[0]?.runs ?? []) {
      expect(run.cpuMsPerRequest).toBeNull();
      expect(run.peakRssBytes).toBeNull();
    }
  }, 70_000);

  it('refuses same-runner comparisons, which start two builds', async () => {
    const file = path.join(dir, 'same-runner.yml');
    await writeFile(file, config(`{ url: '${fixture.url}' }`, '{ errors: 1% }'));
    const r = await runCli(['run', '--config', file, '--compare-to', 'base'], {
      timeoutMs: 30_000,
    });
    expect(r.code).toBe(2);
    expect(r.err).toContain('needs server.command');
  }, 40_000);
});

describe('a system without /proc', () => {
  afterAll(() => expectNoChildProcesses());

  it('completes with server CPU and memory marked not measured, and gates the rest', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'perfgate-noproc-'));
    const file = path.join(dir, 'perfgate.yml');
    await writeFile(
      file,
      config(
        `{ command: 'node ${FIXTURE_SERVER}', port: auto, env: { PORT: '{{port}}' }, ready: { url: 'http://127.0.0.1:{{port}}/health' } }`,
        '{ errors: 1% }',
      ),
    );
    const env = { PERFGATE_PROC_DIR: path.join(dir, 'no-proc-here') };
    const rec = await runCli(['record', '--config', file], { env, timeoutMs: 60_000 });
    expect(rec.code, rec.err).toBe(0);
    const r = await runCli(['run', '--config', file], { env, timeoutMs: 60_000 });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/CPU\/req/);
    expect(r.out).toMatch(/not measured|–/);
    expect(r.out).toMatch(/perfgate: (no regression|inconclusive)/);
  }, 130_000);
});
