import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoadRunner } from '../../src/load/load-runner.ts';
import { rateShortfall } from '../../src/load/latency-basis.ts';
import { LoadError, type LoadProgress, type RateDelivery } from '../../src/load/types.ts';
import {
  CLIENTS,
  closedPort,
  startFixture,
  startRecorder,
  workload,
  type FixtureServer,
} from './servers.ts';

const runner = createLoadRunner();
const hasTaskset = !spawnSync('taskset', ['-V']).error;

let fixture: FixtureServer;
beforeAll(async () => {
  fixture = await startFixture();
});
afterAll(async () => {
  await fixture?.stop();
  await runner.close?.();
});

describe.each(CLIENTS)('closed model against the fixture server, %s client', (_label, client) => {
  it('measures GET latencies per response in microseconds', async () => {
    const progress: LoadProgress[] = [];
    const w = workload([{ method: 'GET', path: '/' }], { client, durationMs: 1500 });
    const r = await runner.run(w, {
      baseUrl: fixture.url,
      cpus: null,
      onProgress: (p) => progress.push(p),
    });
    expect(r.requests).toBeGreaterThan(100);
    expect(r.statusCounts).toEqual({ '200': r.requests });
    expect(r.errors).toEqual({
      connection: 0,
      timeout: 0,
      status: 0,
      body: 0,
      protocol: 0,
      incomplete: 0,
    });
    const l = r.latencyUs;
    expect(l.p50).toBeGreaterThan(0);
    expect(l.p50).toBeLessThanOrEqual(l.p90);
    expect(l.p50).toBeLessThan(l.p99);
    expect(l.p99).toBeLessThanOrEqual(l.max);
    // Microsecond resolution: whole-millisecond values everywhere would mean ms buckets.
    expect([l.p50, l.p90, l.p99].some((v) => v % 1000 !== 0)).toBe(true);
    expect(r.elapsedMs).toBeGreaterThan(1400);
    expect(r.elapsedMs).toBeLessThan(5000);
    expect(r.reqPerSec).toBeCloseTo(r.requests / (r.elapsedMs / 1000), 6);
    expect(r.bytesPerSec).toBeGreaterThan(r.reqPerSec * 13); // "Hello, World!" plus headers
    expect(r.loadCpu).toBeGreaterThan(0);
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress[0]?.requests).toBeGreaterThan(0);
  });

  it('stops at the request count', async () => {
    const r = await runner.run(
      workload([{ method: 'GET', path: '/json' }], { client, requests: 300, connections: 7 }),
      { baseUrl: fixture.url, cpus: null },
    );
    expect(r.requests).toBe(300);
    expect(r.errors.status).toBe(0);
  });

  it('counts unexpected statuses and missing body text as errors', async () => {
    const status = await runner.run(
      workload([{ method: 'GET', path: '/', expect: { status: 201 } }], { client, requests: 50 }),
      { baseUrl: fixture.url, cpus: null },
    );
    expect(status.errors.status).toBe(50);
    expect(status.reqPerSec).toBe(0);
    const notFound = await runner.run(
      workload([{ method: 'GET', path: '/nope' }], { client, requests: 20 }),
      {
        baseUrl: fixture.url,
        cpus: null,
      },
    );
    expect(notFound.errors.status).toBe(20);
    expect(notFound.statusCounts).toEqual({ '404': 20 });
    const body = await runner.run(
      workload([{ method: 'GET', path: '/json', expect: { body: 'Goodbye' } }], {
        client,
        requests: 30,
      }),
      { baseUrl: fixture.url, cpus: null },
    );
    expect(body.errors).toEqual({
      connection: 0,
      timeout: 0,
      status: 0,
      body: 30,
      protocol: 0,
      incomplete: 0,
    });
    const listed = await runner.run(
      workload(
        [{ method: 'GET', path: '/nope', expect: { status: [200, 404], body: 'no route' } }],
        { client, requests: 10 },
      ),
      { baseUrl: fixture.url, cpus: null },
    );
    expect(listed.errors).toEqual({
      connection: 0,
      timeout: 0,
      status: 0,
      body: 0,
      protocol: 0,
      incomplete: 0,
    });
  });

  it.skipIf(!hasTaskset)('pins the load generator to CPUs with taskset', async () => {
    const w = workload([{ method: 'GET', path: '/' }], { client, requests: 100 });
    const r = await runner.run(w, { baseUrl: fixture.url, cpus: '0' });
    expect(r.requests).toBe(100);
  });
});

