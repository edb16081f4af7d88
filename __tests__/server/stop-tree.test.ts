import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/start-server.ts';
import type { RunningServer } from '../../src/server/types.ts';
import { fixtureServerSpec } from '../helpers/fixture-server.ts';
import { freePort } from '../helpers/ports.ts';
import {
  descendants,
  expectNoChildProcesses,
  isRunning,
  readProcess,
} from '../helpers/processes.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'perfgate-stop-'));
const started: RunningServer[] = [];

async function start(env: Record<string, string>, stopTimeoutMs = 5_000): Promise<RunningServer> {
  const spec = fixtureServerSpec(await freePort(), { env, stopTimeoutMs });
  const server = await startServer(spec, { logFile: path.join(dir, `${started.length}.log`) });
  started.push(server);
  return server;
}

/** Pids of the server's tree: the leader and everything below it. */
function treePids(server: RunningServer): number[] {
  return [server.pid, ...descendants(server.pid).map((p) => p.pid)];
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
  await expectNoChildProcesses();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('stopping a server', () => {
  it('stops a process tree deeper than one, including a child in its own process group', async () => {
    const server = await start({ FORK_CHILD: '2', CHILD_DETACHED: '1' });
    const pids = treePids(server);
    // sh (unless it execs node), node, node, node: at least three node levels.
    expect(pids.length).toBeGreaterThanOrEqual(3);
    const groups = new Set(pids.map((pid) => readProcess(pid)?.pgid));
    expect(groups.size).toBeGreaterThan(1);
    await server.stop();
    expect(pids.filter(isRunning)).toEqual([]);
  });

  it('sends SIGKILL after the grace period when SIGTERM is ignored', async () => {
    const server = await start({ IGNORE_SIGTERM: '1', FORK_CHILD: '1' }, 500);
    const pids = treePids(server);
    const t0 = Date.now();
    await server.stop();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(450);
    expect(pids.filter(isRunning)).toEqual([]);
    expect(server.logTail()).toContain('ignoring SIGTERM');
  });

  it('is idempotent and works through await using', async () => {
    const server = await start({});
    await Promise.all([server.stop(), server.stop()]);
    await server.stop();
    expect(isRunning(server.pid)).toBe(false);

    let pid = 0;
    {
      await using s = await start({});
      pid = s.pid;
      expect(isRunning(pid)).toBe(true);
    }
    expect(isRunning(pid)).toBe(false);
  });

  it('kills descendants outside the process group that ignore SIGTERM', async () => {
    const server = await start({ IGNORE_SIGTERM: '1', FORK_CHILD: '2', CHILD_DETACHED: '1' }, 300);
    const pids = treePids(server);
    expect(new Set(pids.map((pid) => readProcess(pid)?.pgid)).size).toBeGreaterThan(1);
    await server.stop();
    expect(pids.filter(isRunning)).toEqual([]);
  });

  it('stops the rest of the tree after the leader died', async () => {
    const server = await start({ FORK_CHILD: '2' });
    const pids = treePids(server);
    process.kill(server.pid, 'SIGKILL');
    for (let i = 0; i < 100 && server.exitInfo() === null; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(server.exitInfo()).toMatchObject({ code: null, signal: 'SIGKILL' });
    expect(server.exitInfo()?.leftRunning?.processes.length).toBeGreaterThan(0);
    // The orphans were re-parented away from the tree but are still in its process group.
    expect(pids.filter(isRunning).length).toBeGreaterThan(0);
    await server.stop();
    expect(pids.filter(isRunning)).toEqual([]);
  });
});
