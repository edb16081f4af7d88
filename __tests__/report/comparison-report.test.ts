import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { rawDataSection, renderRawData } from '../../src/report/comparison-raw.ts';
import { renderComparison, renderComparisonText } from '../../src/report/comparison-report.ts';
import { escapeInline } from '../../src/report/escape.ts';
import { compareRecords } from '../../src/verdict/index.ts';
import { noisyRuns } from '../helpers/noisy-runs.ts';
import { makeRecord } from '../helpers/records.ts';

const HOSTILE = '<img src=x onerror=alert(1)> | @octocat';

function comparison() {
  const base = makeRecord({
    workloads: { [HOSTILE]: noisyRuns({ n: 6, seed: 1 }), hello: noisyRuns({ n: 6, seed: 2 }) },
    fingerprint: 'm1',
    machine: { cpuModel: '<b>Evil CPU</b>' },
  });
  const head = makeRecord({
    workloads: {
      [HOSTILE]: noisyRuns({ n: 6, seed: 3, p99Us: 4000 }),
      hello: noisyRuns({ n: 6, seed: 4 }),
    },
    fingerprint: 'm2',
  });
  // Run against run (one session): the report's layout, not the session model, is tested here.
  return compareRecords(base, head, { test: 'welch' });
}

/** Rows and cells of every table of the rendered HTML. */
function tables(html: string): string[][][] {
  const out: string[][][] = [];
  for (const t of html.match(/<table>[\s\S]*?<\/table>/g) ?? []) {
    const rows = t.match(/<tr>[\s\S]*?<\/tr>/g) ?? [];
    out.push(
      rows.map((r) =>
        (r.match(/<t[hd][^>]*>[\s\S]*?<\/t[hd]>/g) ?? []).map((c) => c.replace(/<[^>]+>/g, '')),
      ),
    );
  }
  return out;
}

describe('renderComparison', () => {
  const c = comparison();
  const md = renderComparison(c, {
    details: true,
    runUrl: 'https://github.com/o/r/actions/runs/1',
  });
  const html = marked.parse(md, { gfm: true, async: false }) as string;

  it('starts with the one-line verdict', () => {
    const first = md.split('\n')[0] as string;
    expect(
      first.startsWith(
        '### 🔴 perfgate: 1 regression \\(&lt;img src=x onerror=alert\\(1\\)&gt; \\| @\u200boctocat p99 ',
      ),
    ).toBe(true);
  });

  it('a hostile workload name injects no HTML, no mention and does not break a table', () => {
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<b>Evil/);
    expect(md).not.toContain('@octocat');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; | @\u200boctocat');
  });

  it('opens with one table across workloads of only the metrics that changed or are undecided', () => {
    const [changes] = tables(html);
    expect(changes?.[0]).toEqual([
      'workload',
      'metric',
      'baseline',
      'this PR',
      expect.stringMatching(/^change \[\d+(\.\d)?% interval\]$/),
      'verdict',
    ]);
    const rows = changes?.slice(1) ?? [];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row[5]).toMatch(/regression|improvement|inconclusive/);
    expect(rows.some((r) => r[0] === 'hello' && r[5]?.includes('no change'))).toBe(false);
  });

  it('charts what decided in a text block, and links nothing without a repository address', () => {
    expect(md).toMatch(/```text\n[\s\S]*●[\s\S]*← better {3}worse →[\s\S]*```/);
    expect(md).not.toContain('/commit/');
    const linked = renderComparison(c, { details: false, repoUrl: 'https://github.com/o/r' });
    expect(linked).toContain(`(https://github.com/o/r/commit/${c.candidate.commit?.sha})`);
  });

  it('collapses every workload, the statistics and the raw data below the changes', () => {
    const firstDetails = md.indexOf('<details>');
    expect(firstDetails).toBeGreaterThan(md.indexOf('| workload'));
    expect(md.slice(0, firstDetails)).not.toContain('Smallest change these runs could detect');
    expect(md).toContain('<details><summary>Every metric of the 2 workloads</summary>');
    expect(md).toContain('<details><summary>How to read the statistics</summary>');
  });

  it('says each note once', () => {
    for (const n of c.notes) expect(md.split(escapeInline(n.message)).length - 1).toBe(1);
  });

  it('renders well-formed tables: one row per metric, six cells per row', () => {
    const all = tables(html);
    const verdictTables = all.filter((t) => t[0]?.[0] === 'metric' && t[0].length === 6);
    expect(verdictTables).toHaveLength(2);
    for (const t of verdictTables) {
      expect(t).toHaveLength(1 + 8);
      for (const row of t) expect(row).toHaveLength(6);
    }
    const raw = all.filter((t) => t[0]?.[0] === 'run');
    expect(raw).toHaveLength(4);
    for (const t of raw) {
      expect(t).toHaveLength(1 + 6);
      for (const row of t) expect(row).toHaveLength(10);
    }
  });

  it('shows warnings, the noise floor, tests, runs and collapsed details', () => {
    expect(md).toContain('> [!WARNING]');
    expect(md).toMatch(/Different machines: the baseline ran on &lt;b&gt;Evil CPU&lt;\/b&gt;/);
    expect(md).toMatch(
      /Smallest regression these runs catch \(80% of the time, tolerance included\): req\/s -\d+\.\d%/,
    );
    expect(md).toMatch(/Test: Welch t on log values: asked for \(req\/s, p50/);
    expect(md).toMatch(/Runs: baseline 6, this PR 6\./);
    expect(md).toContain('<details><summary>Raw data: every kept run</summary>');
    expect(md).toContain('<details><summary>Machines, versions and configs</summary>');
    expect(md).toContain('[Run details](https://github.com/o/r/actions/runs/1)');
  });

  it('without details there is no raw data; the raw data is available on its own', () => {
    const short = renderComparison(c, { details: false });
    expect(short).not.toContain('Raw data');
    expect(short).not.toContain('Machines, versions and configs');
    expect(renderRawData(c).startsWith('<details><summary>Raw data')).toBe(true);
    const section = rawDataSection(c);
    expect(section.trimmable).toBe(true);
    expect(section.lines.length).toBeGreaterThan(20);
  });
});

