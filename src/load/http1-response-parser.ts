// An incremental HTTP/1.x response parser for the built-in load client: bytes in, complete
// responses out. It frames bodies by Content-Length, chunked transfer coding, or the end of the
// connection, knows which responses have no body (HEAD, 1xx, 204, 304), skips interim 1xx
// responses, and says whether the connection may be reused. It reads the bytes where they lie
// (the client reads every socket into one shared buffer) and copies only what it must keep: an
// incomplete head or chunk line, and bodies when asked for. Bodies and headers are only decoded
// when asked for (checks and captures need them; plain load does not).
import { headerMap, newHeadInfo, ProtocolError, readHead } from './http1-head.ts';

export { ProtocolError } from './http1-head.ts';

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

/** Who the parser answers to, per response. */
export interface ResponseSink {
  /** Whether the oldest unanswered request was a HEAD (its response has no body). */
  isHeadRequest(): boolean;
  /** A response is complete (valid only during the call); false stops parsing this input. */
  onResponse(r: ParsedResponse): boolean;
}

// How the body is framed, and where a chunked body is (numbers, for the hot path).
const Framing = { Length: 0, Chunked: 1, Close: 2 } as const;
const Chunk = { Size: 0, Data: 1, DataEnd: 2, Trailers: 3, Done: 4 } as const;

const HTTP_PREFIX = Buffer.from('HTTP/');
const LF = 0x0a;
const CR = 0x0d;
/** A response head larger than this is refused (Node's own limit is 16 KiB). */
const MAX_HEAD = 64 * 1024;

/**
 * Parses the responses of one connection. Not thread-safe, not reusable across connections:
 * make one per socket.
 */
export class Http1ResponseParser {
  /** Unconsumed bytes (an incomplete head or chunk line), copied. */
  private pending: Buffer | null = null;
  /** A response is being received. */
  private active = false;
  private framing: number = Framing.Length;
  private remaining = 0;
  private chunk: number = Chunk.Size;
  private parts: Buffer[] = [];
  private readonly head = newHeadInfo();
  /** The response being received, then the one completed (reused). */
  private readonly r: ParsedResponse = {
    status: 0,
    bytes: 0,
    headers: null,
    body: null,
    keepAlive: true,
  };

  constructor(private readonly keep: { headers: boolean; body: boolean }) {}

  /** Feeds bytes; returns copies of the responses completed by them, in order. */
  push(chunk: Buffer, headRequest: () => boolean): ParsedResponse[] {
    const done: ParsedResponse[] = [];
    const sink: ResponseSink = {
      isHeadRequest: headRequest,
      onResponse: (r) => done.push({ ...r }) > 0,
    };
    this.feed(chunk, 0, chunk.length, sink);
    return done;
  }

  /**
   * Feeds input[start, end), which is only read during the call; tells `sink` of each
   * response it completes.
   */
  feed(input: Buffer, start: number, end: number, sink: ResponseSink): void {
    let buf = input;
    let i = start;
    let n = end;
    if (this.pending) {
      buf = Buffer.concat([this.pending, input.subarray(start, end)]);
      this.pending = null;
      i = 0;
      n = buf.length;
    }
    while (i < n) {
      if (!this.active) {
        const after = this.startResponse(buf, i, n, sink);
        if (after < 0) return;
        i = after;
        if (!this.active) continue; // an interim 1xx response: the real one follows
      }
      i = this.framing === Framing.Chunked ? this.feedChunked(buf, i, n) : this.feedBody(buf, i, n);
      if (this.isComplete()) {
        this.active = false;
        const r = this.r;
        if (this.keep.body) {
          r.body = Buffer.concat(this.parts).toString('utf8');
          this.parts = [];
        }
        if (!sink.onResponse(r)) return;
      }
    }
  }

  /**
   * The connection ended. Returns the response it completes (a body framed by the close), or
   * null; throws when a response was cut off midway.
   */
  end(): ParsedResponse | null {
    if (this.active && this.framing === Framing.Close) {
      this.active = false;
      const body = this.keep.body ? Buffer.concat(this.parts).toString('utf8') : null;
      return { ...this.r, body };
    }
    if (this.active || this.pending) {
      throw new ProtocolError('connection closed in the middle of a response');
    }
    return null;
  }

  /** True when part of a response has been received and not yet completed. */
  get midResponse(): boolean {
    return this.active || this.pending !== null;
  }

