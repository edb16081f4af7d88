// The built-in client's response parser, fed whole, byte by byte and in random splits: every
// framing HTTP/1.x allows (Content-Length, chunked with extensions and trailers, end of
// connection), bodiless responses, interim 1xx, keep-alive rules of 1.0 and 1.1, and bad input.
import { describe, expect, it } from 'vitest';
import {
  Http1ResponseParser,
  ProtocolError,
  type ParsedResponse,
} from '../../src/load/http1-response-parser.ts';
import { createRng } from '../../src/stats/random.ts';

const KEEP_ALL = { headers: true, body: true };

/** Feeds `text` in the given pieces; returns the completed responses. */
function feed(
  text: string,
  pieces: number[] | 'bytes' | 'whole',
  o: { keep?: { headers: boolean; body: boolean }; head?: boolean } = {},
): ParsedResponse[] {
  const p = new Http1ResponseParser(o.keep ?? KEEP_ALL);
  const bytes = Buffer.from(text, 'latin1');
  const sizes =
    pieces === 'whole' ? [bytes.length] : pieces === 'bytes' ? Array(bytes.length).fill(1) : pieces;
  const out: ParsedResponse[] = [];
  let at = 0;
  for (const n of sizes) {
    out.push(...p.push(bytes.subarray(at, at + n), () => o.head ?? false));
    at += n;
  }
  if (at < bytes.length) out.push(...p.push(bytes.subarray(at), () => o.head ?? false));
  return out;
}

/** Random split sizes (seeded) that add up to `total`. */
function randomSplits(total: number, seed: number): number[] {
  const rng = createRng(seed);
  const out: number[] = [];
  for (let left = total; left > 0;) {
    const n = Math.min(left, 1 + Math.floor(rng() * 9));
    out.push(n);
    left -= n;
  }
  return out;
}

const OK = 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello';
const CHUNKED =
  'HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\nLocation: /tasks/7\r\n\r\n' +
  '4;name=value\r\n{"id\r\n6\r\n": 7, \r\n3\r\n"a"\r\n1\r\n}\r\n0\r\nX-Trailer: yes\r\n\r\n';

