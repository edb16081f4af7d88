// An incremental HTTP/1.x response parser for the built-in load client: bytes in, complete
// responses out. It frames bodies by Content-Length, chunked transfer coding, or the end of the
// connection, knows which responses have no body (HEAD, 1xx, 204, 304), skips interim 1xx
// responses, and says whether the connection may be reused. Bodies and headers are only decoded
// when asked for (checks and captures need them; plain load does not).

/** One complete response. */
export interface ParsedResponse {
  status: number;
  /** Bytes of the whole response as received (head and framed body). */
  bytes: number;
  /** Lower-cased header names; only when the parser was asked to keep headers. */
  headers: Record<string, string> | null;
  /** The decoded body (utf8); only when the parser was asked to keep bodies. */
  body: string | null;
  /** False when the server will close the connection after this response. */
  keepAlive: boolean;
}

/** The server sent something that is not HTTP/1.x. */
export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

type Framing =
  | { kind: 'length'; remaining: number }
  | { kind: 'chunked'; state: 'size' | 'data' | 'data-end' | 'trailers'; remaining: number }
  | { kind: 'close' };

interface Current {
  status: number;
  bytes: number;
  headers: Record<string, string> | null;
  keepAlive: boolean;
  framing: Framing;
  parts: Buffer[];
}

const HEAD_END = Buffer.from('\r\n\r\n');
const HTTP_PREFIX = Buffer.from('HTTP/');
const LF_LF = Buffer.from('\n\n');
const LF = 0x0a;
const CR = 0x0d;
/** A response head larger than this is refused (Node's own limit is 16 KiB). */
const MAX_HEAD = 64 * 1024;
// The reason phrase is optional, and some servers leave out the space before it too.
const STATUS_LINE = /^HTTP\/1\.([01]) (\d{3})(?: |\r|$)/;

/**
 * Parses the responses of one connection. `expectBody()` is asked, per response, whether the
 * request it answers can have a body (false for HEAD). Not thread-safe, not reusable across
 * connections: make one per socket.
 */
export class Http1ResponseParser {
  private pending: Buffer | null = null;
  private current: Current | null = null;

  constructor(private readonly keep: { headers: boolean; body: boolean }) {}

  /**
   * Feeds bytes; returns the responses completed by them, in order. `headRequest()` tells
   * whether the oldest unanswered request was a HEAD (its response has no body).
   */
  push(chunk: Buffer, headRequest: () => boolean): ParsedResponse[] {
    let buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = null;
    const done: ParsedResponse[] = [];
    while (buf.length > 0) {
      if (!this.current) {
        // Refuse garbage at once: waiting for a blank line that never comes hides it as a timeout.
        if (!buf.subarray(0, 5).equals(HTTP_PREFIX.subarray(0, Math.min(5, buf.length)))) {
          const line = buf.toString('latin1', 0, Math.min(buf.length, 40)).split(/\r?\n/)[0];
          throw new ProtocolError(`not an HTTP/1.x status line: ${JSON.stringify(line)}`);
        }
        const end = headEnd(buf);
        if (end === null) {
          if (buf.length > MAX_HEAD) throw new ProtocolError('response head over 64 KiB');
          this.pending = buf;
          return done;
        }
        const [at, blank] = end;
        let head = buf.toString('latin1', 0, at);
        if (blank === 2) head = head.replace(/\r?\n/g, '\r\n'); // bare LF lines, as CRLF
        buf = buf.subarray(at + blank);
        const started = this.startResponse(head, at + blank, headRequest());
        if (started === null) continue; // an interim 1xx response: the real one follows
        this.current = started;
      }
      buf = this.feedBody(this.current, buf);
      if (this.isComplete(this.current)) {
        done.push(this.finish(this.current));
        this.current = null;
      }
    }
    return done;
  }

  /**
   * The connection ended. Returns the response it completes (a body framed by the close), or
   * null; throws when a response was cut off midway.
   */
  end(): ParsedResponse | null {
    const c = this.current;
    if (c && c.framing.kind === 'close') {
      this.current = null;
      return this.finish(c);
    }
    if (c || this.pending) throw new ProtocolError('connection closed in the middle of a response');
    return null;
  }

  /** True when part of a response has been received and not yet completed. */
  get midResponse(): boolean {
    return this.current !== null || this.pending !== null;
  }

  private startResponse(head: string, headBytes: number, isHead: boolean): Current | null {
    const m = STATUS_LINE.exec(head);
    if (!m) {
      const line = head.slice(0, head.indexOf('\r\n') >>> 0);
      throw new ProtocolError(`not an HTTP/1.x status line: ${JSON.stringify(line)}`);
    }
    const status = Number(m[2]);
    if (status >= 100 && status < 200 && status !== 101) return null;
    const http10 = m[1] === '0';
    // The framing headers are found in the lower-cased head without splitting it into lines;
    // the header map is only built when captures need it.
    const lower = head.toLowerCase();
    const length = contentLength(headerValues(lower, 'content-length'));
    // Transfer-Encoding may come as a list or over several header lines (`gzip`, then
    // `chunked`): the body is chunked when chunked is the last coding of all of them.
    const codings = headerValues(lower, 'transfer-encoding')?.join(', ') ?? '';
    const chunked = /(^|,)\s*chunked$/.test(codings);
    const connection = headerValues(lower, 'connection')?.join(', ') ?? '';
    const keepAlive = http10 ? /\bkeep-alive\b/.test(connection) : !/\bclose\b/.test(connection);
    const noBody = isHead || status === 204 || status === 304 || status === 101;
    const framing: Framing = noBody
      ? { kind: 'length', remaining: 0 }
      : chunked
        ? { kind: 'chunked', state: 'size', remaining: 0 }
        : length !== null
          ? { kind: 'length', remaining: length }
          : { kind: 'close' };
    return {
      status,
      bytes: headBytes,
      headers: this.keep.headers ? headerMap(head) : null,
      keepAlive: keepAlive && framing.kind !== 'close',
      framing,
      parts: [],
    };
  }

