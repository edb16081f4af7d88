// The built-in HTTP/1.1 load client's cases that depend on timing (native-harness.ts has the
// servers): per-request timeouts, runs ended by their duration, a stall at the end of a run, the
// connect before the clock starts, and which client runs while a run is going on. Run one file at
// a time with the CPU to themselves (vitest.config.ts); the other cases are in
// native-engine.test.ts. Every case runs with the C client and with the client in JavaScript.
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  currentRunner,
  GET_ROOT,
  NATIVE_CLIENTS,
  NO_ERRORS,
  onCleanup,
  run,
  setUpNativeTests,
  startHttp,
  startRaw,
  startStuckServer,
  useRunner,
} from './native-harness.ts';
import { workload } from './servers.ts';

const CACHE = setUpNativeTests();

// A server with the listen backlog of Python's socketserver (5: six queued connections on
// Linux) that is busy for 300 ms when its first connection comes: of 10 connections arriving at
// once, the kernel drops the SYNs of the last three and sends them again only after 1 s.
const TINY_BACKLOG_SERVER = `
const server = require('node:http').createServer((req, res) => res.end('ok'));
let first = true;
server.on('connection', () => {
  if (first) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
  first = false;
});
server.listen({ port: 0, host: '127.0.0.1', backlog: 5 }, () => console.log(server.address().port));`;

describe.each(NATIVE_CLIENTS)('%s', (_name, options) => {
  beforeAll(() => {
    useRunner(options);
  });

  describe('timeouts and timed runs', () => {
    it('counts timeouts of a path the server never answers', { timeout: 20_000 }, async () => {
      const server = await startHttp((req, res) => {
        if (req.url !== '/never') res.end('ok');
      });
      const r = await run(
        server.url,
        [
          { method: 'GET', path: '/ok' },
          { method: 'GET', path: '/never' },
        ],
        { timeoutMs: 200, durationMs: 1000, connections: 2 },
      );
      expect(r.errors.timeout).toBeGreaterThan(0);
      expect(r.errors.connection).toBe(0);
      expect(r.requests).toBeGreaterThan(0);
      expect(Object.keys(r.statusCounts)).toEqual(['200']);
    });

    it('goes on with the next step after a timeout, like after any failed request', async () => {
      const server = await startHttp((req, res) => {
        if (req.url !== '/never') res.end('ok');
      });
      const r = await run(
        server.url,
        [
          { method: 'GET', path: '/never' },
          { method: 'GET', path: '/ok' },
        ],
        { timeoutMs: 200, requests: 6, connections: 1 },
      );
      // /never, /ok, /never, /ok, ...: three timeouts and three answers.
      expect(r.errors).toEqual({ ...NO_ERRORS, timeout: 3 });
      expect(r.requests).toBe(3);
    });

    // The per-request timeout also covers the connect: a connection the server never accepts
    // counts a timeout after timeoutMs (autocannon does the same), not after the kernel's minutes.
    it('times out requests whose connection is never accepted', { timeout: 15_000 }, async () => {
      const baseUrl = await startStuckServer();
      const controller = new AbortController();
      onCleanup(async () => controller.abort()); // ends the worker if the run hangs
      const w = workload(GET_ROOT, { client: 'auto', requests: 4, connections: 4, timeoutMs: 300 });
      const r = await currentRunner().run(w, { baseUrl, cpus: null, signal: controller.signal });
      expect(r.requests).toBe(0);
      // Each request fails once: as a timeout (autocannon's count) or a connection error.
      expect(r.errors.timeout + r.errors.connection).toBe(4);
    });

    it('connects before the clock starts: a tiny listen backlog costs the run no SYN retransmit', async () => {
      const baseUrl = await startStuckServer(TINY_BACKLOG_SERVER);
      const r = await run(baseUrl, GET_ROOT, { requests: 10, connections: 10, timeoutMs: 5000 });
      expect(r.errors).toEqual(NO_ERRORS);
      expect(r.requests).toBe(10);
      // Connecting inside the run, the connections whose SYN was dropped sent after 1 s (1,056 ms
      // before this change; 30-65 ms with it).
      expect(r.elapsedMs).toBeLessThan(500);
    });

    it('counts a chunked body still unfinished when a timed run ends as incomplete', async () => {
      const server = await startRaw((_req, socket) =>
        socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n'),
      );
      const r = await run(server.url, GET_ROOT, {
        durationMs: 300,
        connections: 3,
        timeoutMs: 60_000,
      });
      expect(r.requests).toBe(0);
      expect(r.errors).toEqual({ ...NO_ERRORS, incomplete: 3 });
    });

    it('counts no request as incomplete that a stall at the end holds up past the run', async () => {
      // The server answers at once for 100 ms, then holds every answer 450 ms (a machine that
      // stalls the server just before the end of a short run): the requests it holds are
      // overdue when the 300 ms run ends, and answered in the drain, so they are not lost.
      let first = 0;
      const server = await startHttp((_req, res) => {
        const now = Date.now();
        if (first === 0) first = now;
        if (now - first < 100) res.end('ok');
        else setTimeout(() => res.end('ok'), 450);
      });
      const r = await run(server.url, GET_ROOT, { durationMs: 300, connections: 3 });
      expect(r.requests).toBeGreaterThan(0);
      expect(r.errors).toEqual(NO_ERRORS);
    });

    it('counts no request of a healthy timed run as incomplete', async () => {
      const server = await startHttp((_req, res) => res.end('ok'));
      const r = await run(server.url, GET_ROOT, { durationMs: 300, connections: 4 });
      expect(r.requests).toBeGreaterThan(0);
      expect(r.errors).toEqual(NO_ERRORS);
    });
  });
});

