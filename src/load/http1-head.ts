// The head of an HTTP/1.x response, read straight from the received bytes: the status line and
// the three headers that frame the body (Content-Length, Transfer-Encoding, Connection), in one
// pass and without making strings, so plain load pays no decoding per response. Lines end with
// CRLF or a bare LF. The other headers are only decoded (headerMap) when captures need them.

/** The server sent something that is not HTTP/1.x. */
export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

/** What a head says about its response; filled by readHead. */
export interface HeadInfo {
  status: number;
  http10: boolean;
  /** The Content-Length, or -1 without one. */
  length: number;
  /** Chunked is the last transfer coding. */
  chunked: boolean;
  /** A Connection header says close / keep-alive. */
  close: boolean;
  keepAliveToken: boolean;
}

export function newHeadInfo(): HeadInfo {
  return {
    status: 0,
    http10: false,
    length: -1,
    chunked: false,
    close: false,
    keepAliveToken: false,
  };
}

const LF = 0x0a;
const CR = 0x0d;
const SP = 0x20;
const HT = 0x09;
const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const CONTENT_LENGTH = ascii('content-length');
const CONNECTION = ascii('connection');
const TRANSFER_ENCODING = ascii('transfer-encoding');
const CHUNKED = ascii('chunked');
const CLOSE = ascii('close');
const KEEP_ALIVE = ascii('keep-alive');
const HTTP_1 = ascii('HTTP/1.');

/** Where the values of the current head lie (offsets into its buffer). */
let clStart = 0;
let clEnd = 0;
let clValues: string[] | null = null;
let teStart = -1;
let teEnd = -1;

const latin1 = (buf: Buffer, from: number, to: number) => buf.toString('latin1', from, to);
const lower = (buf: Buffer, from: number, to: number) => latin1(buf, from, to).toLowerCase();

/** The offset of the first LF in buf[from, to), or -1. */
function lineFeed(buf: Buffer, from: number, to: number): number {
  for (let i = from; i < to; i++) if (buf[i] === LF) return i;
  return -1;
}

/**
 * Reads the head starting at `start` (the status line) from buf[start, end). Returns the offset
 * just past the blank line that ends it, or -1 while it is incomplete; throws ProtocolError for
 * a bad status line or Content-Length.
 */
export function readHead(buf: Buffer, start: number, end: number, h: HeadInfo): number {
  let lf = lineFeed(buf, start, end);
  if (lf < 0) return -1;
  readStatusLine(buf, start, lf > start && buf[lf - 1] === CR ? lf - 1 : lf, h);
  h.length = -1;
  h.chunked = false;
  h.close = false;
  h.keepAliveToken = false;
  clStart = -1;
  clValues = null;
  teStart = -1;
  for (let i = lf + 1; ; i = lf + 1) {
    lf = lineFeed(buf, i, end);
    if (lf < 0) return -1;
    const lineEnd = lf > i && buf[lf - 1] === CR ? lf - 1 : lf;
    if (lineEnd === i) break; // the blank line
    headerLine(buf, i, lineEnd, h);
  }
  if (clValues) h.length = contentLength(clValues);
  else if (clStart >= 0) h.length = digits(buf, clStart, clEnd);
  if (teStart >= 0) {
    // Chunked when it is the last coding of all the Transfer-Encoding values: of the last one.
    h.chunked =
      equalsLower(buf, teStart, teEnd, CHUNKED) ||
      /(^|,)\s*chunked$/.test(lower(buf, teStart, teEnd));
  }
  return lf + 1;
}

function readStatusLine(buf: Buffer, start: number, end: number, h: HeadInfo): void {
  let ok = end - start >= 12 && buf[start + 8] === SP;
  for (let k = 0; ok && k < HTTP_1.length; k++) ok = buf[start + k] === HTTP_1[k];
  const minor = buf[start + 7];
  ok &&= minor === 0x30 || minor === 0x31;
  let status = 0;
  for (let k = 9; ok && k < 12; k++) {
    const d = (buf[start + k] as number) - 0x30;
    ok = d >= 0 && d <= 9;
    status = status * 10 + d;
  }
  // The reason phrase is optional, and some servers leave out the space before it too.
  ok &&= end === start + 12 || buf[start + 12] === SP || buf[start + 12] === CR;
  if (!ok) {
    throw new ProtocolError(
      `not an HTTP/1.x status line: ${JSON.stringify(latin1(buf, start, end))}`,
    );
  }
  h.status = status;
  h.http10 = minor === 0x30;
}