describe('Http1ResponseParser', () => {
  it.each(['whole', 'bytes', 'random'] as const)(
    'parses Content-Length and chunked responses back to back, fed %s',
    (how) => {
      const text = OK + CHUNKED + OK;
      const pieces = how === 'random' ? randomSplits(text.length, 7) : how;
      const rs = feed(text, pieces);
      expect(rs.map((r) => r.status)).toEqual([200, 201, 200]);
      expect(rs[0]).toMatchObject({ body: 'hello', keepAlive: true, bytes: OK.length });
      expect(rs[1]?.body).toBe('{"id": 7, "a"}');
      expect(rs[1]?.headers?.location).toBe('/tasks/7');
      expect(rs[1]?.bytes).toBe(CHUNKED.length);
      expect(rs[2]?.body).toBe('hello');
    },
  );

  it('many random splittings of the same stream give the same responses', () => {
    const text = CHUNKED + OK + CHUNKED;
    const want = feed(text, 'whole');
    for (let seed = 1; seed <= 50; seed++) {
      expect(feed(text, randomSplits(text.length, seed))).toEqual(want);
    }
  });

  it('decodes a multi-byte utf8 body split inside a character', () => {
    const body = 'héllo ✓';
    const len = Buffer.byteLength(body);
    const bytes = Buffer.concat([
      Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${len}\r\n\r\n`),
      Buffer.from(body),
    ]);
    const p = new Http1ResponseParser(KEEP_ALL);
    const out = [...p.push(bytes.subarray(0, bytes.length - 2), () => false)];
    out.push(...p.push(bytes.subarray(bytes.length - 2), () => false));
    expect(out[0]?.body).toBe(body);
  });

  it('knows responses without a body: HEAD, 204, 304', () => {
    const head = 'HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n';
    expect(feed(head + head, 'whole', { head: true }).map((r) => r.body)).toEqual(['', '']);
    const rs = feed(
      'HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n' + OK,
      'bytes',
    );
    expect(rs.map((r) => r.status)).toEqual([204, 304, 200]);
    expect(rs[2]?.body).toBe('hello');
  });

  it('skips interim 100 Continue responses', () => {
    const rs = feed('HTTP/1.1 100 Continue\r\n\r\n' + OK, 'bytes');
    expect(rs).toHaveLength(1);
    expect(rs[0]?.status).toBe(200);
  });

  it('follows keep-alive rules: 1.1 unless close, 1.0 only with keep-alive', () => {
    const close = 'HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n';
    const old = 'HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n';
    const oldKeep = 'HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n';
    expect(feed(close, 'whole')[0]?.keepAlive).toBe(false);
    expect(feed(old, 'whole')[0]?.keepAlive).toBe(false);
    expect(feed(oldKeep, 'whole')[0]?.keepAlive).toBe(true);
  });

  it('frames a body without length by the end of the connection', () => {
    const p = new Http1ResponseParser(KEEP_ALL);
    expect(p.push(Buffer.from('HTTP/1.0 200 OK\r\n\r\npart one, '), () => false)).toEqual([]);
    expect(p.push(Buffer.from('part two'), () => false)).toEqual([]);
    const r = p.end();
    expect(r).toMatchObject({ status: 200, body: 'part one, part two', keepAlive: false });
  });

  it('reports a response cut off by the end of the connection', () => {
    const p = new Http1ResponseParser(KEEP_ALL);
    p.push(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc'), () => false);
    expect(p.midResponse).toBe(true);
    expect(() => p.end()).toThrow(ProtocolError);
    const idle = new Http1ResponseParser(KEEP_ALL);
    expect(idle.end()).toBeNull();
  });

  it('keeps neither headers nor body unless asked, but still counts their bytes', () => {
    const r = feed(CHUNKED, 'bytes', { keep: { headers: false, body: false } })[0];
    expect(r).toMatchObject({ status: 201, headers: null, body: null, bytes: CHUNKED.length });
  });

  it('joins repeated headers and finds framing headers in any case', () => {
    const text =
      'HTTP/1.1 200 OK\r\nset-cookie: a=1\r\nSet-Cookie: b=2\r\nCONTENT-LENGTH: 2\r\n\r\nok';
    const r = feed(text, 'whole')[0];
    expect(r?.headers?.['set-cookie']).toBe('a=1, b=2');
    expect(r?.body).toBe('ok');
  });

  it('accepts a status line without a reason phrase, with or without its space', () => {
    const text =
      'HTTP/1.1 200\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 404 \r\nContent-Length: 0\r\n\r\n';
    for (const pieces of ['whole', 'bytes'] as const) {
      const rs = feed(text, pieces);
      expect(rs.map((r) => [r.status, r.body])).toEqual([
        [200, 'ok'],
        [404, ''],
      ]);
    }
  });

  it('accepts a server that ends its lines with a bare LF, in heads and chunk lines', () => {
    const text =
      'HTTP/1.1 200 OK\nContent-Length: 3\nX-Id: 7\n\nabc' +
      'HTTP/1.1 201 Created\nTransfer-Encoding: chunked\n\n2\nhi\n3;ext=1\r\n!!!\n0\nX-T: 1\n\n' +
      'HTTP/1.0 200 OK\nConnection: keep-alive\nContent-Length: 0\n\n';
    const expected = [
      [200, 'abc', '7', true],
      [201, 'hi!!!', undefined, true],
      [200, '', undefined, true],
    ];
    for (const pieces of ['whole', 'bytes', randomSplits(text.length, 5)] as const) {
      const rs = feed(text, pieces);
      expect(rs.map((r) => [r.status, r.body, r.headers?.['x-id'], r.keepAlive])).toEqual(expected);
      expect(rs.reduce((n, r) => n + r.bytes, 0)).toBe(text.length);
    }
  });

  it.each([
    ['a status line that is not HTTP', 'SSH-2.0-OpenSSH\r\n\r\n', /status line/],
    ['a bad content-length', 'HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n', /content-length/],
    [
      'a bad chunk size',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
      /chunk size/,
    ],
    [
      'chunk data longer than its size',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nabc\r\n',
      /longer than its size/,
    ],
  ])('refuses %s with a ProtocolError', (_what, text, message) => {
    expect(() => feed(text, 'whole')).toThrow(message);
  });

  it('refuses bytes that cannot start a status line at once, before a blank line comes', () => {
    const p = new Http1ResponseParser(KEEP_ALL);
    expect(() => p.push(Buffer.from('garbage'), () => false)).toThrow(/status line/);
    // A status line split after its first bytes is still waited for.
    const q = new Http1ResponseParser(KEEP_ALL);
    expect(q.push(Buffer.from('HT'), () => false)).toEqual([]);
    expect(q.push(Buffer.from('TP/1.1 204 No Content\r\n\r\n'), () => false)).toHaveLength(1);
  });

  it('refuses a response head over 64 KiB', () => {
    const p = new Http1ResponseParser(KEEP_ALL);
    const big = Buffer.from(`HTTP/1.1 200 OK\r\nX-Big: ${'x'.repeat(70_000)}`);
    expect(() => p.push(big, () => false)).toThrow(/64 KiB/);
  });
});
