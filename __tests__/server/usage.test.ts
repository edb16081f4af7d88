import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/start-server.ts';
import type { RunningServer } from '../../src/server/types.ts';
import { fixtureServerSpec } from '../helpers/fixture-server.ts';
import { freePort } from '../helpers/ports.ts';
import { expectNoChildProcesses } from '../helpers/processes.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'perfgate-usage-'));
const started: RunningServer[] = [];

async function start(env: Record<string, string>): Promise<RunningServer> {
  const spec = fixtureServerSpec(await freePort(), { env });
  const server = await startServer(spec, { logFile: path.join(dir, `${started.length}.log`) });
  started.push(server);
  return server;
}

/** Sends `count` sequential GET / requests. */
async function hit(server: RunningServer, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const res = await fetch(`${server.url}/`);
    await res.arrayBuffer();
  }
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
  await expectNoChildProcesses();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('server usage', () => {
  it('counts CPU time that grows with the CPU work per request', async () => {
    // 20 requests x 20,000 units x ~2.6 us = about 1 s of CPU: far above the 10 ms tick.
    const server = await start({ CPU_WORK: '20000' });
    const before = await server.usage();
    await hit(server, 20);
    const after = await server.usage();
    expect(after.cpuMs - before.cpuMs).toBeGreaterThan(200);

    const idle = await start({});
    const idleBefore = await idle.usage();
    await hit(idle, 20);
    const idleAfter = await idle.usage();
    expect(idleAfter.cpuMs - idleBefore.cpuMs).toBeLessThan(after.cpuMs - before.cpuMs);
  });

  it('sums CPU time over the whole tree, not only the leader', async () => {
    const server = await start({ CPU_WORK: '20000', FORK_CHILD: '2' });
    const before = await server.usage();
    await hit(server, 20);
    const after = await server.usage();
    expect(after.cpuMs - before.cpuMs).toBeGreaterThan(200);
  });

  it('tracks the peak RSS of the tree and resets it', async () => {
    const server = await start({ FORK_CHILD: '1' });
    const first = await server.usage();
    // Two node processes: tens of MB at least.
    expect(first.peakRssBytes).toBeGreaterThan(20 * 1024 * 1024);
    server.resetPeak();
    const second = await server.usage();
    expect(second.peakRssBytes).toBeGreaterThan(0);
    expect(second.peakRssBytes).toBeLessThanOrEqual(first.peakRssBytes * 1.5);
  });

  it('does not throw after the server has gone', async () => {
    const server = await start({});
    await server.stop();
    const usage = await server.usage();
    expect(usage.cpuMs).toBeGreaterThanOrEqual(0);
  });
});
