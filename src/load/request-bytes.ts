// The bytes the built-in client sends: each step of a workload serialized once when it holds no
// {{name}} placeholder, or per request from the connection's captured values when it does.
import type { RequestSpec } from '../config/schema.ts';
import { isTemplated, requestParts, type RequestParts } from './request-template.ts';

/** One step ready to send: a prebuilt request, or its parts to fill per connection. */
export interface Step {
  spec: RequestSpec;
  isHead: boolean;
  fixed: Buffer | null;
  parts: RequestParts;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'TRACE']);

/** Whether a request of this method may be sent again (RFC 9110 §9.2.2). */
export function isIdempotent(method: string): boolean {
  return IDEMPOTENT.has(method.toUpperCase());
}

/** The host part of a URL as a socket connects to it: an IPv6 address without its brackets. */
export function socketHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((k) => k.toLowerCase() === name);
}

/** The bytes of one request. */
export function serialize(parts: RequestParts, host: string): Buffer {
  const lines = [`${parts.method} ${parts.path} HTTP/1.1`];
  if (!hasHeader(parts.headers, 'host')) lines.push(`Host: ${host}`);
  for (const [k, v] of Object.entries(parts.headers)) lines.push(`${k}: ${v}`);
  const body = parts.body === undefined ? null : Buffer.from(parts.body, 'utf8');
  if (body && !hasHeader(parts.headers, 'content-length'))
    lines.push(`Content-Length: ${body.length}`);
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  return body ? Buffer.concat([head, body]) : head;
}

export function prepareSteps(steps: RequestSpec[], prefix: string, host: string): Step[] {
  return steps.map((spec) => {
    const own = requestParts(spec);
    const parts = { ...own, path: prefix + own.path };
    return {
      spec,
      isHead: parts.method.toUpperCase() === 'HEAD',
      fixed: isTemplated(parts) ? null : serialize(parts, host),
      parts,
    };
  });
}
