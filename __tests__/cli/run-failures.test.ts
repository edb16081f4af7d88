// A server that cannot start or dies, through the real CLI: exit 3, the cause and the server's
// last output on stderr, no results file (never a partial one), and no process left behind.
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.ts';
import { FIXTURE_SERVER } from '../helpers/fixture-server.ts';
import { occupyPort } from '../helpers/ports.ts';
import { expectNoChildProcesses } from '../helpers/processes.ts';

let dir: string;
let outFile: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'perfgate-fail-'));
  outFile = path.join(dir, 'out', 'results.json');
});

afterEach(async () => {
  await expectNoChildProcesses();
  // No results when the session failed, not even a partial or temporary file.
  expect(existsSync(path.dirname(outFile))).toBe(false);
});

async function runFailing(config: string): Promise<CliResult> {
  const r = await runCli(['run', '--config', config, '--out', outFile, '--seed', '1'], {
    timeoutMs: 40_000,
  });
  expect(r.code, r.err).toBe(3);
  expect(r.out, 'no summary for a failed session').not.toContain('| workload');
  return r;
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe('perfgate run: when the server fails', () => {
  it('never ready: says what it waited for and how long, with the log tail', async () => {
    const r = await runFailing('fixtures/configs/cli/fail-never-ready.yml');
    expect(r.err).toMatch(
      /perfgate: server did not become ready within 1s \(waiting for http:\/\/127\.0\.0\.1:\d+\/health\)/,
    );
    expect(r.err).toContain('--- last lines of ');
    expect(count(r.err, 'fixture: never listening (NEVER_READY=1)')).toBe(1);
    // The log named in the error is still there to read (a temporary log folder is removed
    // only after a session that ends well: breakage.test.ts).
    const log = /--- last lines of (.+) ---/.exec(r.err)?.[1] ?? '';
    expect(existsSync(log), log).toBe(true);
  });

  it('exits at start: the exit code and what the server printed on stderr', async () => {
    const r = await runFailing('fixtures/configs/cli/fail-exit-at-start.yml');
    expect(r.err).toContain('perfgate: server exited (exit code 3) before it became ready');
    // The server's own message, quoted once (not once by the start and again by the CLI).
    expect(count(r.err, 'fixture: exiting at start with code 3 (EXIT_AT_START)')).toBe(1);
  });

  it('a daemonising command: says the daemon keeps the port, and stops it', async () => {
    const r = await runFailing('fixtures/configs/cli/fail-daemon.yml');
    const named = r.err.match(
      /perfgate: the server command exited \(exit code 0, but left 1 process running in the background that keeps port \d+ open \(pid (\d+): .*server\.mjs\)\)/,
    );
    expect(named, r.err).not.toBeNull();
    // The daemon, not the middle process of the double fork (it lingers 400 ms, then exits).
    const middle = /fixture: pid \d+ daemonising via pid (\d+)/.exec(r.err)?.[1];
    expect(middle, r.err).toBeDefined();
    expect(named?.[1]).not.toBe(middle);
    expect(r.err).toContain('the command daemonised its server');
    // afterEach: nothing left, found by the test's own environment marker.
  });

  it('crashes during a run: names the workload and the run', async () => {
    const r = await runFailing('fixtures/configs/cli/fail-crash.yml');
    expect(r.err).toContain('perfgate: the server exited during run 1 of "hello" (exit code 1)');
    expect(r.err).toMatch(/\n--- last lines of \S+server-1\.log ---\n/);
    expect(count(r.err, 'fixture: crashing after 50 requests (CRASH_AFTER)')).toBe(1);
  });

  it('the port is taken: says so before starting anything', async () => {
    const holder = await occupyPort();
    try {
      const config = path.join(dir, 'fixed-port.yml');
      await writeFile(
        config,
        [
          'server:',
          `  command: node ${JSON.stringify(FIXTURE_SERVER)}`,
          `  env: { PORT: '${holder.port}' }`,
          `  ready: { url: 'http://127.0.0.1:${holder.port}/health', timeout: 5s }`,
          'defaults: { duration: 1s, runs: 2, warmup: 0 }',
          'workloads:',
          '  - { name: hello, path: / }',
          '',
        ].join('\n'),
      );
      const r = await runFailing(config);
      expect(r.err).toContain(
        `perfgate: port ${holder.port} on 127.0.0.1 is already in use by another process`,
      );
      expect(r.err).not.toContain('the server printed nothing');
    } finally {
      await holder.close();
    }
  });

  it('the command does not exist: says the shell did not find it', async () => {
    const r = await runFailing('fixtures/configs/cli/fail-no-binary.yml');
    expect(r.err).toContain('server exited (exit code 127) before it became ready');
    expect(r.err).toContain('the shell did not find the command');
    expect(r.err).toMatch(/no-such-binary-xyz: (command )?not found/);
  });
});
