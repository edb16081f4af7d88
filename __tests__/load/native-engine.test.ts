// The built-in HTTP/1.1 load client, driven through the load runner as perfgate drives it,
// against small real servers written here with node:net and node:http (native-harness.ts): the
// body framings, connection lifecycles and failures a server may put it through, in cases whose
// outcome does not depend on timing (runs bounded by a request count, generous timeouts); the
// timeouts, timed runs and which client runs are in native-engine-timing.test.ts. Every case
// runs twice: with the C client (src/load/load-client.c, which runs workloads of one fixed
// request: most cases here) and with the client in JavaScript (src/load/native-engine.ts, which
// runs the rest and stands in where no C compiler is). The workloads are closed-model with
// pipelining 1 over http://, so client 'auto' runs them on the built-in client; 'sends the body
// with its byte length...' checks that it really does.
import type http from 'node:http';
import type net from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  GET_ROOT,
  headerValues,
  helloStep,
  type Listening,
  NATIVE_CLIENTS,
  NO_ERRORS,
  onCleanup,
  run,
  setUpNativeTests,
  startHttp,
  startRaw,
  useRunner,
} from './native-harness.ts';
import { closedPort, startRecorder } from './servers.ts';

setUpNativeTests();

describe.each(NATIVE_CLIENTS)('%s', (_name, options) => {
  beforeAll(() => {
    useRunner(options);
  });

  describe('response framing', () => {
    it('reads chunked bodies for body checks and captures', async () => {
      const seen: http.IncomingMessage[] = [];
      const server = await startHttp((req, res) => {
        seen.push(req);
        if (req.url !== '/chunked') return res.end('{}');
        // No content-length: node sends the two writes as two chunks.
        res.writeHead(200, { 'content-type': 'application/json', location: '/items/42' });
        res.write('{"id":4');
        setImmediate(() => res.end('2,"name":"chunked"}'));
      });
      const r = await run(
        server.url,
        [
          {
            method: 'GET',
            path: '/chunked',
            expect: { body: '"name":"chunked"' },
            capture: { id: 'body.id', loc: 'headers.location' },
          },
          { method: 'GET', path: '/items/{{id}}', headers: { 'x-loc': '{{loc}}' } },
        ],
        { requests: 20, connections: 2 },
      );
      expect(r.errors).toEqual(NO_ERRORS);
      expect(r.requests).toBe(20);
      const items = seen.filter((req) => req.url !== '/chunked');
      expect(items.map((req) => [req.url, req.headers['x-loc']])).toEqual(
        Array(10).fill(['/items/42', '/items/42']),
      );
    });

    // Each server closes the connection after every response; the client opens a new one.
    it.each([
      ['HTTP/1.0 with Content-Length', 'HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nhello'],
      [
        'HTTP/1.1 with Connection: close',
        'HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 5\r\n\r\nhello',
      ],
      ['a body framed by the close', 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nhello'],
    ])('reconnects after each response of a server that closes: %s', async (_name, response) => {
      const server = await startRaw((_req, socket) => socket.end(response));
      const r = await run(server.url, helloStep(options), { requests: 20, connections: 2 });
      expect(r.requests).toBe(20);
      expect(r.errors).toEqual(NO_ERRORS);
      expect(server.connections()).toBe(20);
    });

    // Hand-written servers (a few lines of C or a shell script) often skip the reason phrase or
    // end lines with a bare LF; curl and browsers accept both, and so does the built-in client.
    it.each([
      ['a status line without a reason phrase', 'HTTP/1.1 200\r\nContent-Length: 5\r\n\r\nhello'],
      ['lines ended by a bare LF', 'HTTP/1.1 200 OK\nContent-Length: 5\n\nhello'],
      [
        'a chunked body with bare LF lines',
        'HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n3\nhel\n2\nlo\n0\n\n',
      ],
    ])('keeps the connection to a lenient server: %s', async (_name, response) => {
      const server = await startRaw((_req, socket) => socket.write(response));
      const r = await run(server.url, helloStep(options), { requests: 20, connections: 2 });
      expect(r.requests).toBe(20);
      expect(r.errors).toEqual(NO_ERRORS);
      expect(server.connections()).toBe(2);
    });

    // Found by the differential test against llhttp (parser-vs-llhttp.test.ts): the codings
    // come over two header lines, and the last one, chunked, frames the body.
    it('frames a body by chunked when Transfer-Encoding is split over two header lines', async () => {
      const response =
        'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n' +
        '5\r\nhello\r\n0\r\n\r\n';
      const server = await startRaw((_req, socket) => socket.write(response));
      const r = await run(server.url, helloStep(options), { requests: 20, connections: 2 });
      expect(r.requests).toBe(20);
      expect(r.errors).toEqual(NO_ERRORS);
      expect(server.connections()).toBe(2);
    });

    it('expects no body after HEAD, whatever Content-Length says', async () => {
      const server = await startRaw((_req, socket) =>
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 42\r\n\r\n'),
      );
      const r = await run(server.url, [{ method: 'HEAD', path: '/' }], { requests: 20 });
      expect(r.requests).toBe(20);
      expect(r.errors).toEqual(NO_ERRORS);
      expect(server.requests.map((req) => req.method)).toEqual(Array(20).fill('HEAD'));
    });

    it('expects no body after 204 and 304 and keeps the connection', async () => {
      const server = await startRaw((req, socket) =>
        socket.write(
          req.target === '/204'
            ? 'HTTP/1.1 204 No Content\r\nX-Deleted: yes\r\n\r\n'
            : // A 304 may give the length of the representation it stands for; no body follows.
              'HTTP/1.1 304 Not Modified\r\nETag: "v1"\r\nContent-Length: 10\r\n\r\n',
        ),
      );
      const r = await run(
        server.url,
        [
          { method: 'DELETE', path: '/204', expect: { status: 204 } },
          { method: 'GET', path: '/304', expect: { status: 304 } },
        ],
        { requests: 20, connections: 2 },
      );
      expect(r.errors).toEqual(NO_ERRORS);
      expect(r.statusCounts).toEqual({ '204': 10, '304': 10 });
      expect(server.connections()).toBe(2);
    });
  });

  describe('connections', () => {
    it('moves on without errors when the server ends keep-alive after 3 requests', async () => {
      const server = await startHttp(
        (_req, res) => res.end('ok'),
        (s) => {
          s.maxRequestsPerSocket = 3;
        },
      );
      const r = await run(server.url, GET_ROOT, { requests: 30, connections: 2 });
      expect(r.requests).toBe(30);
      expect(r.errors).toEqual(NO_ERRORS);
      expect(server.connections()).toBe(10);
    });

    it('keeps every connection on whole sequences in a run bounded by a count', async () => {
      const server = await startRecorder(() => ({ status: 200, body: '{}' }));
      onCleanup(server.stop);
      const r = await run(
        server.url,
        [
          { method: 'POST', path: '/a', body: { n: 1 } },
          { method: 'GET', path: '/b' },
          { method: 'PUT', path: '/c', body: { n: 2 } },
          { method: 'DELETE', path: '/d' },
        ],
        { requests: 12, connections: 3 },
      );
      expect(r.requests).toBe(12);
      expect(r.errors).toEqual(NO_ERRORS);
      const byConnection = new Map<number, string[]>();
      for (const s of server.seen) {
        byConnection.set(s.remotePort, [...(byConnection.get(s.remotePort) ?? []), s.method]);
      }
      expect([...byConnection.values()]).toEqual(Array(3).fill(['POST', 'GET', 'PUT', 'DELETE']));
    });

    it('runs against the IPv6 loopback', async (ctx) => {
      let server: Listening;
      try {
        server = await startHttp((req, res) => res.end(req.headers.host), undefined, '::1');
      } catch (err) {
        return ctx.skip(`::1 cannot be bound here (${(err as NodeJS.ErrnoException).code})`);
      }
      expect(server.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
      const host = `[::1]:${server.port}`;
      const r = await run(server.url, [{ method: 'GET', path: '/', expect: { body: host } }], {
        requests: 10,
      });
      expect(r.requests).toBe(10);
      expect(r.errors).toEqual(NO_ERRORS);
    });
  });

  describe('requests', () => {
    it.each(['/api', '/api/'])('keeps the path of a base URL ending in %s', async (prefix) => {
      const server = await startRecorder(() => ({ status: 200, body: '{}' }));
      onCleanup(server.stop);
      await run(
        server.url + prefix,
        [
          { method: 'GET', path: '/items?page=2' },
          { method: 'POST', path: '/items', body: { n: 1 } },
        ],
        { requests: 4, connections: 1 },
      );
      expect(server.seen.map((s) => `${s.method} ${s.url}`)).toEqual([
        'GET /api/items?page=2',
        'POST /api/items',
        'GET /api/items?page=2',
        'POST /api/items',
      ]);
    });

    it('sends the body with its byte length, a Host header and the headers given', async () => {
      const server = await startRaw((_req, socket) =>
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'),
      );
      const body = { name: 'héllo wörld ✓', n: 1 };
      const json = JSON.stringify(body);
      expect(Buffer.byteLength(json)).toBeGreaterThan(json.length); // bytes, not characters
      const r = await run(
        server.url,
        [{ method: 'POST', path: '/echo', headers: { 'X-Token': 'abc' }, body }],
        { requests: 3, connections: 1 },
      );
      expect(r.errors).toEqual(NO_ERRORS);
      expect(server.requests).toHaveLength(3);
      for (const req of server.requests) {
        expect([req.method, req.target]).toEqual(['POST', '/echo']);
        expect(req.body.toString('utf8')).toBe(json);
        expect(headerValues(req, 'content-length')).toEqual([String(Buffer.byteLength(json))]);
        expect(headerValues(req, 'host')).toEqual([`127.0.0.1:${server.port}`]);
        expect(req.headers).toContainEqual(['X-Token', 'abc']);
        expect(headerValues(req, 'content-type')).toEqual(['application/json']);
        // Nothing else: autocannon would add "Connection: keep-alive", so this also shows that
        // these tests run the built-in client.
        expect(req.headers.map(([k]) => k.toLowerCase()).sort()).toEqual([
          'content-length',
          'content-type',
          'host',
          'x-token',
        ]);
      }
    });

    it('sends a Host header given by the workload once, instead of its own', async () => {
      const server = await startRaw((_req, socket) =>
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'),
      );
      await run(server.url, [{ method: 'GET', path: '/', headers: { Host: 'api.example.test' } }], {
        requests: 3,
        connections: 1,
      });
      expect(server.requests).toHaveLength(3);
      for (const req of server.requests) {
        expect(headerValues(req, 'host')).toEqual(['api.example.test']);
        expect(headerValues(req, 'content-length')).toEqual([]);
      }
    });
  });

  describe('failures', () => {
    it('sends a request again, once, when a kept-alive connection closes without answering', async () => {
      // Like a server whose idle timeout fires as the next request arrives: it answers, then
      // closes without saying so; the request written meanwhile gets no answer.
      const server = await startRaw((req, socket) => {
        socket.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
      });
      const r = await run(server.url, GET_ROOT, { requests: 20, connections: 2 });
      expect(r.requests).toBe(20);
      expect(r.errors).toEqual(NO_ERRORS);
      expect(server.requests.length).toBeGreaterThanOrEqual(20);
    });

    it('sends each POST on a new connection when every response says Connection: close', async () => {
      const server = await startRaw((req, socket) => {
        socket.end('HTTP/1.1 201 Created\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      });
      const r = await run(server.url, [{ method: 'POST', path: '/', body: 'x' }], {
        requests: 10,
        connections: 2,
      });
      expect(r.errors).toEqual(NO_ERRORS);
      expect(r.requests).toBe(10);
      expect(server.requests).toHaveLength(10);
      expect(server.connections()).toBe(10);
    });

    it('does not send a POST again when its kept-alive connection closes unanswered', async () => {
      const server = await startRaw((req, socket) => {
        socket.end('HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n');
      });
      const r = await run(server.url, [{ method: 'POST', path: '/', body: 'x' }], {
        requests: 10,
        connections: 1,
      });
      // Every second POST went out on a connection being closed: a connection error, not resent.
      expect(r.requests + r.errors.connection).toBe(10);
      expect(r.errors.connection).toBeGreaterThan(0);
      expect(server.requests).toHaveLength(10); // ten sent, none twice
    });

    it('counts one connection error per request of a count a dead port refuses', async () => {
      const port = await closedPort();
      const r = await run(`http://127.0.0.1:${port}`, GET_ROOT, { requests: 10 });
      expect(r.requests).toBe(0);
      expect(r.errors).toEqual({ ...NO_ERRORS, connection: 10 });
      expect(r.reqPerSec).toBe(0);
    });

    it('keeps counting connection errors to a dead port in a timed run', async () => {
      const port = await closedPort();
      const r = await run(`http://127.0.0.1:${port}`, GET_ROOT, { durationMs: 500 });
      expect(r.requests).toBe(0);
      expect(r.errors.connection).toBeGreaterThan(0);
      expect(r.reqPerSec).toBe(0);
    });

    it('counts a server that does not speak HTTP as protocol errors', async () => {
      const server = await startRaw(() => {}, {
        onConnection: (socket) => socket.write('SSH-2.0-x\r\n\r\n'),
      });
      const r = await run(server.url, GET_ROOT, { requests: 10, connections: 2 });
      expect(r.requests).toBe(0);
      expect(r.errors).toEqual({ ...NO_ERRORS, protocol: 10 });
    });

    it('counts garbage without a blank line as a protocol error at once, not a timeout', async () => {
      // The connection stays open: waiting for the end of a head would end in timeouts.
      const server = await startRaw((_req, socket) => socket.write('garbage'));
      const r = await run(server.url, GET_ROOT, { requests: 6, connections: 2, timeoutMs: 60_000 });
      expect(r.requests).toBe(0);
      expect(r.errors).toEqual({ ...NO_ERRORS, protocol: 6 });
    });

    it.each([
      ['closes', (socket: net.Socket) => socket.end()],
      ['resets', (socket: net.Socket) => socket.resetAndDestroy()],
    ])(
      'counts a response cut off when the server %s the connection as a protocol error',
      async (_how, cut) => {
        const server = await startRaw((_req, socket) =>
          socket.write(`HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n${'x'.repeat(10)}`, () =>
            cut(socket),
          ),
        );
        const r = await run(server.url, GET_ROOT, { requests: 10, connections: 2 });
        expect(r.requests).toBe(0);
        expect(r.errors).toEqual({ ...NO_ERRORS, protocol: 10 });
      },
    );
  });
});
