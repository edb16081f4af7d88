import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/start-server.ts';
import { ServerError, type RunningServer } from '../../src/server/types.ts';
import { fixtureServerSpec } from '../helpers/fixture-server.ts';
import { freePort, occupyPort } from '../helpers/ports.ts';
import { expectNoChildProcesses, isRunning } from '../helpers/processes.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'perfgate-server-'));
const logFile = (name: string) => path.join(dir, `${name}.log`);
const started: RunningServer[] = [];

/** Starts and remembers the server so afterEach stops it even when an assertion fails. */
async function start(...args: Parameters<typeof startServer>): Promise<RunningServer> {
  const server = await startServer(...args);
  started.push(server);
  return server;
}

/** The error startServer() rejects with; fails the test when it resolves. */
async function startError(...args: Parameters<typeof startServer>): Promise<unknown> {
  try {
    started.push(await startServer(...args));
  } catch (err) {
    return err;
  }
  throw new Error('startServer() resolved, expected it to fail');
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
  await expectNoChildProcesses();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('startServer readiness', () => {
  it.each(['url', 'port', 'log'] as const)('waits until ready by %s and serves', async (ready) => {
    const port = await freePort();
    const server = await start(fixtureServerSpec(port, { ready }), { logFile: logFile(ready) });
    expect(server.url).toBe(`http://127.0.0.1:${port}`);
    const res = await fetch(`${server.url}/`);
    expect(await res.text()).toBe('Hello, World!');
    expect(server.exitInfo()).toBeNull();
    expect(server.logTail()).toContain(`listening on http://127.0.0.1:${port}`);
    await server.stop();
    expect(readFileSync(server.logFile, 'utf8')).toContain('listening on');
    expect(isRunning(server.pid)).toBe(false);
  });

  it('picks a free port for port: auto and fills in {{port}}', async () => {
    const spec = {
      ...fixtureServerSpec(0),
      command: 'node fixtures/server.mjs --port={{port}}',
      env: { PORT: '{{port}}' },
      ready: { kind: 'url' as const, url: 'http://127.0.0.1:{{port}}/health' },
      url: 'http://127.0.0.1:{{port}}',
      port: 'auto' as const,
    };
    const server = await start(spec, { logFile: logFile('auto') });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).not.toContain(':0');
    expect(await (await fetch(`${server.url}/`)).text()).toBe('Hello, World!');
    expect(server.logTail()).toContain(`listening on ${server.url}`);
  });

  it('waits through a slow start', async () => {
    const port = await freePort();
    const spec = fixtureServerSpec(port, { env: { START_DELAY_MS: '300' } });
    const server = await start(spec, { logFile: logFile('slow') });
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });

  it('times out with the log tail when the server never becomes ready', async () => {
    const port = await freePort();
    // 3 s: the fixture (a Node process) must have started and printed its line by then, also
    // when this file waits for the CPU behind the timing files (npm test runs it at nice 19).
    const spec = fixtureServerSpec(port, { env: { NEVER_READY: '1' }, readyTimeoutMs: 3000 });
    const t0 = Date.now();
    const err = await startError(spec, { logFile: logFile('never') });
    expect(err).toBeInstanceOf(ServerError);
    const message = (err as ServerError).message;
    expect(message).toContain('server did not become ready within 3s');
    expect(message).toContain(`(waiting for http://127.0.0.1:${port}/health)`);
    expect(message).toContain('never listening (NEVER_READY=1)');
    expect((err as ServerError).logTail).toContain('NEVER_READY');
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('reports an exit at start with the exit code and the log tail', async () => {
    const port = await freePort();
    const spec = fixtureServerSpec(port, { env: { EXIT_AT_START: '3' } });
    const err = await startError(spec, { logFile: logFile('exit') });
    expect(err).toBeInstanceOf(ServerError);
    expect((err as Error).message).toMatch(/server exited \(exit code 3\) before it became ready/);
    expect((err as Error).message).toContain('exiting at start with code 3');
  });

  it('reports a command that does not exist', async () => {
    const port = await freePort();
    const spec = fixtureServerSpec(port, { command: 'no-such-command-perfgate' });
    const err = await startError(spec, { logFile: logFile('missing') });
    expect((err as Error).message).toMatch(/exit code 127/);
    expect((err as Error).message).toMatch(/not found/);
  });

  it('refuses to start when another process already listens on the port', async () => {
    const holder = await occupyPort();
    try {
      for (const ready of ['url', 'port'] as const) {
        const err = await startError(fixtureServerSpec(holder.port, { ready }), {
          logFile: logFile('taken'),
        });
        expect(err).toBeInstanceOf(ServerError);
        expect((err as Error).message).toBe(
          `port ${holder.port} on 127.0.0.1 is already in use by another process; stop it or change the port`,
        );
      }
    } finally {
      await holder.close();
    }
  });

  it('shows EADDRINUSE from the server log when its port is taken', async () => {
    const holder = await occupyPort();
    try {
      // Readiness by log and a base URL elsewhere: only the server itself can notice the clash.
      const spec = {
        ...fixtureServerSpec(await freePort(), { ready: 'log' }),
        env: { PORT: String(holder.port) },
      };
      const err = await startError(spec, { logFile: logFile('eaddrinuse') });
      expect(err).toBeInstanceOf(ServerError);
      expect((err as Error).message).toMatch(/exit code 1/);
      expect((err as Error).message).toContain('EADDRINUSE');
    } finally {
      await holder.close();
    }
  });

  it('rejects a cwd that does not exist', async () => {
    const spec = { ...fixtureServerSpec(await freePort()), cwd: path.join(dir, 'missing') };
    const err = await startError(spec, { logFile: logFile('cwd') });
    expect((err as Error).message).toMatch(/server.cwd .* is not a directory/);
  });

  it('pins the server to CPUs with taskset', async () => {
    const port = await freePort();
    const server = await start(fixtureServerSpec(port, { cpus: '0' }), {
      logFile: logFile('cpus'),
    });
    const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
    expect(status).toMatch(/Cpus_allowed_list:\s+0\n/);
  });
});

describe('startServer while running', () => {
  it('sets exitInfo when the server crashes mid-run', async () => {
    const port = await freePort();
    const spec = fixtureServerSpec(port, { env: { CRASH_AFTER: '2' } });
    const server = await start(spec, { logFile: logFile('crash') });
    for (let i = 0; i < 2; i++) expect((await fetch(`${server.url}/`)).status).toBe(200);
    await expect(fetch(`${server.url}/`)).rejects.toThrow();
    for (let i = 0; i < 100 && server.exitInfo() === null; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(server.exitInfo()).toEqual({ code: 1, signal: null });
    expect(server.logTail()).toContain('crashing after 2 requests');
  });

  it('does not set exitInfo when stopped', async () => {
    const server = await start(fixtureServerSpec(await freePort()), { logFile: logFile('stop') });
    await server.stop();
    expect(server.exitInfo()).toBeNull();
  });
});

describe('startServer with an abort signal', () => {
  it('stops the server and rejects when aborted while waiting', async () => {
    const controller = new AbortController();
    const spec = fixtureServerSpec(await freePort(), { env: { NEVER_READY: '1' } });
    const promise = startServer(spec, { logFile: logFile('abort'), signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    await expect(promise).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('rejects at once when already aborted', async () => {
    const spec = fixtureServerSpec(await freePort());
    const signal = AbortSignal.abort();
    await expect(startServer(spec, { logFile: logFile('aborted'), signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('stops a running server when aborted later', async () => {
    const controller = new AbortController();
    const spec = fixtureServerSpec(await freePort());
    const server = await start(spec, { logFile: logFile('abort-late'), signal: controller.signal });
    controller.abort();
    await expectNoChildProcesses();
    expect(isRunning(server.pid)).toBe(false);
  });
});
