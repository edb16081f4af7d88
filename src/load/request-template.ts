import { findPlaceholders, PLACEHOLDER } from '../config/placeholders.ts';
import type { RequestSpec } from '../config/schema.ts';

// Pure helpers shared by the load worker and the setup requests: {{name}} templates, request
// parts, response checks and captures. No I/O here.

/** Captured values by name; a sequence's context and the setup `vars` share this shape. */
export type Values = Record<string, string>;

/** The request of one step with its body serialized; still holding {{name}} placeholders. */
export interface RequestParts {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** Serialized body, or undefined for none. */
  body: string | undefined;
  /** True when the body came from an object, so inserted values are JSON-escaped. */
  jsonBody: boolean;
}

/** The placeholder names used in a text, in order of appearance. */
export function templateNames(text: string): string[] {
  return findPlaceholders(text);
}

/**
 * Replaces every {{name}} from `values`. Returns null when a name has no value, so a caller
 * never sends a literal `{{id}}`. With `json`, values are escaped for a JSON string literal.
 */
export function renderTemplate(text: string, values: Values, json = false): string | null {
  let missing = false;
  const out = text.replace(PLACEHOLDER, (_m, name: string) => {
    const v = values[name];
    if (v === undefined) {
      missing = true;
      return '';
    }
    return json ? JSON.stringify(v).slice(1, -1) : v;
  });
  return missing ? null : out;
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  const lower = name.toLowerCase();
  return Object.keys(headers).some((k) => k.toLowerCase() === lower);
}

/** Serializes a step's body (objects as JSON, with a JSON content-type unless one is given). */
export function requestParts(step: RequestSpec): RequestParts {
  const headers = { ...(step.headers ?? {}) };
  let body: string | undefined;
  let jsonBody = false;
  if (typeof step.body === 'string') body = step.body;
  else if (step.body !== undefined) {
    body = JSON.stringify(step.body);
    jsonBody = true;
    if (!hasHeader(headers, 'content-type')) headers['content-type'] = 'application/json';
  }
  return { method: step.method ?? 'GET', path: step.path, headers, body, jsonBody };
}

/** True when any part of the request holds a placeholder. */
export function isTemplated(parts: RequestParts): boolean {
  const texts = [parts.path, parts.body ?? '', ...Object.values(parts.headers)];
  return texts.some((t) => templateNames(t).length > 0);
}

/** Fills the placeholders of every part, or null when a value is missing. */
export function renderParts(parts: RequestParts, values: Values): RequestParts | null {
  const path = renderTemplate(parts.path, values);
  if (path === null) return null;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(parts.headers)) {
    const r = renderTemplate(v, values);
    if (r === null) return null;
    headers[k] = r;
  }
  let body: string | undefined;
  if (parts.body !== undefined) {
    const r = renderTemplate(parts.body, values, parts.jsonBody);
    if (r === null) return null;
    body = r;
  }
  return { ...parts, path, headers, body };
}

/** Whether a status is the step's expected one (default: any 2xx). */
export function isExpectedStatus(step: RequestSpec, status: number): boolean {
  const want = step.expect?.status;
  if (want === undefined) return status >= 200 && status < 300;
  return Array.isArray(want) ? want.includes(status) : want === status;
}

/** Whether the body contains the step's expected text (always true without `expect.body`). */
export function isExpectedBody(step: RequestSpec, body: string): boolean {
  const want = step.expect?.body;
  return want === undefined || body.includes(want);
}

function headerValue(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() === lower) return Array.isArray(v) ? v[0] : v;
  }
  return undefined;
}

function bodyValue(body: string, fieldPath: string[]): string | undefined {
  if (fieldPath.length === 0) return body;
  let node: unknown;
  try {
    node = JSON.parse(body);
  } catch {
    return undefined;
  }
  for (const key of fieldPath) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  if (node === undefined || node === null) return undefined;
  return typeof node === 'object' ? JSON.stringify(node) : String(node);
}

/**
 * Reads one capture source ("status", "headers.<name>", "body" or "body.a.0.b") from a
 * response; undefined when the response does not hold it.
 */
export function readCapture(
  source: string,
  status: number,
  body: string,
  headers: Record<string, string | string[] | undefined>,
): string | undefined {
  if (source === 'status') return String(status);
  if (source.startsWith('headers.')) return headerValue(headers, source.slice('headers.'.length));
  if (source === 'body' || source.startsWith('body.'))
    return bodyValue(body, source.split('.').slice(1));
  return undefined;
}

/**
 * Applies a step's captures into `into`. Returns false when a value is missing (the caller
 * counts a body error); the values found are still stored.
 */
export function applyCaptures(
  step: RequestSpec,
  status: number,
  body: string,
  headers: Record<string, string | string[] | undefined>,
  into: Values,
): boolean {
  let complete = true;
  for (const [name, source] of Object.entries(step.capture ?? {})) {
    const v = readCapture(source, status, body, headers);
    if (v === undefined) complete = false;
    else into[name] = v;
  }
  return complete;
}

/**
 * Names a sequence uses that no earlier step captures and `vars` lacks: such a step could
 * never be sent. Each problem names the step and the placeholder.
 */
export function unresolvedNames(steps: RequestSpec[], vars: Values, label = 'steps'): string[] {
  const known = new Set(Object.keys(vars));
  const problems: string[] = [];
  steps.forEach((step, i) => {
    const parts = requestParts(step);
    const texts = [parts.path, parts.body ?? '', ...Object.values(parts.headers)];
    for (const name of new Set(texts.flatMap(templateNames))) {
      if (!known.has(name)) {
        problems.push(
          `${label}[${i}] (${parts.method} ${parts.path}) uses {{${name}}}, which no earlier step captures`,
        );
      }
    }
    for (const name of Object.keys(step.capture ?? {})) known.add(name);
  });
  return problems;
}
