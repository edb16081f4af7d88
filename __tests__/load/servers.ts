// Servers for the load tests: the shared fixture server (fixtures/server.mjs) in a child
// process, and a small in-process server that records every request it gets.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { ResolvedWorkload } from '../../src/config/resolve.ts';
import { DEFAULT_THRESHOLDS } from '../../src/config/resolve.ts';
import type { RequestSpec } from '../../src/config/schema.ts';
import { FIXTURE_SERVER } from '../helpers/fixture-server.ts';

/** A started fixture server; stop() ends it. */
export interface FixtureServer {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts fixtures/server.mjs on a free port with the given knobs. */
export function startFixture(knobs: Record<string, string> = {}): Promise<FixtureServer> {
  const child = spawn(process.execPath, [FIXTURE_SERVER], {
    env: { ...process.env, ...knobs, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`fixture server exited with ${code}`)));
    child.stdout?.on('data', (d: Buffer) => {
      const m = /listening on (\S+)/.exec(d.toString());
      if (m) resolve({ url: m[1] as string, child, stop });
    });
  });
}

/** One request as the recording server saw it. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** When the request had been read, in ms (performance.now()). */
  at: number;
  /** The client's port: requests with the same one came over the same connection. */
  remotePort: number;
}

/** A started in-process server that records requests; `answer` decides each response. */
export interface RecordingServer {
  url: string;
  seen: SeenRequest[];
  stop(): Promise<void>;
}

/** Starts a recording server on 127.0.0.1, port 0. */
export async function startRecorder(
  answer: (req: SeenRequest) => { status: number; body: string; headers?: Record<string, string> },
): Promise<RecordingServer> {
  const seen: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: SeenRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: performance.now(),
        remotePort: req.socket.remotePort ?? 0,
      };
      seen.push(r);
      const a = answer(r);
      res.writeHead(a.status, { 'content-type': 'application/json', ...(a.headers ?? {}) });
      res.end(a.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The load clients a closed-model workload can run on, as [label, workload `client`], for
 * describe.each: 'auto' picks the built-in client for these workloads (pipelining 1, no rate,
 * http://), 'autocannon' forces autocannon. Open-model and pipelined workloads always run on
 * autocannon, whatever `client` says.
 */
export const CLIENTS: [label: string, client: ResolvedWorkload['client']][] = [
  ['built-in', 'auto'],
  ['autocannon', 'autocannon'],
];

/** A short workload with every load option filled in; `over` overrides any field. */
export function workload(
  steps: RequestSpec[],
  over: Partial<ResolvedWorkload> = {},
): ResolvedWorkload {
  return {
    name: 'test',
    steps,
    setup: [],
    thresholds: DEFAULT_THRESHOLDS,
    connections: 4,
    pipelining: 1,
    durationMs: 1000,
    requests: null,
    rate: null,
    timeoutMs: 5000,
    runs: 1,
    warmup: 0,
    minRuns: 2,
    maxRuns: 2,
    budgetMs: 60_000,
    client: 'auto',
    latency: 'corrected',
    minRateShare: 0.95,
    ...over,
  };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
