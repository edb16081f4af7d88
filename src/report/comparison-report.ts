import { markdownTable } from 'markdown-table';
import { median } from '../stats/index.ts';
import type {
  Comparison,
  MetricKey,
  RunRow,
  WorkloadComparison,
} from '../verdict/comparison-schema.ts';
import { describeThreshold, METRICS } from '../verdict/index.ts';
import type { Flavor } from './comparison-flavor.ts';
import { MARKDOWN, TEXT } from './comparison-flavor.ts';
import { rawDataSection, renderRecordDetails } from './comparison-raw.ts';
import type { RawDataSection } from './comparison-raw.ts';
import {
  formatChangeCell,
  formatLevel,
  formatMetricValue,
  formatNoiseFloor,
  formatStatus,
} from './metric-format.ts';

// A comparison as a report: the terminal, the job summary and the PR comment all show the same
// thing. A one-line verdict, the warnings, one table per workload with the reasons behind every
// verdict that is not "no change", the noise floor, the tests used, then collapsed details.
// Pure: every name from a config or record goes through the flavor's escaping.

/** Options of the report. */
export interface RenderOptions {
  /** Link to the CI run, shown at the end. */
  runUrl?: string;
  /** Include the raw data and the machines/configs sections. */
  details: boolean;
}

const VERDICT_EMOJI: Record<Comparison['verdict'], string> = {
  regression: '🔴',
  broken: '🔴',
  inconclusive: '🟡',
  pass: '🟢',
};

const WORKLOAD_VERDICT: Record<WorkloadComparison['verdict'], string> = {
  regression: '🔴 regression',
  improvement: '🟢 improvement',
  'no-change': '🟢 no change',
  inconclusive: '🟡 inconclusive',
  'not-compared': '⚪ not compared',
};

/** The one-line verdict: "🔴 perfgate: 2 regressions (hello p99 +14.2%, ...)". */
export function renderHeadline(c: Comparison, flavor: Flavor = MARKDOWN): string {
  return `${VERDICT_EMOJI[c.verdict]} perfgate: ${flavor.inline(c.headline)}`;
}

/** The comparison as GitHub markdown (job summary, PR comment). */
export function renderComparison(c: Comparison, options: RenderOptions): string {
  return render(c, options, MARKDOWN);
}

/** The comparison as plain text for a terminal; raw data only with `details`. */
export function renderComparisonText(c: Comparison, options: Partial<RenderOptions> = {}): string {
  return render(c, { details: options.details ?? false, runUrl: options.runUrl }, TEXT);
}

/** The report in three parts: a caller fitting a size limit can trim `raw` line by line. */
export interface ComparisonSections {
  /** Verdict, warnings, one section per workload, how to read the numbers. */
  body: string[];
  /** Every kept run's numbers; null without `details`. */
  raw: RawDataSection | null;
  /** Machines and configs (with `details`), link to the run. */
  tail: string[];
}

/** The report as sections, for callers that must fit a size limit (PR comments). */
export function renderComparisonSections(
  c: Comparison,
  options: RenderOptions,
  flavor: Flavor = MARKDOWN,
): ComparisonSections {
  const body = [flavor.heading(3, renderHeadline(c, flavor))];
  const warnings = c.notes
    .filter((n) => n.level === 'warning')
    .map((n) => flavor.inline(n.message));
  const infos = c.notes.filter((n) => n.level === 'info').map((n) => flavor.inline(n.message));
  if (warnings.length) body.push(flavor.alert('warning', warnings));
  if (infos.length) body.push(flavor.alert('note', infos));
  for (const w of c.workloads) body.push(renderWorkload(c, w, flavor));
  body.push(renderMethod(c));
  const tail: string[] = [];
  if (options.details) tail.push(renderRecordDetails(c, flavor));
  if (options.runUrl) {
    tail.push(
      flavor.markdown
        ? `[Run details](${encodeURI(options.runUrl)})`
        : `Run details: ${options.runUrl}`,
    );
  }
  return { body, raw: options.details ? rawDataSection(c, flavor) : null, tail };
}

function render(c: Comparison, options: RenderOptions, flavor: Flavor): string {
  const { body, raw, tail } = renderComparisonSections(c, options, flavor);
  const rawText = raw ? [[raw.open, ...raw.lines, raw.close].join('\n').trimEnd()] : [];
  return `${[...body, ...rawText, ...tail].join('\n\n')}\n`;
}

