// Readiness probes: an HTTP URL answering 2xx/3xx (or a configured status), a TCP port
// accepting, or a log line.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ResolvedServer } from '../config/resolve.ts';
import type { LogCapture } from './log-capture.ts';

/** How the server signals it is ready. */
export type Readiness = ResolvedServer['ready'];

const POLL_MS = 50;
const PROBE_TIMEOUT_MS = 2_000;

/** Host and port a readiness check talks to, or null when it waits for a log line. */
export function readinessEndpoint(ready: Readiness): { host: string; port: number } | null {
  if (ready.kind === 'port') return { host: '127.0.0.1', port: ready.port };
  if (ready.kind === 'log') return null;
  const u = new URL(ready.url);
  const port = u.port !== '' ? Number(u.port) : u.protocol === 'https:' ? 443 : 80;
  return { host: u.hostname.replace(/^\[(.*)\]$/, '$1'), port };
}

/** Human-readable target of a readiness check, for error messages. */
export function describeReadiness(ready: Readiness): string {
  if (ready.kind === 'url') return ready.url;
  if (ready.kind === 'port') return `port ${ready.port} on 127.0.0.1`;
  return `${JSON.stringify(ready.text)} in the server output`;
}

/** True when something accepts a TCP connection on host:port right now. */
export function isPortOpen(
  host: string,
  port: number,
  timeoutMs = PROBE_TIMEOUT_MS,
): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Status of one GET to `url`, or null when no HTTP answer came (refused, reset, timeout). */
export function probeUrl(url: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<number | null> {
  return new Promise((resolve) => {
    const get = url.startsWith('https:') ? https.get : http.get;
    // agent: false, so no keep-alive socket of ours lingers on the server under test. The lenient
    // parser accepts what the built-in load client accepts (lines ended by a bare LF): this
    // probe only asks whether the server answers, on loopback, so smuggling is no concern.
    const req = get(url, { agent: false, timeout: timeoutMs, insecureHTTPParser: true }, (res) => {
      res.resume();
      resolve(res.statusCode ?? null);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(null));
  });
}

/**
 * Whether a readiness probe's answer means ready: by default 2xx or 3xx, so a mistyped health
 * path (404) or a server still failing (500) is not taken for ready; `status` overrides.
 */
export function isReadyStatus(status: number | null, want?: number[] | 'any'): boolean {
  if (status === null) return false;
  if (want === 'any') return true;
  if (want) return want.includes(status);
  return status >= 200 && status < 400;
}

/** A promise that rejects with the signal's reason once it aborts. */
function whenAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/**
 * Resolves once the server is ready: `url` answers with a ready status, `port` accepts a
 * TCP connection, or `log` text appears in `log`. Polls every 50 ms until `signal` aborts, then
 * rejects with the signal's reason at once (also mid-probe); timeouts and early exits are the
 * caller's to turn into aborts.
 */
export async function waitUntilReady(
  ready: Readiness,
  log: LogCapture,
  signal: AbortSignal,
): Promise<void> {
  const aborted = whenAborted(signal);
  if (ready.kind === 'log') {
    await Promise.race([log.waitForText(ready.text), aborted]);
    return;
  }
  const endpoint = readinessEndpoint(ready) as { host: string; port: number };
  const probe = async () =>
    ready.kind === 'url'
      ? isReadyStatus(await probeUrl(ready.url), ready.status)
      : await isPortOpen(endpoint.host, endpoint.port);
  for (;;) {
    if (await Promise.race([probe(), aborted])) return;
    await Promise.race([sleep(POLL_MS), aborted]);
  }
}