/** Load client processes of this file's C client cache that are running now. */
async function cClientsRunning(): Promise<number> {
  try {
    const { stdout } = await promisify(execFile)('pgrep', ['-f', `${CACHE}/load-client-`]);
    return stdout.trim().split('\n').filter(Boolean).length;
  } catch {
    return 0; // pgrep exits 1 when nothing matches
  }
}

describe('which client runs', () => {
  beforeAll(() => {
    useRunner();
  });

  it('the C client, compiled into the cache, for one fixed request', async () => {
    const server = await startHttp((_req, res) => res.end('ok'));
    const running = run(server.url, GET_ROOT, { durationMs: 1500, connections: 2 });
    let seen = 0;
    for (let i = 0; i < 40 && seen === 0; i++) {
      await sleep(50);
      seen = await cClientsRunning();
    }
    const r = await running;
    expect(seen).toBe(1);
    expect(r.client).toBe('c');
    expect(r.requests).toBeGreaterThan(0);
    expect(r.errors).toEqual(NO_ERRORS);
    expect(readdirSync(CACHE).filter((f) => f.startsWith('load-client-'))).toHaveLength(1);
  });

  it('refuses a PERFGATE_C_NAP_US that is not a whole number of microseconds, naming it', async () => {
    const server = await startHttp((_req, res) => res.end('ok'));
    process.env.PERFGATE_C_NAP_US = '20us';
    try {
      // The load process, and the C client it starts, read the environment when they start.
      useRunner();
      const running = run(server.url, GET_ROOT, { durationMs: 300, connections: 2 });
      await expect(running).rejects.toThrow(
        /the C load client exited with code 2: .*PERFGATE_C_NAP_US is "20us"; it must be a whole number of microseconds/,
      );
    } finally {
      delete process.env.PERFGATE_C_NAP_US;
      await currentRunner().close?.();
      useRunner();
    }
  });

  it('the client in JavaScript for a check of the body, which the C client does not make', async () => {
    const server = await startHttp((_req, res) => res.end('ok'));
    const running = run(server.url, [{ method: 'GET', path: '/', expect: { body: 'ok' } }], {
      durationMs: 600,
      connections: 2,
    });
    let seen = 0;
    for (let i = 0; i < 8; i++) {
      await sleep(50);
      seen += await cClientsRunning();
    }
    const r = await running;
    expect(seen).toBe(0);
    expect(r.client).toBe('javascript');
    expect(r.requests).toBeGreaterThan(0);
    expect(r.errors).toEqual(NO_ERRORS);
  });
});