function renderWorkload(c: Comparison, w: WorkloadComparison, flavor: Flavor): string {
  const title = flavor.heading(4, `${flavor.inline(w.name)}: ${WORKLOAD_VERDICT[w.verdict]}`);
  if (w.presence === 'missing') {
    return `${title}\n\nIn the baseline (${w.runs.baseline} kept runs) but not in this run: not compared.`;
  }
  if (w.presence === 'new') return `${title}\n\n${renderNewWorkload(w, flavor)}`;
  const level = formatLevel(c.intervalLevel);
  const header = [
    'metric',
    'tolerance',
    'baseline',
    'this PR',
    `change [${level} interval]`,
    'verdict',
  ];
  const rows = w.metrics.map((m) => [
    m.label,
    describeThreshold(m),
    formatMetricValue(m.metric, m.baseline.median),
    formatMetricValue(m.metric, m.candidate.median),
    formatChangeCell(m),
    formatStatus(m.status),
  ]);
  const table = markdownTable([header, ...rows], { align: ['l', 'r', 'r', 'r', 'l', 'l'] });
  const parts = [title, table];
  const reasons = w.metrics
    .filter(
      (m) => m.status === 'regression' || m.status === 'improvement' || m.status === 'inconclusive',
    )
    .map(
      (m) =>
        `- ${formatStatus(m.status).split(' ')[0]} ${flavor.strong(m.label)}: ${flavor.inline(m.reason)}`,
    );
  if (reasons.length) parts.push(reasons.join('\n'));
  parts.push(renderFacts(w, flavor));
  if (w.notes.length) parts.push(w.notes.map((n) => `- ${flavor.inline(n)}`).join('\n'));
  return parts.join('\n\n');
}

/** Noise floor, tests, runs and stop reason of a workload, one line each. */
function renderFacts(w: WorkloadComparison, flavor: Flavor): string {
  const floors = w.metrics
    .filter((m) => m.metric !== 'max' && m.noiseFloor !== null)
    .map((m) => `${m.label} ${formatNoiseFloor(m)}`);
  const byTest = new Map<string, string[]>();
  for (const m of w.metrics) {
    if (m.test === null) continue;
    const reason = m.testReason;
    byTest.set(reason, [...(byTest.get(reason) ?? []), m.label]);
  }
  const tests = [...byTest].map(
    ([reason, labels]) => `${flavor.inline(reason)} (${labels.join(', ')})`,
  );
  const stop = w.stopReason ? `; sampling stopped: ${flavor.inline(w.stopReason)}` : '';
  const lines = [
    floors.length ? `Smallest change these runs could detect: ${floors.join(', ')}.` : '',
    tests.length ? `Test: ${tests.join('; ')}.` : '',
    `Runs: baseline ${w.runs.baseline}, this PR ${w.runs.candidate}${stop}.`,
  ].filter(Boolean);
  return lines.join(flavor.markdown ? '<br>\n' : '\n');
}

function rowValue(r: RunRow, key: MetricKey): number | null {
  switch (key) {
    case 'throughput':
      return r.reqPerSec;
    case 'cpu':
      return r.cpuMsPerRequest;
    case 'rss':
      return r.peakRssBytes;
    case 'errors':
      return r.errorRate;
    default:
      return r[key];
  }
}

function renderNewWorkload(w: WorkloadComparison, flavor: Flavor): string {
  const rows = METRICS.map((def) => {
    const values = w.samples.candidate
      .map((r) => rowValue(r, def.key))
      .filter((v): v is number => v !== null);
    return [def.label, formatMetricValue(def.key, values.length ? median(values) : null)];
  });
  const table = markdownTable([['metric', 'this PR'], ...rows], { align: ['l', 'r'] });
  const stop = w.stopReason ? `; sampling stopped: ${flavor.inline(w.stopReason)}` : '';
  return `No baseline yet: this run's numbers (median of ${w.runs.candidate} kept runs${stop}).\n\n${table}`;
}

function renderMethod(c: Comparison): string {
  const m = Math.max(1, c.familySize);
  // Each bound is a one-sided test at (1 - level) / 2 = α'/m, where α' is α, or the part of it
  // left for the final comparison after adaptive sampling's early looks.
  const side = (1 - c.intervalLevel) / 2;
  const spent = Number((side * m).toPrecision(6));
  const num = (x: number) => String(Number(x.toPrecision(3)));
  const early =
    Math.abs(spent - c.alpha) > 1e-9
      ? ` (adaptive sampling spent the other ${num(c.alpha - spent)} of α on its early looks)`
      : '';
  return [
    `Baseline and this PR: medians of the kept runs. Change: the test's estimate with a two-sided ${formatLevel(c.intervalLevel)} interval, whose bounds are one-sided tests at ${num(spent)}/${m}${early}`,
    `(the first step of Holm's procedure over the ${c.familySize} gated metrics). Verdicts use Holm-adjusted p-values against each tolerance, family-wise α = ${c.alpha}; design: ${c.design}.`,
  ].join(' ');
}
