import { describe, expect, it } from 'vitest';
import {
  fitComment,
  GITHUB_COMMENT_LIMIT,
  TRIM_NOTE,
  type TrimmableSection,
} from '../../src/github/limit.ts';

const raw = (n: number, width = 50): TrimmableSection => ({
  trimmable: true,
  open: '<details><summary>Raw data</summary>\n\n```text',
  lines: Array.from({ length: n }, (_, i) => `${String(i).padStart(5, '0')} ${'x'.repeat(width)}`),
  close: '```\n</details>',
});

describe('fitComment', () => {
  it('joins sections with blank lines when they fit', () => {
    const out = fitComment(['# head', raw(2, 1), 'footer']);
    expect(out).toEqual({
      body: '# head\n\n<details><summary>Raw data</summary>\n\n```text\n00000 x\n00001 x\n```\n</details>\n\nfooter',
      trimmed: false,
    });
  });

  it('keeps leading raw lines up to the limit and says so after the raw section', () => {
    const out = fitComment(['# head', raw(100), 'footer'], 1000);
    expect(out.trimmed).toBe(true);
    expect(out.body.length).toBeLessThanOrEqual(1000);
    expect(out.body.length).toBeGreaterThan(1000 - 57); // no more room for one more line
    expect(out.body).toContain('00000 ');
    expect(out.body).not.toContain('00099 ');
    expect(out.body).toMatch(/```\n<\/details>\n\n_Raw data trimmed[^\n]*_\n\nfooter$/);
  });

  it('drops the raw section entirely when not even its frame fits', () => {
    const head = 'h'.repeat(900);
    const out = fitComment([head, raw(100)], 900 + 2 + TRIM_NOTE.length + 10);
    expect(out.body).toBe(`${head}\n\n${TRIM_NOTE}`);
  });

  it('cuts the text as a last resort so the limit always holds', () => {
    const out = fitComment(['h'.repeat(5000), raw(10)], 1000);
    expect(out.body.length).toBeLessThanOrEqual(1000);
    expect(out.body.endsWith(TRIM_NOTE)).toBe(true);
  });

  it('counts UTF-16 code units and does not split surrogate pairs', () => {
    const out = fitComment(['📈'.repeat(40_000)], GITHUB_COMMENT_LIMIT);
    expect(out.body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(out.body).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('holds the limit for many sizes', () => {
    for (const limit of [200, 500, 1234, 4096, GITHUB_COMMENT_LIMIT]) {
      for (const lines of [0, 1, 10, 5000]) {
        const out = fitComment(['# head', 'table '.repeat(20), raw(lines, 80), 'footer'], limit);
        expect(out.body.length).toBeLessThanOrEqual(limit);
      }
    }
  });
});
