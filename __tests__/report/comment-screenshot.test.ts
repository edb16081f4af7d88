/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The PR comment as a reviewer sees it: rendered with GitHub-flavoured markdown and GitHub-like
// styles in headless Chromium (Debian's `chromium`, which .ci/run installs), photographed, and
// checked for layout facts. The pictures are written to test-output/screenshots/ (or
// $PERFGATE_SCREENSHOT_DIR) for a person to open.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCommentBody } from '../../src/action/report-to-github.ts';
import { renderHtml } from '../action/render-check.ts';
import { reviewerScenario } from '../helpers/report-scenarios.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const OUT = process.env.PERFGATE_SCREENSHOT_DIR ?? path.join(ROOT, 'test-output', 'screenshots');
const CHROMIUM = '/usr/bin/chromium';
/** The part above the collapsed sections, for 10 workloads, fits in this many CSS pixels. */
// 1,400 px before the stored-baseline note (what a stored comparison can catch, said once).
const VISIBLE_HEIGHT_LIMIT = 1600;

/** GitHub turns `> [!WARNING]` into an alert box; marked leaves a blockquote: do what GitHub does. */
function githubAlerts(html: string): string {
  return html.replace(
    /<blockquote>\s*<p>\[!(WARNING|NOTE)\]\s*/g,
    (_m, kind: string) =>
      `<blockquote class="markdown-alert markdown-alert-${kind.toLowerCase()}"><p class="markdown-alert-title">${kind === 'NOTE' ? 'Note' : 'Warning'}</p><p>`,
  );
}

async function page(browser: BrowserContext, markdown: string): Promise<Page> {
  const css = await readFile(path.join(ROOT, '__tests__/helpers/github-markdown.css'), 'utf8');
  const p = await browser.newPage();
  await p.setContent(
    `<!doctype html><meta charset="utf-8"><style>${css}</style><div class="comment"><div class="comment-header"><b>github-actions</b> bot commented</div><div class="markdown-body">${githubAlerts(renderHtml(markdown))}</div></div>`,
  );
  return p;
}

interface Layout {
  visibleHeight: number;
  firstTag: string;
  chartAboveDetails: boolean;
  widest: number;
  column: number;
  hiddenTables: number;
  visibleTables: number;
}

async function layout(p: Page): Promise<Layout> {
  return p.evaluate(() => {
    const body = document.querySelector('.markdown-body') as HTMLElement;
    const top = body.getBoundingClientRect().top;
    const details = body.querySelector('details') as HTMLElement;
    const pre = body.querySelector('pre');
    const tables = [...body.querySelectorAll('table')];
    const shown = tables.filter((t) => t.checkVisibility());
    return {
      visibleHeight: details.getBoundingClientRect().top - top,
      firstTag: body.firstElementChild?.tagName ?? '',
      chartAboveDetails:
        pre !== null && pre.getBoundingClientRect().bottom <= details.getBoundingClientRect().top,
      widest: Math.max(...[...body.children].map((e) => (e as HTMLElement).scrollWidth)),
      column: body.clientWidth,
      hiddenTables: tables.length - shown.length,
      visibleTables: shown.length,
    };
  });
}

describe.runIf(existsSync(CHROMIUM) || process.env.CI)('the PR comment in a browser', () => {
  let browser: BrowserContext;
  let profile: string;
  const facts = new Map<number, Layout>();

  beforeAll(async () => {
    await mkdir(OUT, { recursive: true });
    profile = await mkdtemp(path.join(os.tmpdir(), 'perfgate-chromium-'));
    // An empty profile of its own (launchPersistentContext passes it as --user-data-dir).
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      viewport: { width: 820, height: 800 },
      chromiumSandbox: false,
      args: [
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    for (const n of [3, 10]) {
      const p = await page(browser, renderCommentBody(reviewerScenario(n), 'perfgate.yml').body);
      facts.set(n, await layout(p));
      await p.screenshot({ path: path.join(OUT, `comment-${n}-workloads.png`), fullPage: true });
      // The same comment with every section open, as a reviewer who clicks through sees it.
      await p.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
      await p.screenshot({
        path: path.join(OUT, `comment-${n}-workloads-open.png`),
        fullPage: true,
      });
      await p.close();
    }
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await rm(profile, { recursive: true, force: true });
  });

  it('opens with the headline, then what changed, then a chart, all above the collapsed parts', () => {
    for (const f of facts.values()) {
      expect(f.firstTag).toBe('H3');
      expect(f.chartAboveDetails).toBe(true);
      // Visible: the table of changes and the trend; every workload's table is collapsed.
      expect(f.visibleTables).toBe(2);
      expect(f.hiddenTables).toBeGreaterThan(0);
    }
  });

  it('fits a given height for 10 workloads until the collapsed parts, as for 3', () => {
    const ten = facts.get(10)!;
    expect(ten.visibleHeight).toBeLessThanOrEqual(VISIBLE_HEIGHT_LIMIT);
    // An unchanged workload adds a row only when a metric a pass needs is undecided (the
    // 10-workload scenario has one: a CPU/req interval across the tolerance).
    // Workloads that did not change add nothing above the fold.
    expect(Math.abs(ten.visibleHeight - facts.get(3)!.visibleHeight)).toBeLessThan(100);
  });

  it('nothing is wider than the comment column', () => {
    for (const f of facts.values()) expect(f.widest).toBeLessThanOrEqual(f.column);
  });
});
