// What the tests of the built-in HTTP/1.1 load client share (native-engine.test.ts, whose cases
// do not depend on timing, and native-engine-timing.test.ts, whose cases do): a load runner
// driven as perfgate drives it, small real servers written with node:net and node:http, and the
// cleanup after each test (servers closed, the load process ended, no process left).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterAll, afterEach } from 'vitest';
import type { ResolvedWorkload } from '../../src/config/resolve.ts';
import type { RequestSpec } from '../../src/config/schema.ts';
import { createLoadRunner } from '../../src/load/load-runner.ts';
import type { LoadResult, LoadRunner } from '../../src/load/types.ts';
import { expectNoChildProcesses } from '../helpers/processes.ts';
import { workload } from './servers.ts';

export const NO_ERRORS: LoadResult['errors'] = {
  connection: 0,
  timeout: 0,
  status: 0,
  body: 0,
  protocol: 0,
  incomplete: 0,
};
/** Per-request timeout of runs whose responses should all arrive: a hang shows as timeouts. */
const TIMEOUT_MS = 2000;

const cleanups: (() => Promise<void>)[] = [];
let runner: LoadRunner | undefined;

/** Runs `stop` after the current test. */
export function onCleanup(stop: () => Promise<void>): void {
  cleanups.push(stop);
}

/**
 * Sets up a test file: the C client is compiled into a cache of the file's own (the load
 * processes inherit it), and after each test its servers are closed, the load process kept
 * between runs ends with the runner, and no process is left. Returns the cache folder.
 */
export function setUpNativeTests(): string {
  const cache = mkdtempSync(path.join(os.tmpdir(), 'perfgate-c-client-'));
  process.env.PERFGATE_CACHE_DIR = cache;
  afterAll(() => rmSync(cache, { recursive: true, force: true }));
  afterEach(async () => {
    for (let stop = cleanups.pop(); stop; stop = cleanups.pop()) await stop();
    await runner?.close?.();
    await expectNoChildProcesses();
  });
  return cache;
}

/** The runner the next runs use: a new one with `options` (the previous one is closed after the test). */
export function useRunner(options: Parameters<typeof createLoadRunner>[0] = {}): LoadRunner {
  runner = createLoadRunner(options);
  return runner;
}

/** The current runner (a default one if none was chosen). */
export function currentRunner(): LoadRunner {
  runner ??= createLoadRunner();
  return runner;
}

/** Runs `steps` once with the built-in client against `baseUrl`. */
export function run(
  baseUrl: string,
  steps: RequestSpec[],
  over: Partial<ResolvedWorkload>,
): Promise<LoadResult> {
  const w = workload(steps, { client: 'auto', timeoutMs: TIMEOUT_MS, ...over });
  return currentRunner().run(w, { baseUrl, cpus: null });
}

/** A listening server: its base URL and how many connections it accepted. */
export interface Listening {
  url: string;
  port: number;
  connections(): number;
}

/**
 * Listens on a free port of `host` and counts connections; the server and every connection
 * it holds are closed after the test. Rejects when `host` cannot be bound.
 */
export async function listen(server: net.Server, host = '127.0.0.1'): Promise<Listening> {
  const sockets = new Set<net.Socket>();
  let connections = 0;
  server.on('connection', (socket: net.Socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  onCleanup(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  const { port } = server.address() as AddressInfo;
  const hostPart = net.isIPv6(host) ? `[${host}]` : host;
  return { url: `http://${hostPart}:${port}`, port, connections: () => connections };
}

/** One request as a raw server read it: header names as sent, in order. */
export interface RawRequest {
  method: string;
  target: string;
  headers: [name: string, value: string][];
  body: Buffer;
}

/** Every value of a header, by case-insensitive name. */
export function headerValues(req: RawRequest, name: string): string[] {
  return req.headers.filter(([k]) => k.toLowerCase() === name).map(([, v]) => v);
}

/**
 * A TCP server that reads HTTP/1.1 requests (bodies framed by Content-Length) and leaves the
 * answer to `onRequest`, which writes whatever bytes it likes to the socket. `onConnection`
 * sees every socket first.
 */
export async function startRaw(
  onRequest: (req: RawRequest, socket: net.Socket) => void,
  options: { onConnection?: (socket: net.Socket) => void } = {},
): Promise<Listening & { requests: RawRequest[] }> {
  const requests: RawRequest[] = [];
  const server = net.createServer((socket) => {
    socket.on('error', () => {}); // the client hangs up as it likes
    options.onConnection?.(socket);
    let buf = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const [start = '', ...lines] = buf.toString('latin1', 0, end).split('\r\n');
        const headers = lines.map((line): [string, string] => {
          const colon = line.indexOf(':');
          return [line.slice(0, colon), line.slice(colon + 1).trim()];
        });
        const [method = '', target = ''] = start.split(' ');
        const req: RawRequest = { method, target, headers, body: Buffer.alloc(0) };
        const length = Number(headerValues(req, 'content-length')[0] ?? 0);
        if (buf.length < end + 4 + length) return;
        req.body = buf.subarray(end + 4, end + 4 + length);
        buf = buf.subarray(end + 4 + length);
        requests.push(req);
        onRequest(req, socket);
      }
    });
  });
  return { ...(await listen(server)), requests };
}

/** An http server on 127.0.0.1 (or `host`) answering with `handler`. */
export async function startHttp(
  handler: http.RequestListener,
  configure: (server: http.Server) => void = () => {},
  host?: string,
): Promise<Listening> {
  const server = http.createServer(handler);
  configure(server);
  return listen(server, host);
}

// A server whose event loop is stuck right after listen(): it never accepts, so the kernel
// queues the first connections (backlog 1: two on Linux) and then drops further SYNs, and those
// connects neither succeed nor fail (until the SYN retries give up, minutes later).
const STUCK_SERVER = `
const server = require('node:net').createServer();
server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
  console.log(server.address().port);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
});`;

/** Starts STUCK_SERVER in a child process (killed after the test); returns its base URL. */
export async function startStuckServer(script = STUCK_SERVER): Promise<string> {
  const child = spawn(process.execPath, ['-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  onCleanup(
    () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  );
  const port = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`stuck server exited with ${code}`)));
    child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim()));
  });
  return `http://127.0.0.1:${port}`;
}

export const GET_ROOT: RequestSpec[] = [{ method: 'GET', path: '/' }];

export const NATIVE_CLIENTS = [
  ['the C client where it can run', {}],
  ['the client in JavaScript', { cClient: false }],
] as const;

/**
 * GET / expecting the body "hello": with the client in JavaScript the body is checked; the C
 * client makes no body checks, so it gets the plain request (a body framed wrongly still shows,
 * as errors, or as connections opened again).
 */
export function helloStep(options: { cClient?: boolean }): RequestSpec[] {
  return options.cClient === false
    ? [{ method: 'GET', path: '/', expect: { body: 'hello' } }]
    : [{ method: 'GET', path: '/' }];
}