  /**
   * Reads the head at buf[i]; returns where it ends, or -1 when it is incomplete (kept as
   * pending). Leaves `active` false for an interim 1xx response.
   */
  private startResponse(buf: Buffer, i: number, n: number, sink: ResponseSink): number {
    // Refuse garbage at once: waiting for a blank line that never comes hides it as a timeout.
    for (let k = 0; k < 5 && i + k < n; k++) {
      if (buf[i + k] !== HTTP_PREFIX[k]) {
        const line = buf.toString('latin1', i, Math.min(n, i + 40)).split(/\r?\n/)[0];
        throw new ProtocolError(`not an HTTP/1.x status line: ${JSON.stringify(line)}`);
      }
    }
    const h = this.head;
    const after = readHead(buf, i, n, h);
    if (after < 0) {
      if (n - i > MAX_HEAD) throw new ProtocolError('response head over 64 KiB');
      this.pending = Buffer.from(buf.subarray(i, n));
      return -1;
    }
    const status = h.status;
    if (status >= 100 && status < 200 && status !== 101) return after;
    const noBody = status === 204 || status === 304 || status === 101 || sink.isHeadRequest();
    // Transfer-Encoding wins over Content-Length (RFC 9112 §6.3).
    this.framing = noBody
      ? Framing.Length
      : h.chunked
        ? Framing.Chunked
        : h.length >= 0
          ? Framing.Length
          : Framing.Close;
    this.remaining = noBody ? 0 : h.length;
    this.chunk = Chunk.Size;
    const keepAlive = h.http10 ? h.keepAliveToken : !h.close;
    const r = this.r;
    r.status = status;
    r.bytes = after - i;
    r.headers = this.keep.headers ? headerMap(buf, i, after) : null;
    r.keepAlive = keepAlive && this.framing !== Framing.Close;
    this.active = true;
    return after;
  }

  /** Consumes what belongs to a body framed by length or close; returns where it stopped. */
  private feedBody(buf: Buffer, i: number, n: number): number {
    if (this.framing === Framing.Close) {
      this.take(buf, i, n);
      return n;
    }
    const m = Math.min(this.remaining, n - i);
    this.take(buf, i, i + m);
    this.remaining -= m;
    return i + m;
  }

  private feedChunked(buf: Buffer, from: number, n: number): number {
    let i = from;
    while (i < n && this.chunk !== Chunk.Done) {
      if (this.chunk === Chunk.Data) {
        const m = Math.min(this.remaining, n - i);
        this.take(buf, i, i + m);
        this.remaining -= m;
        i += m;
        if (this.remaining === 0) this.chunk = Chunk.DataEnd;
        continue;
      }
      // Chunk lines end with CRLF; a bare LF is accepted too, as HTTP clients commonly do.
      let eol = i;
      while (eol < n && buf[eol] !== LF) eol++;
      if (eol === n) {
        if (n - i > MAX_HEAD) throw new ProtocolError('chunk line over 64 KiB');
        this.pending = Buffer.from(buf.subarray(i, n)); // an incomplete line: wait for more
        return n;
      }
      const cr = eol > i && buf[eol - 1] === CR ? 1 : 0;
      const line = buf.toString('latin1', i, eol - cr);
      this.r.bytes += eol + 1 - i;
      i = eol + 1;
      if (this.chunk === Chunk.Size) {
        const size = parseInt(line.split(';')[0] as string, 16);
        if (!Number.isSafeInteger(size) || size < 0)
          throw new ProtocolError(`bad chunk size ${JSON.stringify(line)}`);
        if (size === 0) this.chunk = Chunk.Trailers;
        else [this.chunk, this.remaining] = [Chunk.Data, size];
      } else if (this.chunk === Chunk.DataEnd) {
        if (line !== '') throw new ProtocolError('chunk data longer than its size');
        this.chunk = Chunk.Size;
      } else if (line === '') {
        this.chunk = Chunk.Done; // the empty line after the trailers: the body is complete
      }
    }
    return i;
  }

  /** Counts body bytes buf[from, to), and keeps a copy when bodies are kept. */
  private take(buf: Buffer, from: number, to: number): void {
    this.r.bytes += to - from;
    if (this.keep.body && to > from) this.parts.push(Buffer.from(buf.subarray(from, to)));
  }

  private isComplete(): boolean {
    if (this.pending) return false;
    if (this.framing === Framing.Length) return this.remaining === 0;
    if (this.framing === Framing.Chunked) return this.chunk === Chunk.Done;
    return false;
  }
}
