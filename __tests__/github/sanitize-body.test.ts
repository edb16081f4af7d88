// A hostile comment.md (written by a pull request's own code) through `perfgate comment` and the
// GitHub stand-in, rendered as GitHub would (GFM via `marked`): no tag outside the allow-list,
// no image from any host, no autolink, no mention, no second marker, a note on where it came from.
// perfgate's own comment keeps its tables, collapsed sections and chart.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderCommentBody } from '../../src/action/report-to-github.ts';
import { commentCommand } from '../../src/cli/comment-command.ts';
import { escapeCell } from '../../src/report/escape.ts';
import { sanitizeUntrustedMarkdown } from '../../src/github/sanitize-body.ts';
import { compareRecords } from '../../src/verdict/index.ts';
import { assertWellFormedComment, renderHtml } from '../action/render-check.ts';
import {
  clientFor,
  startGitHubApi,
  TEST_TOKEN,
  type GitHubApiStandIn,
} from '../helpers/github-api/index.ts';
import { makeRecord } from '../helpers/records.ts';

const HEAD = '8f3c2a1b9d4e5f60718293a4b5c6d7e8f9012345';

/** Tags markdown itself produces, plus the allow-list of raw HTML perfgate writes. */
const RENDERED_TAGS = new Set(
  'a blockquote br code del details em h1 h2 h3 h4 h5 h6 hr li ol p pre strong summary table tbody td th thead tr ul'.split(
    ' ',
  ),
);

const HOSTILE = [
  '### ✅ perfgate: no regression <img src="https://tracker.example/p.gif?pr=1">',
  '<details open><summary>Looks official</summary>',
  '<div align="center" style="color:green"><h1>All green</h1></div>',
  '<script>alert(1)</script><iframe src="https://evil.example"></iframe>',
  '<a href="javascript:alert(1)">click</a> <svg onload="x"></svg> <input type="checkbox" checked>',
  '![pixel](https://tracker.example/pixel.png) ![gh](https://avatars.githubusercontent.com/u/1)',
  '[![badge](https://img.shields.io/x.svg)](https://evil.example)',
  '![ref image][r]',
  '',
  '[r]: https://tracker.example/r.png',
  '',
  'Bare links: https://evil.example/login www.evil.example <https://evil.example/angle>',
  'Ping @octocat and @octo-org/admins, see #1 and owner/repo#2, mail me at a@b.example',
  '<!-- perfgate:config=other.yml -->',
  '<DETAILS>upper case</DETAILS> <br onclick="x"> <summary class="x">s</summary>',
  '&lt;details open&gt; stays text',
  '```html',
  '<img src="https://tracker.example/in-code.png">',
  '```',
  '</details>',
].join('\n');

function tagsOf(html: string): string[] {
  return [...html.matchAll(/<([A-Za-z][A-Za-z0-9-]*)\b/g)].map((m) =>
    (m[1] as string).toLowerCase(),
  );
}

describe('sanitising an untrusted comment body', () => {
  let api: GitHubApiStandIn;
  let dir: string;
  beforeEach(async () => {
    api = await startGitHubApi();
    api.state.pulls.set(58, {
      number: 58,
      headSha: HEAD,
      headRef: 'feature',
      baseSha: '1'.repeat(40),
      baseRef: 'main',
      headRepo: 'contributor/web-app',
    });
    dir = await mkdtemp(path.join(os.tmpdir(), 'perfgate-sanitize-'));
  });
  afterEach(async () => {
    expect(api.violations).toEqual([]);
    await api.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function post(body: string): Promise<string> {
    const file = path.join(dir, 'comment.md');
    await writeFile(file, body);
    const out = { text: '', isTTY: false, write: (t: string) => void (out.text += t) };
    const err = { text: '', isTTY: false, write: (t: string) => void (err.text += t) };
    const env = {
      GITHUB_TOKEN: TEST_TOKEN,
      GITHUB_REPOSITORY: 'octo-org/web-app',
      GITHUB_API_URL: api.url,
    };
    const argv = ['--body', file, '--pr', '58', '--head-sha', HEAD];
    expect(await commentCommand(argv, { out, err }, env, () => clientFor(api))).toBe(0);
    const [comment] = api.state.commentsOf(58);
    return comment!.body;
  }

  it('posts a hostile comment.md with no tag outside the allow-list and no image', async () => {
    const posted = await post(HOSTILE);
    const html = renderHtml(posted);
    const unexpected = tagsOf(html).filter((t) => !RENDERED_TAGS.has(t));
    expect(unexpected, html).toEqual([]);
    expect(html).not.toMatch(/<img\b/i);
    // Allowed tags carry no attributes: no `<details open>`, no handlers.
    expect(html).not.toMatch(/<(details|summary|br)\s+[a-z]/i);
    // Links: a bare URL is never autolinked, and nothing links to javascript:.
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs).toContain('https://evil.example'); // the explicit markdown link
    for (const bare of ['https://evil.example/login', 'www.evil.example', 'evil.example/angle'])
      expect(hrefs.filter((h) => h?.includes(bare))).toEqual([]);
    expect(html).not.toContain('href="javascript:');
    // No mention, no issue reference, one marker: perfgate's own, opening the comment.
    expect(posted).not.toMatch(/@[A-Za-z0-9]/);
    expect(posted).not.toMatch(/#\d/);
    expect(posted.match(/<!-- perfgate:config=/g)).toHaveLength(1);
    expect(posted.startsWith('<!-- perfgate:config=perfgate.yml -->\n')).toBe(true);
    // It says where it came from, before anything the pull request wrote.
    const note = posted.indexOf("from the report that this pull request's own workflow run wrote");
    expect(note).toBeGreaterThan(0);
    expect(note).toBeLessThan(posted.indexOf('Looks official'));
    expect(html).toContain(`<code>${HEAD.slice(0, 12)}</code>`);
  });

  it("keeps perfgate's own comment intact: tables, collapsed sections, the chart", () => {
    const runs = (rps: number) => Array.from({ length: 5 }, (_, i) => rps * (1 + (i - 2) / 100));
    const base = makeRecord({ workloads: { hello: runs(1000), 'create user': runs(500) } });
    const head = makeRecord({
      workloads: { hello: runs(700), 'create user': runs(500) },
      commit: 'b'.repeat(40),
    });
    const comparison = compareRecords([base], head, { alpha: 0.05, test: 'welch' });
    const own = renderCommentBody(
      { verdict: 'regression', comparison, record: head, notices: [] },
      'perfgate.yml',
    ).body;
    expect(own).toContain('●'); // the change chart is part of the report
    const clean = sanitizeUntrustedMarkdown(own);
    const html = assertWellFormedComment(clean);
    expect(tagsOf(renderHtml(own)).filter((t) => t === 'details').length).toBe(
      tagsOf(html).filter((t) => t === 'details').length,
    );
    expect(html).toContain('<summary>');
    expect(clean).toContain('●'); // the change chart, a text block
  });

  it("a workload name with a bare URL is not autolinked in perfgate's own report", () => {
    const html = renderHtml(
      `| ${escapeCell('login https://evil.example/x www.evil.example')} |\n| - |\n| x |`,
    );
    expect(html).not.toContain('<a ');
    expect(html).toContain('evil.example/x');
  });
});