// A fixed rate always runs on autocannon (the built-in client is closed-model only).
describe('open model against the fixture server', () => {
  it('holds a fixed rate in the open model, evenly spaced', async () => {
    const server = await startRecorder(() => ({ status: 200, body: 'ok' }));
    try {
      const r = await runner.run(
        workload([{ method: 'GET', path: '/' }], { rate: 200, connections: 5, durationMs: 1000 }),
        { baseUrl: server.url, cpus: null },
      );
      expect(r.client).toBe('autocannon');
      expect(r.requests).toBeGreaterThan(150);
      expect(r.requests).toBeLessThan(250);
      // Paced, not in bursts: about a quarter of the requests arrive in the first quarter.
      const first = server.seen[0]?.at ?? 0;
      const early = server.seen.filter((s) => s.at - first < 250).length;
      expect(early).toBeGreaterThan(20);
      expect(early).toBeLessThan(100);
    } finally {
      await server.stop();
    }
  });

  it('flags a rate the connections cannot deliver, with the achieved rate', async () => {
    const slow = await startFixture({ DELAY_MS: '50' });
    try {
      // Two connections answered after 50 ms each can send ~40 req/s, not 1000.
      const w = workload([{ method: 'GET', path: '/' }], {
        rate: 1000,
        connections: 2,
        durationMs: 1000,
      });
      const r = await runner.run(w, { baseUrl: slow.url, cpus: null });
      expect(r.latencyBasis).toBe('intended');
      const rate = r.rate as RateDelivery;
      expect(rate.target).toBe(1000);
      expect(rate.achieved).toBeLessThan(200);
      expect(rate.due).toBeGreaterThan(500);
      expect(rate.dropped).toBeGreaterThan(rate.due / 2);
      expect(rateShortfall(rate)).toMatch(
        /^sent \d+ req\/s of the 1000 req\/s asked for \(\d+(\.\d)?%, below min-rate-share 95%\); \d+ requests were due but not sent: give the workload more connections, or a lower rate$/,
      );
    } finally {
      await slow.stop();
    }
  });

  it('counts the time a request waited behind a slow one in the open model', async () => {
    const slow = await startFixture({ DELAY_MS: '100' });
    try {
      // One connection, a request due every 20 ms, each answered after 100 ms: the schedule
      // slips further behind with every request, and the latency says so.
      const r = await runner.run(
        workload([{ method: 'GET', path: '/' }], { rate: 50, connections: 1, durationMs: 1000 }),
        { baseUrl: slow.url, cpus: null },
      );
      expect(r.requests).toBeGreaterThanOrEqual(5);
      expect(r.requests).toBeLessThanOrEqual(11);
      expect(r.latencyUs.max).toBeGreaterThan(400_000);
      expect(r.latencyUs.p50).toBeGreaterThan(150_000);
    } finally {
      await slow.stop();
    }
  });
});

describe.each(CLIENTS)('failures of a closed-model run, %s client', (_label, client) => {
  it('counts connection errors when nothing listens', async () => {
    const port = await closedPort();
    const w = workload([{ method: 'GET', path: '/' }], { client, durationMs: 500 });
    const r = await runner.run(w, {
      baseUrl: `http://127.0.0.1:${port}`,
      cpus: null,
    });
    expect(r.requests).toBe(0);
    expect(r.errors.connection).toBeGreaterThan(0);
    expect(r.reqPerSec).toBe(0);
  });

  it('counts timeouts when the server answers too late', async () => {
    const slow = await startFixture({ DELAY_MS: '2000' });
    try {
      const r = await runner.run(
        workload([{ method: 'GET', path: '/' }], {
          client,
          timeoutMs: 300,
          durationMs: 1000,
          connections: 2,
        }),
        { baseUrl: slow.url, cpus: null },
      );
      expect(r.errors.timeout).toBeGreaterThanOrEqual(2);
      expect(r.requests).toBe(0);
    } finally {
      await slow.stop();
    }
  });

  it('counts requests still unanswered when a timed run ends as incomplete', async () => {
    const slow = await startFixture({ DELAY_MS: '5000' });
    try {
      const r = await runner.run(
        workload([{ method: 'GET', path: '/' }], {
          client,
          timeoutMs: 60_000,
          durationMs: 400,
          connections: 2,
        }),
        { baseUrl: slow.url, cpus: null },
      );
      expect(r.requests).toBe(0);
      expect(r.errors.incomplete).toBe(2);
      expect(r.errors.timeout + r.errors.connection + r.errors.protocol).toBe(0);
    } finally {
      await slow.stop();
    }
  });

  it('counts no request of a healthy timed run as incomplete', async () => {
    const w = workload([{ method: 'GET', path: '/' }], { client, durationMs: 300 });
    const r = await runner.run(w, { baseUrl: fixture.url, cpus: null });
    expect(r.requests).toBeGreaterThan(0);
    expect(r.errors.incomplete).toBe(0);
  });

  it('kills the run when aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const started = Date.now();
    const w = workload([{ method: 'GET', path: '/' }], { client, durationMs: 20_000 });
    const run = runner.run(w, {
      baseUrl: fixture.url,
      cpus: null,
      signal: controller.signal,
    });
    await expect(run).rejects.toBeInstanceOf(LoadError);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('failures independent of the client', () => {
  it('refuses a template no step can fill, before sending anything', async () => {
    const w = workload([{ method: 'GET', path: '/tasks/{{id}}' }]);
    await expect(runner.run(w, { baseUrl: fixture.url, cpus: null })).rejects.toThrow(
      /steps\[0\].*\{\{id\}\}/,
    );
  });

  it('reports a crashed worker with the tail of its output', async () => {
    const crashing = createLoadRunner({
      workerArgs: ['-e', 'console.error("loadgen: something broke"); process.exit(3)'],
    });
    const run = crashing.run(workload([{ method: 'GET', path: '/' }]), {
      baseUrl: fixture.url,
      cpus: null,
    });
    await expect(run).rejects.toBeInstanceOf(LoadError);
    await expect(run).rejects.toThrow(/exited with code 3:\nloadgen: something broke/);
  });
});
