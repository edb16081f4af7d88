import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createLoadRunner } from '../../src/load/load-runner.ts';
import { LoadError } from '../../src/load/types.ts';
import {
  CLIENTS,
  startFixture,
  startRecorder,
  workload,
  type RecordingServer,
  type SeenRequest,
} from './servers.ts';

const runner = createLoadRunner();
let server: RecordingServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});
afterAll(() => runner.close?.());

/** A task API like the fixture's, answering from memory; `omitId` drops the id on create. */
function taskApi(omitId = false) {
  let next = 1;
  return (req: SeenRequest) => {
    if (req.method === 'POST' && req.url === '/tasks') {
      const id = next++;
      const task = omitId
        ? { name: 't' }
        : { id, name: 't', meta: { tags: [{ id: `tag-${id}` }] } };
      return { status: 201, body: JSON.stringify(task), headers: { Location: `/tasks/${id}` } };
    }
    if (/^\/tasks\/\d+$/.test(req.url)) return { status: 200, body: '{"ok":true}' };
    return { status: 404, body: '{"error":"no route"}' };
  };
}

describe.each(CLIENTS)('%s client', (_label, client) => {
  describe('requests with bodies', () => {
    it('sends an object body as JSON with a JSON content-type', async () => {
      server = await startRecorder((req) => ({ status: 200, body: req.body }));
      const r = await runner.run(
        workload([{ method: 'POST', path: '/echo', body: { name: 'a "quoted" name', n: 1 } }], {
          client,
          requests: 20,
        }),
        { baseUrl: server.url, cpus: null },
      );
      expect(r.requests).toBe(20);
      expect(server.seen).toHaveLength(20);
      for (const s of server.seen) {
        expect(s.method).toBe('POST');
        expect(s.headers['content-type']).toBe('application/json');
        expect(JSON.parse(s.body)).toEqual({ name: 'a "quoted" name', n: 1 });
      }
    });

    it('sends string bodies, methods and headers as given', async () => {
      server = await startRecorder(() => ({ status: 204, body: '' }));
      await runner.run(
        workload(
          [
            {
              method: 'PATCH',
              path: '/x?y=1',
              headers: { 'x-token': 'abc', 'content-type': 'text/plain' },
              body: 'raw',
            },
          ],
          { client, requests: 5, connections: 1 },
        ),
        { baseUrl: server.url, cpus: null },
      );
      expect(server.seen.map((s) => [s.method, s.url, s.headers['x-token'], s.body])).toEqual(
        Array(5).fill(['PATCH', '/x?y=1', 'abc', 'raw']),
      );
    });
  });

  describe('multi-step sequences', () => {
    it('runs CRUD steps in order with captured ids, never a literal template', async () => {
      server = await startRecorder(taskApi());
      const r = await runner.run(
        workload(
          [
            {
              method: 'POST',
              path: '/tasks',
              body: { name: 't' },
              capture: { id: 'body.id', tag: 'body.meta.tags.0.id', loc: 'headers.location' },
            },
            { method: 'GET', path: '/tasks/{{id}}', headers: { 'x-tag': '{{tag}}' } },
            { method: 'PUT', path: '{{loc}}', body: { name: '{{tag}}' } },
            { method: 'DELETE', path: '/tasks/{{id}}' },
          ],
          { client, requests: 80, connections: 2 },
        ),
        { baseUrl: server.url, cpus: null },
      );
      expect(r.requests).toBe(80);
      expect(r.errors).toEqual({
        connection: 0,
        timeout: 0,
        status: 0,
        body: 0,
        protocol: 0,
        incomplete: 0,
      });
      const seen = server.seen;
      expect(seen.some((s) => s.url.includes('{') || s.url.includes('%7B'))).toBe(false);
      const gets = seen.filter((s) => s.method === 'GET');
      expect(gets.length).toBeGreaterThan(10);
      for (const g of gets) {
        const id = /^\/tasks\/(\d+)$/.exec(g.url)?.[1];
        expect(id).toBeDefined();
        expect(g.headers['x-tag']).toBe(`tag-${id}`);
      }
      const puts = seen.filter((s) => s.method === 'PUT');
      expect(puts.every((p) => JSON.parse(p.body).name.startsWith('tag-'))).toBe(true);
      // Each connection keeps its own order: its POST, GET, PUT, DELETE of the same task.
      expect(seen.filter((s) => s.method === 'DELETE').length).toBe(20);
    });

    it('counts a missing capture as a body error and restarts the sequence', async () => {
      server = await startRecorder(taskApi(true));
      const r = await runner.run(
        workload(
          [
            { method: 'POST', path: '/tasks', body: { name: 't' }, capture: { id: 'body.id' } },
            { method: 'GET', path: '/tasks/{{id}}' },
          ],
          { client, requests: 30, connections: 2 },
        ),
        { baseUrl: server.url, cpus: null },
      );
      expect(r.errors.body).toBe(r.requests);
      expect(r.requests).toBeGreaterThan(0);
      expect(server.seen.every((s) => s.method === 'POST' && s.url === '/tasks')).toBe(true);
    });

    it('runs the CRUD sequence against the fixture server', async () => {
      const fixture = await startFixture();
      try {
        const r = await runner.run(
          workload(
            [
              { method: 'POST', path: '/tasks', body: { name: 't' }, capture: { id: 'body.id' } },
              { method: 'GET', path: '/tasks/{{id}}', expect: { body: '"name":"t"' } },
              { method: 'PUT', path: '/tasks/{{id}}', body: { name: 'u' } },
              { method: 'DELETE', path: '/tasks/{{id}}', expect: { status: 200 } },
            ],
            // A count, not a duration: this file runs beside others at a low CPU priority, where
            // a timed run may get few requests in and leave its last ones to the drain.
            { client, requests: 80, connections: 4 },
          ),
          { baseUrl: fixture.url, cpus: null },
        );
        expect(r.requests).toBe(80);
        expect(r.errors).toEqual({
          connection: 0,
          timeout: 0,
          status: 0,
          body: 0,
          protocol: 0,
          incomplete: 0,
        });
        expect(Object.keys(r.statusCounts).sort()).toEqual(['200', '201']);
      } finally {
        await fixture.stop();
      }
    });
  });

  it('hands values captured by setup requests to the measured run', async () => {
    server = await startRecorder(taskApi());
    const w = workload([{ method: 'GET', path: '/tasks/{{id}}' }], {
      client,
      requests: 10,
      setup: [
        {
          method: 'POST',
          path: '/tasks',
          body: { name: 's' },
          capture: { id: 'body.id', code: 'status' },
        },
        {
          method: 'POST',
          path: '/tasks',
          body: { name: '{{id}}' },
          capture: { second: 'body.id' },
        },
      ],
    });
    const vars = await runner.setup(w, { baseUrl: server.url, cpus: null });
    expect(vars).toEqual({ id: '1', code: '201', second: '2' });
    expect(JSON.parse(server.seen[1]?.body ?? '')).toEqual({ name: '1' });
    const r = await runner.run(w, { baseUrl: server.url, cpus: null, vars });
    expect(r.requests).toBe(10);
    expect(server.seen.slice(2).every((s) => s.url === '/tasks/1')).toBe(true);
  });
});

// Setup requests run in the parent process, without a load client.
describe('setup requests', () => {
  it('fails with the step, the status and the body when a setup step is refused', async () => {
    server = await startRecorder(taskApi());
    const w = workload([{ method: 'GET', path: '/' }], {
      setup: [{ method: 'DELETE', path: '/everything' }],
    });
    const failure = runner.setup(w, { baseUrl: server.url, cpus: null });
    await expect(failure).rejects.toBeInstanceOf(LoadError);
    await expect(failure).rejects.toThrow(
      /setup\[0\] \(DELETE \/everything\): expected status 2xx, got 404; body: .*no route/,
    );
  });

  it('fails when a setup response lacks a value to capture', async () => {
    server = await startRecorder(taskApi(true));
    const w = workload([{ method: 'GET', path: '/' }], {
      setup: [{ method: 'POST', path: '/tasks', capture: { id: 'body.id' } }],
    });
    await expect(runner.setup(w, { baseUrl: server.url, cpus: null })).rejects.toThrow(
      /lacks id \(body\.id\)/,
    );
  });
});
