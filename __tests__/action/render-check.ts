// Checks that a PR comment renders as GitHub would render it (GFM via `marked`) into
// well-formed tables, a text code block for the chart, and no HTML other than what the report itself uses.

import { Marked } from 'marked';
import { expect } from 'vitest';

/** The comment as HTML, rendered with GitHub-flavoured markdown. */
export function renderHtml(markdown: string): string {
  return new Marked({ gfm: true }).parse(markdown, { async: false });
}

/** Tags the report itself produces; anything else came from a name and was not escaped. */
const ALLOWED_TAGS = new Set([
  'a',
  'blockquote',
  'br',
  'code',
  'details',
  'em',
  'h2',
  'h3',
  'h4',
  'li',
  'ol',
  'p',
  'pre',
  'strong',
  'summary',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'tr',
  'ul',
  'hr',
]);

/** Unescaped pipes of a markdown table line (a `\|` inside a cell does not count). */
function pipes(line: string): number {
  return (line.match(/(?<!\\)\|/g) ?? []).length;
}

/** Asserts the comment's tables, chart and escaping; returns the HTML for further checks. */
export function assertWellFormedComment(markdown: string): string {
  // Source level: every line of a table has the header's number of cell borders.
  const lines = markdown.split('\n');
  let tables = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith('|') || lines[i - 1]?.startsWith('|')) continue;
    tables++;
    const header = pipes(lines[i]!);
    for (let j = i; j < lines.length && lines[j]!.startsWith('|'); j++) {
      expect(pipes(lines[j]!), `table line ${j + 1}: ${lines[j]}`).toBe(header);
    }
  }
  expect(tables).toBeGreaterThan(0);

  const html = renderHtml(markdown);
  // HTML level: header and rows of every table have the same number of cells.
  const htmlTables = [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)].map((m) => m[1]!);
  expect(htmlTables.length).toBe(tables);
  for (const t of htmlTables) {
    const headCells = (/<thead>([\s\S]*?)<\/thead>/.exec(t)?.[1]?.match(/<th\b/g) ?? []).length;
    expect(headCells).toBeGreaterThan(1);
    const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(t)?.[1] ?? '';
    for (const row of body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)) {
      expect((row[1]!.match(/<td\b/g) ?? []).length).toBe(headCells);
    }
  }
  // Only the report's own tags: a name never turns into an element.
  const tags = new Set(
    [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1]!.toLowerCase()),
  );
  expect([...tags].filter((t) => !ALLOWED_TAGS.has(t))).toEqual([]);
  // Outside code (where GitHub never links mentions), no name mentions anyone.
  const prose = html.replace(/<pre>[\s\S]*?<\/pre>|<code>[\s\S]*?<\/code>/g, '');
  expect(prose).not.toMatch(/(^|[^\u200b])@octocat/);

  // The chart, when there is one, is one text code block that no name could close early.
  if (markdown.includes('```text')) {
    const chart = /<pre><code class="language-text">([\s\S]*?)<\/code><\/pre>/.exec(html);
    expect(chart, 'chart block').not.toBeNull();
    expect(chart![1]).toContain('← better   worse →');
    expect(markdown.match(/^```/gm)?.length ?? 0).toBe(2);
  }
  return html;
}
