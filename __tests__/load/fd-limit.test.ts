// Open-files limits: a run whose connections need more file descriptors than the soft limit
// gets its load process started with the limit raised (up to the hard limit); one that needs
// more than the hard limit is refused before any load, naming `ulimit -n` and the number.
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FD_OVERHEAD, fdLimitFor, readFdLimits } from '../../src/load/fd-limit.ts';
import type { LoadResult } from '../../src/load/types.ts';

describe('fdLimitFor', () => {
  it('keeps the limit that suffices, raises to the hard limit, refuses above it', () => {
    expect(fdLimitFor(100, { soft: 1024, hard: 4096 })).toBeNull();
    expect(fdLimitFor(2000, { soft: 1024, hard: 4096 })).toBe(4096);
    expect(fdLimitFor(2000, null)).toBeNull();
    expect(() => fdLimitFor(5000, { soft: 1024, hard: 4096 })).toThrow(
      `raise it with \`ulimit -n ${5000 + FD_OVERHEAD}\``,
    );
  });

  it('reads the limits of this process', () => {
    const limits = readFdLimits();
    expect(limits?.soft).toBeGreaterThan(0);
    expect(limits?.hard).toBeGreaterThanOrEqual(limits?.soft ?? 0);
  });
});

const ROOT = path.resolve(import.meta.dirname, '..', '..');
// fd-limit-run.ts, bundled once per test run (__tests__/global-setup.ts).
const SCRIPT = path.join(inject('helpersDir'), 'fd-limit-run.js');
const CONNECTIONS = 400;

let server: http.Server;
let url = '';
beforeAll(async () => {
  // In this process, whose limit is not lowered: it holds the other end of every connection.
  server = http.createServer({ keepAlive: true }, (_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Runs fd-limit-run.ts under `ulimits` (shell ulimit arguments); its parsed output. */
function runUnder(ulimits: string): Promise<LoadResult & { error?: string }> {
  const argv = [process.execPath, SCRIPT, url, String(CONNECTIONS)];
  const child = spawn('sh', ['-c', `${ulimits} && exec "$0" "$@"`, ...argv], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', () => {
      try {
        resolve(JSON.parse(out.trim().split('\n').at(-1) ?? ''));
      } catch {
        reject(new Error(`no result from ${SCRIPT}: ${out}`));
      }
    });
  });
}

describe(`${CONNECTIONS} connections under a low open-files limit`, () => {
  it('raises a soft limit that is too low, up to the hard limit, and runs cleanly', async () => {
    const r = await runUnder('ulimit -S -n 200 && ulimit -H -n 4096');
    expect(r.error).toBeUndefined();
    expect(r.requests).toBeGreaterThan(0);
    // Every connection opened and answered: no refused, reset, timed-out or garbled request.
    // (Requests still waiting when this 1 s run of 400 connections ends may count as
    // incomplete: the overdue rule counts from when a request was queued, connecting included.)
    const { incomplete: _incomplete, ...rest } = r.errors;
    expect(rest).toEqual({ connection: 0, timeout: 0, status: 0, body: 0, protocol: 0 });
  });

  it('refuses before the run when the hard limit is too low, naming ulimit -n', async () => {
    const r = await runUnder('ulimit -S -n 200 && ulimit -H -n 200');
    expect(r.error).toContain(
      `${CONNECTIONS} connections need about ${CONNECTIONS + FD_OVERHEAD} open files`,
    );
    expect(r.error).toContain(`ulimit -n ${CONNECTIONS + FD_OVERHEAD}`);
    expect(r.requests).toBeUndefined();
  });
});