describe('renderComparisonText', () => {
  it('is plain text: no HTML, no escapes, no control characters from names', () => {
    const base = makeRecord({
      workloads: { 'a\u001b[31mred': noisyRuns({ n: 10, seed: 9, cv: 0.01 }) },
    });
    const text = renderComparisonText(compareRecords(base, base, { test: 'welch' }));
    expect(text).not.toContain('<details>');
    expect(text).not.toContain('\u001b');
    expect(text).toMatch(/^🟢 perfgate: no regression in 1 workload/);
    expect(text).toContain('a [31mred: 🟢 no change');
  });
});

describe('the method footer', () => {
  it('reads α from the tested metrics only: a gated metric measured on one side has no share', () => {
    const base = makeRecord({ workloads: { hello: noisyRuns({ n: 6, seed: 1 }) } });
    const head = makeRecord({
      workloads: { hello: noisyRuns({ n: 6, seed: 2, extra: { cpuMsPerRequest: null } }) },
    });
    const c = compareRecords(base, head, { test: 'welch' });
    const text = renderComparison(c, { details: false });
    // CPU/req is gated but untested: the family is errors (4) + 4 informing (1 each) = 8.
    expect(text).toContain("one-sided tests at the metric's share of α' = 0.05, over the");
    expect(text).not.toContain('adaptive sampling spent');
  });

  it("states the level of the interval bounds: each metric's share of α, or of what adaptive sampling left", () => {
    const c = comparison();
    // 2 workloads: 4 required metrics (weight 4) and 8 informing ones (weight 1): 24 in all.
    expect(c.familySize).toBe(12);
    const text = renderComparison(c, { details: false });
    expect(text).toContain(
      "one-sided tests at the metric's share of α' = 0.05, over the 12 gated metrics",
    );
    expect(text).toContain(
      '98.3% intervals (bounds at 0.00833) for the metrics a pass needs (CPU/req, errors)',
    );
    expect(text).toContain(
      '99.6% (bounds at 0.00208) for those that inform (req/s, p50, p99, peak RSS)',
    );
    expect(text).toContain('4 times the share of one that informs');
    expect(text).toContain('change [interval]');
    // An adaptively sampled record keeps 75% of α for its final comparison.
    const scaled = (level: number | null | undefined) =>
      level == null ? level : 1 - (1 - level) * 0.75;
    const adaptive = {
      ...c,
      intervalLevel: scaled(c.intervalLevel) as number,
      workloads: c.workloads.map((w) => ({
        ...w,
        metrics: w.metrics.map((m) => ({ ...m, intervalLevel: scaled(m.intervalLevel) })),
      })),
    };
    const adaptiveText = renderComparison(adaptive, { details: false });
    expect(adaptiveText).toContain(
      "share of α' = 0.0375 (adaptive sampling spent the other 0.0125 of α on its early looks)",
    );
  });
});
