// A differential test of the built-in client's response parser against llhttp, Node's own HTTP
// parser (driven through node:http, with its default strict settings): every crafted response
// of response-corpus.ts is served by a raw TCP server on 127.0.0.1, read by both, and the
// outcomes (status, body, how the body was framed, or refused) must agree, except where the
// difference is a documented, deliberate leniency of perfgate's client (LENIENCY below, also
// listed in the README under "The load client"). The C client's parser (load-client.c, its
// `parse` mode) must read every case exactly as the parser in JavaScript does: status, bytes of
// the response and framing, or refused, fed whole and a byte at a time.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import nodePath from 'node:path';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCClient } from '../../src/load/c-client.ts';
import { Http1ResponseParser } from '../../src/load/http1-response-parser.ts';
import { CORPUS, type CorpusCase } from './response-corpus.ts';

/** What a parser made of one response. */
type Outcome = { kind: 'framed' | 'close'; status: number; body: string } | { kind: 'error' };

/**
 * Where perfgate's client reads a response on purpose differently from llhttp, and why: a load
 * client that measures a server should count what the server meant, not police it like a proxy
 * (RFC 9112 asks proxies and servers, not user agents, to refuse most of these).
 */
const LENIENCY: Record<string, { why: string; ours: Outcome }> = {
  'transfer-encoding and content-length': {
    why: 'RFC 9112 §6.3: Transfer-Encoding overrides Content-Length; llhttp refuses the pair as a request-smuggling defence, which matters to proxies, not to a load client',
    ours: { kind: 'framed', status: 200, body: 'hello' },
  },
  'lines ended by a bare LF': {
    why: 'RFC 9112 §2.2 lets a recipient accept a bare LF as a line end; curl and browsers do',
    ours: { kind: 'framed', status: 200, body: 'hello' },
  },
  'chunk lines ended by a bare LF': {
    why: 'as for heads: a bare LF is accepted as a line end',
    ours: { kind: 'framed', status: 200, body: 'hello' },
  },
  'folded header line': {
    why: 'RFC 9112 §5.2: a user agent may accept obs-fold; the folded header does not frame the body',
    ours: { kind: 'framed', status: 200, body: 'hello' },
  },
  'header line without a colon': {
    why: 'a line that is not a header is skipped, the rest of the head is used',
    ours: { kind: 'framed', status: 200, body: 'hello' },
  },
  'duplicate content-length, same value': {
    why: 'RFC 9112 §6.3 lets a recipient read a repeated identical Content-Length as one value; differing values are refused, as llhttp does',
    ours: { kind: 'framed', status: 200, body: 'hello' },
  },
  'space before the colon': {
    why: 'RFC 9112 §5.1 has a proxy strip the space rather than refuse the response; the client reads the header with the space removed',
    ours: { kind: 'framed', status: 200, body: 'hello' },
  },
  'HTTP/2.0 status line': {
    why: 'stricter than llhttp: the client speaks HTTP/1.x and refuses any other version rather than guess',
    ours: { kind: 'error' },
  },
};

/** How long the server holds a connection open after a response: "framed" must come first. */
const HOLD_MS = 300;

let server: net.Server;
let port = 0;
/** Connections whose response has been sent and whose hold time is over, by client port. */
const closedByServer = new Set<number>();
const byPath = new Map(CORPUS.map((c, i) => [`/${i}`, c]));