/**
 * The value start when buf[start, end) is a header line named `name` (any case; spaces before
 * the colon are tolerated, RFC 9112 §5.1 has proxies remove them), else -1.
 */
function valueOf(buf: Buffer, start: number, end: number, name: Uint8Array): number {
  const n = name.length;
  if (end - start <= n) return -1;
  for (let k = 0; k < n; k++) {
    let c = buf[start + k] as number;
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    if (c !== name[k]) return -1;
  }
  let i = start + n;
  while (i < end && (buf[i] === SP || buf[i] === HT)) i++;
  return i < end && buf[i] === 0x3a ? i + 1 : -1;
}

/** Whitespace as String.prototype.trim sees it in a latin1 string. */
function isSpace(c: number): boolean {
  return c === SP || c === HT || c === CR || c === 0x0b || c === 0x0c || c === 0xa0;
}

function headerLine(buf: Buffer, start: number, end: number, h: HeadInfo): void {
  const first = (buf[start] as number) | 0x20;
  if (first !== 0x63 && first !== 0x74) return; // not c... or t...: not a framing header
  let v = valueOf(buf, start, end, CONTENT_LENGTH);
  let kind = 0;
  if (v >= 0) kind = 1;
  else if ((v = valueOf(buf, start, end, CONNECTION)) >= 0) kind = 2;
  else if ((v = valueOf(buf, start, end, TRANSFER_ENCODING)) >= 0) kind = 3;
  else return;
  let e = end;
  while (v < e && isSpace(buf[v] as number)) v++;
  while (e > v && isSpace(buf[e - 1] as number)) e--;
  if (kind === 1) {
    // Repeated values are compared as text; the usual single value is read as digits.
    if (clValues) clValues.push(lower(buf, v, e));
    else if (clStart >= 0) clValues = [lower(buf, clStart, clEnd), lower(buf, v, e)];
    else [clStart, clEnd] = [v, e];
  } else if (kind === 3) {
    [teStart, teEnd] = [v, e];
  } else if (equalsLower(buf, v, e, KEEP_ALIVE)) {
    h.keepAliveToken = true;
  } else if (equalsLower(buf, v, e, CLOSE)) {
    h.close = true;
  } else {
    const value = lower(buf, v, e);
    h.close ||= /\bclose\b/.test(value);
    h.keepAliveToken ||= /\bkeep-alive\b/.test(value);
  }
}

/** Whether buf[start, end) is `lower` in any case. */
function equalsLower(buf: Buffer, start: number, end: number, lower: Uint8Array): boolean {
  if (end - start !== lower.length) return false;
  for (let k = 0; k < lower.length; k++) {
    let c = buf[start + k] as number;
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    if (c !== lower[k]) return false;
  }
  return true;
}

/** A single Content-Length value: decimal digits only, a safe integer. */
function digits(buf: Buffer, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = (buf[i] as number) - 0x30;
    if (d < 0 || d > 9 || n > Number.MAX_SAFE_INTEGER / 10)
      return contentLength([lower(buf, start, end)]);
    n = n * 10 + d;
  }
  return end > start && Number.isSafeInteger(n) ? n : contentLength([lower(buf, start, end)]);
}

/**
 * The body length given by Content-Length values. Repeated identical values are one value;
 * differing or malformed ones make the framing unknowable (RFC 9112 §6.3).
 */
function contentLength(values: string[]): number {
  const first = values[0] as string;
  if (values.some((v) => v !== first))
    throw new ProtocolError(`conflicting content-length values ${JSON.stringify(values)}`);
  const length = Number(first);
  if (!/^\d+$/.test(first) || !Number.isSafeInteger(length))
    throw new ProtocolError(`bad content-length ${JSON.stringify(first)}`);
  return length;
}

/** Every header of the head in buf[start, end) by lower-cased name; repeats joined with ", ". */
export function headerMap(buf: Buffer, start: number, end: number): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = latin1(buf, start, end).split(/\r?\n/);
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