  /** Consumes what belongs to the current body; returns the rest of `buf`. */
  private feedBody(c: Current, buf: Buffer): Buffer {
    const f = c.framing;
    if (f.kind === 'close') {
      this.take(c, buf);
      return buf.subarray(buf.length);
    }
    if (f.kind === 'length') {
      const n = Math.min(f.remaining, buf.length);
      this.take(c, buf.subarray(0, n));
      f.remaining -= n;
      return buf.subarray(n);
    }
    return this.feedChunked(c, f, buf);
  }

  private feedChunked(c: Current, f: Framing & { kind: 'chunked' }, input: Buffer): Buffer {
    let buf = input;
    while (buf.length > 0 && !(f.state === 'trailers' && f.remaining < 0)) {
      if (f.state === 'data') {
        const n = Math.min(f.remaining, buf.length);
        this.take(c, buf.subarray(0, n));
        f.remaining -= n;
        buf = buf.subarray(n);
        if (f.remaining === 0) f.state = 'data-end';
        continue;
      }
      // Chunk lines end with CRLF; a bare LF is accepted too, as HTTP clients commonly do.
      const eol = buf.indexOf(LF);
      if (eol < 0) {
        if (buf.length > MAX_HEAD) throw new ProtocolError('chunk line over 64 KiB');
        this.pending = buf; // an incomplete line: wait for more
        return buf.subarray(buf.length);
      }
      const cr = eol > 0 && buf[eol - 1] === CR ? 1 : 0;
      const line = buf.toString('latin1', 0, eol - cr);
      c.bytes += eol + 1;
      buf = buf.subarray(eol + 1);
      if (f.state === 'size') {
        const size = parseInt(line.split(';')[0] as string, 16);
        if (!Number.isSafeInteger(size) || size < 0)
          throw new ProtocolError(`bad chunk size ${JSON.stringify(line)}`);
        if (size === 0) f.state = 'trailers';
        else [f.state, f.remaining] = ['data', size];
      } else if (f.state === 'data-end') {
        if (line !== '') throw new ProtocolError('chunk data longer than its size');
        f.state = 'size';
      } else if (line === '') {
        f.remaining = -1; // the empty line after the trailers: the body is complete
      }
    }
    return buf;
  }

  private take(c: Current, part: Buffer): void {
    c.bytes += part.length;
    if (this.keep.body && part.length > 0) c.parts.push(part);
  }

  private isComplete(c: Current): boolean {
    const f = c.framing;
    if (this.pending) return false;
    if (f.kind === 'length') return f.remaining === 0;
    if (f.kind === 'chunked') return f.state === 'trailers' && f.remaining < 0;
    return false;
  }

  private finish(c: Current): ParsedResponse {
    return {
      status: c.status,
      bytes: c.bytes,
      headers: c.headers,
      body: this.keep.body ? Buffer.concat(c.parts).toString('utf8') : null,
      keepAlive: c.keepAlive,
    };
  }
}

/**
 * Where the response head ends: [offset of the blank line's start, its length]: 4 for the
 * CRLF CRLF of the standard, 2 for a server that ends its lines with a bare LF. Null when the
 * head is not complete yet.
 */
function headEnd(buf: Buffer): [number, number] | null {
  const crlf = buf.indexOf(HEAD_END);
  const lf = (crlf < 0 ? buf : buf.subarray(0, crlf)).indexOf(LF_LF);
  if (lf >= 0) return [lf, 2];
  return crlf < 0 ? null : [crlf, 4];
}

/**
 * Every value of a header in a lower-cased head, in order, or null when it is absent. Spaces
 * between the name and the colon are tolerated (RFC 9112 §5.1 has proxies remove them).
 */
function headerValues(lowerHead: string, name: string): string[] | null {
  let out: string[] | null = null;
  let from = 0;
  for (;;) {
    const at = lowerHead.indexOf(name, from);
    if (at < 0) return out;
    let i = at + name.length;
    from = i;
    if (at < 2 || lowerHead.charCodeAt(at - 1) !== LF) continue; // not at a line start
    while (lowerHead.charCodeAt(i) === 0x20 || lowerHead.charCodeAt(i) === 0x09) i++;
    if (lowerHead.charCodeAt(i) !== 0x3a) continue; // a longer name, or no colon
    const end = lowerHead.indexOf('\r\n', i);
    (out ??= []).push(lowerHead.slice(i + 1, end < 0 ? undefined : end).trim());
  }
}

/**
 * The body length given by Content-Length, or null without one. Repeated identical values are
 * one value; differing or malformed ones make the framing unknowable (RFC 9112 §6.3).
 */
function contentLength(values: string[] | null): number | null {
  if (values === null) return null;
  const first = values[0] as string;
  if (values.some((v) => v !== first))
    throw new ProtocolError(`conflicting content-length values ${JSON.stringify(values)}`);
  const length = Number(first);
  if (!/^\d+$/.test(first) || !Number.isSafeInteger(length))
    throw new ProtocolError(`bad content-length ${JSON.stringify(first)}`);
  return length;
}

/** Every header of a head by lower-cased name; repeated headers are joined with ", ". */
function headerMap(head: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = head.split('\r\n');
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    out[name] = name in out ? `${out[name]}, ${value}` : value;
  }
  return out;
}
