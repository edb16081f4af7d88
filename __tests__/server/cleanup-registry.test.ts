import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { killRecordedServers } from '../../src/server/cleanup-registry.ts';
import { fixtureServerSpec, REPO_ROOT } from '../helpers/fixture-server.ts';
import { freePort } from '../helpers/ports.ts';
import {
  descendants,
  expectNoChildProcesses,
  expectNoMarkedProcesses,
  isRunning,
  markedProcesses,
  waitForExit,
} from '../helpers/processes.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'perfgate-registry-'));
// Bundled once per test run (__tests__/global-setup.ts): no TypeScript compiled at each start.
const CHILD_SCRIPT = path.join(inject('helpersDir'), 'start-server-child.js');
const children: ChildProcess[] = [];

interface Started {
  child: ChildProcess;
  /** The server's tree as seen once it was ready: leader and descendants. */
  serverPids: number[];
}

/** Runs start-server-child.ts and waits for its `ready <pid>` line. */
async function startChild(
  mode: 'wait' | 'exit',
  pidFile?: string,
  options: {
    knobs?: Record<string, string>;
    env?: Record<string, string>;
    stopMs?: number;
    /** Started under `nice -n <nice>`. */
    nice?: number;
  } = {},
): Promise<Started> {
  const spec = fixtureServerSpec(await freePort(), {
    env: { FORK_CHILD: '1', ...options.knobs },
    ...(options.stopMs ? { stopTimeoutMs: options.stopMs } : {}),
  });
  const args = [CHILD_SCRIPT, JSON.stringify(spec), mode];
  if (pidFile) args.push(pidFile);
  const [file, argv] =
    options.nice === undefined
      ? [process.execPath, args]
      : ['nice', ['-n', String(options.nice), process.execPath, ...args]];
  const child = spawn(file, argv, {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      LOG_FILE: path.join(dir, `child-${children.length}.log`),
      ...options.env,
    },
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
    // No watchdog: the pid file is the backstop under test.
    const noWatchdog = { env: { PERFGATE_WATCHDOG: '0' } };
    const { child, serverPids } = await startChild('wait', pidFile, noWatchdog);
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

  // A launcher that does not forward SIGTERM, and a server that called setsid under it: the
  // server is in neither the launcher's process group nor, after the launcher died, its tree.
  const setsidServer = { FORK_CHILD: '1', CHILD_DETACHED: '1', NO_FORWARD: '1' };

  it('the post step finds a setsid server by its cookie after perfgate was killed', async () => {
    const pidFile = path.join(dir, 'setsid.pid.json');
    const { child } = await startChild('wait', pidFile, {
      knobs: setsidServer,
      env: { PERFGATE_WATCHDOG: '0' },
    });
    const owner = child.pid as number;
    expect(markedProcesses(owner).length).toBeGreaterThanOrEqual(2);
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
    expect(await killRecordedServers(pidFile, 2_000)).toBeGreaterThanOrEqual(2);
    await expectNoMarkedProcesses(owner, 3_000);
  });

  it('a watchdog stops every marked process within seconds of a kill -9', async () => {
    const { child } = await startChild('wait', undefined, { knobs: setsidServer });
    const owner = child.pid as number;
    expect(markedProcesses(owner).length).toBeGreaterThanOrEqual(2);
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
    await expectNoMarkedProcesses(owner, 5_000);
  });

  /** A perfgate without a watchdog killed with -9: its setsid server is left; returns its pid. */
  async function killedOwner(): Promise<number> {
    const { child } = await startChild('wait', undefined, {
      knobs: setsidServer,
      env: { PERFGATE_WATCHDOG: '0' },
    });
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
    return child.pid as number;
  }

  /** Starts a perfgate-like process (with `env`), then stops it. */
  async function startAndStop(env: Record<string, string> = {}): Promise<void> {
    const next = await startChild('wait', undefined, { env });
    next.child.kill('SIGTERM');
    await once(next.child, 'exit');
  }

  it('the next start stops processes an earlier, killed perfgate left behind', async () => {
    const owner = await killedOwner();
    await sleep(300);
    expect(markedProcesses(owner).length, 'left behind without a watchdog').toBeGreaterThan(0);
    await startAndStop();
    await expectNoMarkedProcesses(owner, 1_000);
  });

  it('with PERFGATE_STOP_ORPHANS=0 the next start leaves them to their own backstop', async () => {
    const owner = await killedOwner();
    const left = markedProcesses(owner).length;
    expect(left, 'left behind without a watchdog').toBeGreaterThan(0);
    await startAndStop({ PERFGATE_STOP_ORPHANS: '0' });
    expect(markedProcesses(owner)).toHaveLength(left);
    // The default start stops them.
    await startAndStop();
    await expectNoMarkedProcesses(owner, 1_000);
  });

  // The server runs in a session of its own, which Linux's autogroup scheduling puts in a group
  // of its own at nice 0: without this, a niced perfgate's server would take the CPU like any
  // other session.
  it("gives the server's session the niceness of the perfgate that started it", async (ctx) => {
    const { child, serverPids } = await startChild('wait', undefined, { nice: 7 });
    const leader = serverPids[0] as number;
    let group: string;
    try {
      group = readFileSync(`/proc/${leader}/autogroup`, 'utf8');
    } catch {
      child.kill('SIGTERM');
      await once(child, 'exit');
      return ctx.skip('no autogroup scheduling here (/proc/<pid>/autogroup is absent)');
    }
    const nice = os.getPriority(child.pid as number);
    expect(nice).toBeGreaterThanOrEqual(7);
    expect(group.trim()).toMatch(new RegExp(`^/autogroup-\\d+ nice ${nice}$`));
    child.kill('SIGTERM');
    await once(child, 'exit');
  });

  it('a second SIGINT cuts the grace period short but still waits for the kill', async () => {
    // The server ignores SIGTERM and would get 60 s of grace.
    const { child, serverPids } = await startChild('wait', undefined, {
      knobs: { IGNORE_SIGTERM: '1' },
      stopMs: 60_000,
    });
    const owner = child.pid as number;
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = once(child, 'exit');
    const t0 = Date.now();
    child.kill('SIGINT');
    await sleep(500);
    expect(isRunning(owner), 'still in the grace period').toBe(true);
    child.kill('SIGINT');
    const [code, signal] = (await exited) as [number | null, string | null];
    expect({ code, signal }).toEqual({ code: 130, signal: null });
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect(stderr).toContain('SIGINT again: killing 1 server(s) now');
    expect(serverPids.filter(isRunning)).toEqual([]);
    expect(markedProcesses(owner)).toEqual([]);
  });
});
