import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { killRecordedServers } from '../../src/server/cleanup-registry.ts';
import { fixtureServerSpec, REPO_ROOT } from '../helpers/fixture-server.ts';
import { freePort } from '../helpers/ports.ts';
import {
  descendants,
  expectNoChildProcesses,
  isRunning,
  waitForExit,
} from '../helpers/processes.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'perfgate-registry-'));
const CHILD_SCRIPT = path.join(REPO_ROOT, '__tests__/helpers/start-server-child.ts');
const children: ChildProcess[] = [];

interface Started {
  child: ChildProcess;
  /** The server's tree as seen once it was ready: leader and descendants. */
  serverPids: number[];
}

/** Runs start-server-child.ts and waits for its `ready <pid>` line. */
async function startChild(mode: 'wait' | 'exit', pidFile?: string): Promise<Started> {
  const spec = fixtureServerSpec(await freePort(), { env: { FORK_CHILD: '1' } });
  const args = ['--import', 'tsx', CHILD_SCRIPT, JSON.stringify(spec), mode];
  if (pidFile) args.push(pidFile);
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_FILE: path.join(dir, `child-${children.length}.log`) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  for await (const line of lines) {
    const m = /^ready (\d+)$/.exec(line);
    if (!m) continue;
    const leader = Number(m[1]);
    // In exit mode the leader may already be gone again; collect what is there.
    return { child, serverPids: [leader, ...descendants(leader).map((p) => p.pid)] };
  }
  throw new Error(`child ended without reporting ready; stderr:\n${stderr}`);
}

afterEach(async () => {
  for (const c of children.splice(0))
    if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await expectNoChildProcesses();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cleanup registry', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('stops the server tree on %s and exits with %i', async (signal, code) => {
    const { child, serverPids } = await startChild('wait');
    expect(serverPids.length).toBeGreaterThanOrEqual(2);
    expect(serverPids.every(isRunning)).toBe(true);
    const exited = once(child, 'exit');
    child.kill(signal);
    const [exitCode] = await exited;
    expect(exitCode).toBe(code);
    await waitForExit(serverPids, 1_000);
  });

  it('kills the server tree when the process exits without stopping it', async () => {
    const { child, serverPids } = await startChild('exit');
    const [exitCode] = child.exitCode !== null ? [child.exitCode] : await once(child, 'exit');
    expect(exitCode).toBe(0);
    await waitForExit(serverPids, 2_000);
  });

  it('records servers in a pid file that a later process can kill them from', async () => {
    const pidFile = path.join(dir, 'servers.pid.json');
    const { child, serverPids } = await startChild('wait', pidFile);
    const recorded = JSON.parse(readFileSync(pidFile, 'utf8')) as { servers: { pgid: number }[] };
    expect(recorded.servers.map((s) => s.pgid)).toEqual([serverPids[0]]);
    // A cancelled job: the perfgate process dies without any chance to clean up.
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
    expect(serverPids.filter(isRunning).length).toBeGreaterThan(0);
    expect(await killRecordedServers(pidFile, 2_000)).toBe(1);
    await waitForExit(serverPids, 3_000);
    // Nothing left to kill the second time.
    expect(await killRecordedServers(pidFile, 100)).toBe(0);
    expect(await killRecordedServers(path.join(dir, 'missing.json'))).toBe(0);
    expect(existsSync(pidFile)).toBe(true);
  });
});
