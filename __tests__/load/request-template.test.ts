import { describe, expect, it } from 'vitest';
import type { RequestSpec } from '../../src/config/schema.ts';
import {
  readCapture,
  renderParts,
  renderTemplate,
  requestParts,
  unresolvedNames,
} from '../../src/load/request-template.ts';

describe('templates', () => {
  it('fills placeholders and refuses to leave one unfilled', () => {
    expect(renderTemplate('/tasks/{{id}}/{{ sub }}', { id: '7', sub: 'x' })).toBe('/tasks/7/x');
    expect(renderTemplate('/tasks/{{id}}', {})).toBeNull();
    expect(renderTemplate('no placeholders', {})).toBe('no placeholders');
  });

  it('JSON-escapes values inserted into an object body', () => {
    const parts = requestParts({ method: 'POST', path: '/', body: { name: '{{n}}' } });
    expect(parts.headers).toEqual({ 'content-type': 'application/json' });
    const filled = renderParts(parts, { n: 'say "hi"' });
    expect(JSON.parse(filled?.body ?? '')).toEqual({ name: 'say "hi"' });
  });

  it('keeps a given content-type whatever its case', () => {
    const parts = requestParts({
      method: 'POST',
      path: '/',
      headers: { 'Content-Type': 'text/x' },
      body: [1],
    });
    expect(parts.headers).toEqual({ 'Content-Type': 'text/x' });
    expect(parts.body).toBe('[1]');
  });

  it('names placeholders no earlier step captures', () => {
    const steps: RequestSpec[] = [
      { method: 'GET', path: '/a/{{early}}' },
      { method: 'POST', path: '/tasks', capture: { id: 'body.id' } },
      { method: 'GET', path: '/tasks/{{id}}', headers: { 'x-v': '{{v}}' } },
    ];
    expect(unresolvedNames(steps, { v: '1' })).toEqual([
      'steps[0] (GET /a/{{early}}) uses {{early}}, which no earlier step captures',
    ]);
  });
});

describe('captures', () => {
  const body = '{"id":12,"items":[{"id":"a"},{"id":"b"}],"ok":false,"nested":{"x":null}}';
  it('reads JSON fields by dotted path, with array indexes', () => {
    expect(readCapture('body.id', 201, body, {})).toBe('12');
    expect(readCapture('body.items.1.id', 201, body, {})).toBe('b');
    expect(readCapture('body.ok', 201, body, {})).toBe('false');
    expect(readCapture('body.items.0', 201, body, {})).toBe('{"id":"a"}');
    expect(readCapture('body', 201, 'plain', {})).toBe('plain');
  });
  it('reports a missing value as undefined', () => {
    expect(readCapture('body.nested.x', 201, body, {})).toBeUndefined();
    expect(readCapture('body.missing.deeper', 201, body, {})).toBeUndefined();
    expect(readCapture('body.id', 201, 'not json', {})).toBeUndefined();
    expect(readCapture('headers.location', 201, body, {})).toBeUndefined();
  });
  it('reads headers case-insensitively and the status', () => {
    expect(readCapture('headers.location', 201, '', { Location: '/tasks/3' })).toBe('/tasks/3');
    expect(readCapture('headers.set-cookie', 201, '', { 'Set-Cookie': ['a=1', 'b=2'] })).toBe(
      'a=1',
    );
    expect(readCapture('status', 201, '', {})).toBe('201');
  });
});
