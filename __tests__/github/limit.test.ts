import { describe, expect, it } from 'vitest';
import {
  fitComment,
  fitSummary,
  GITHUB_SUMMARY_LIMIT,
  SUMMARY_CUT_NOTE,
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

describe('fitSummary', () => {
  const report = (rows: number, cell = 'x') =>
    [
      '## perfgate: no regression',
      '',
      '| a | b |',
      '| --- | --- |',
      '| 1 | 2 |',
      '',
      '<details><summary>Raw data</summary>',
      '',
      '```text',
      ...Array.from({ length: rows }, (_, i) => `run ${i} ${cell.repeat(40)}`),
      '```',
      '</details>',
      '',
    ].join('\n');

  it('leaves a summary that fits alone', () => {
    const text = report(10);
    expect(fitSummary(text, 10_000)).toBe(text);
  });

  it('cuts at a line end within the byte limit, closes the fence and the details, and says so', () => {
    for (const cell of ['x', 'é', '✓', '😀']) {
      const text = report(2000, cell);
      const fitted = fitSummary(text, 50_000);
      expect(Buffer.byteLength(fitted, 'utf8')).toBeLessThanOrEqual(50_000);
      expect(fitted).toContain(SUMMARY_CUT_NOTE);
      expect(fitted).not.toContain('\uFFFD');
      expect(fitted.startsWith('## perfgate: no regression')).toBe(true);
      const [before] = fitted.split(SUMMARY_CUT_NOTE);
      expect(before!.match(/^```/gm)!.length % 2).toBe(0);
      expect(before!.match(/<details>/g)!.length).toBe(before!.match(/<\/details>/g)!.length);
      // Every kept row is whole.
      for (const line of before!.split('\n').filter((l) => l.startsWith('run ')))
        expect(line).toMatch(new RegExp(`^run \\d+ (${cell}){40}$`, 'u'));
    }
  });

  it('uses GitHub’s 1 MiB by default', () => {
    expect(GITHUB_SUMMARY_LIMIT).toBe(1_048_576);
    const text = report(30_000);
    expect(Buffer.byteLength(text)).toBeGreaterThan(GITHUB_SUMMARY_LIMIT);
    expect(Buffer.byteLength(fitSummary(text))).toBeLessThanOrEqual(GITHUB_SUMMARY_LIMIT);
  });
});