beforeAll(async () => {
  server = net.createServer((socket) => {
    let head = '';
    socket.on('error', () => {});
    socket.on('data', (d: Buffer) => {
      head += d.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      const path = head.split(' ')[1] ?? '';
      socket.write(Buffer.from(byPath.get(path)?.response ?? '', 'latin1'));
      setTimeout(() => {
        closedByServer.add(socket.remotePort ?? 0);
        socket.end();
      }, HOLD_MS);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** llhttp's reading, through node:http. */
function readWithLlhttp(c: CorpusCase, index: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: `/${index}`, method: c.method ?? 'GET', agent: false },
      (res) => {
        const localPort = res.socket.localPort ?? -1; // unset once the socket has closed
        let body = '';
        res.setEncoding('latin1');
        res.on('data', (d: string) => (body += d));
        res.on('error', () => resolve({ kind: 'error' }));
        res.on('end', () => {
          const closed = closedByServer.has(localPort);
          resolve({ kind: closed ? 'close' : 'framed', status: res.statusCode ?? 0, body });
        });
      },
    );
    req.on('error', () => resolve({ kind: 'error' }));
    req.end();
  });
}

/** perfgate's reading of the same bytes, fed whole and then byte by byte. */
function readWithOwnParser(c: CorpusCase, bytewise: boolean): Outcome {
  const parser = new Http1ResponseParser({ headers: true, body: true });
  const bytes = Buffer.from(c.response, 'latin1');
  const pieces = bytewise ? [...bytes].map((b) => Buffer.from([b])) : [bytes];
  try {
    for (const piece of pieces) {
      const [r] = parser.push(piece, () => c.method === 'HEAD');
      if (r) return { kind: 'framed', status: r.status, body: r.body ?? '' };
    }
    const last = parser.end();
    return last ? { kind: 'close', status: last.status, body: last.body ?? '' } : { kind: 'error' };
  } catch {
    return { kind: 'error' };
  }
}

/** What a parser made of a response stream, as the C client's parse mode reports it. */
type Framing =
  | { kind: 'framed'; status: number; bytes: number; keepAlive: boolean }
  | { kind: 'close'; status: number; bytes: number }
  | { kind: 'error' };

/** The parser in JavaScript: the first response, or how the stream ended. */
function framingInJs(c: CorpusCase): Framing {
  const parser = new Http1ResponseParser({ headers: false, body: false });
  try {
    const [r] = parser.push(Buffer.from(c.response, 'latin1'), () => c.method === 'HEAD');
    if (r) return { kind: 'framed', status: r.status, bytes: r.bytes, keepAlive: r.keepAlive };
    const last = parser.end();
    return last ? { kind: 'close', status: last.status, bytes: last.bytes } : { kind: 'error' };
  } catch {
    return { kind: 'error' };
  }
}

/** The C client's parser on the same bytes, fed whole or a byte at a time. */
function framingInC(binary: string, c: CorpusCase, bytewise: boolean): Framing {
  const args = [
    'parse',
    ...(c.method === 'HEAD' ? ['HEAD'] : []),
    ...(bytewise ? ['bytewise'] : []),
  ];
  const r = spawnSync(binary, args, {
    input: Buffer.from(c.response, 'latin1'),
    encoding: 'latin1',
  });
  expect(r.status, r.stderr).toBe(0);
  const lines = r.stdout.split('\n').filter(Boolean);
  if (lines.some((l) => l.startsWith('error ') || l === 'cut')) return { kind: 'error' };
  const [kind, status = '0', bytes = '0', keep = '0'] = (lines[0] ?? 'error').split(' ');
  if (kind === 'response') {
    return {
      kind: 'framed',
      status: Number(status),
      bytes: Number(bytes),
      keepAlive: keep === '1',
    };
  }
  if (kind === 'close') return { kind: 'close', status: Number(status), bytes: Number(bytes) };
  return { kind: 'error' };
}

describe("the C client's parser against the parser in JavaScript", () => {
  const cache = mkdtempSync(nodePath.join(os.tmpdir(), 'perfgate-c-parser-'));
  const found = findCClient({ ...process.env, PERFGATE_CACHE_DIR: cache });
  afterAll(() => rmSync(cache, { recursive: true, force: true }));

  it('is compiled by the C compiler of this machine', () => {
    expect(found).toHaveProperty('binary');
  });

  it.each(CORPUS.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    if (!('binary' in found)) throw new Error(found.unavailable);
    const js = framingInJs(c);
    expect(framingInC(found.binary, c, false)).toEqual(js);
    expect(framingInC(found.binary, c, true)).toEqual(js);
  });
});

describe('the response parser against llhttp', () => {
  it.each(CORPUS.map((c, i) => [c.name, c, i] as const))('%s', async (name, c, index) => {
    const reference = await readWithLlhttp(c, index);
    const ours = readWithOwnParser(c, false);
    expect(readWithOwnParser(c, true)).toEqual(ours);
    const lenient = LENIENCY[name];
    if (lenient) {
      expect(reference).not.toEqual(ours);
      expect(ours).toEqual(lenient.ours);
    } else {
      expect(ours).toEqual(reference);
    }
  });

  it('documents only divergences that exist', () => {
    const names = new Set(CORPUS.map((c) => c.name));
    for (const name of Object.keys(LENIENCY)) expect(names).toContain(name);
  });
});
