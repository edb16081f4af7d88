import { markdownTable } from 'markdown-table';
import type { Comparison } from '../verdict/comparison-schema.ts';
import { isDecidedOrUndecided, renderChangeChart } from './chart.ts';
import { renderCommits } from './commits.ts';
import type { Flavor } from './comparison-flavor.ts';
import { MARKDOWN, TEXT } from './comparison-flavor.ts';
import { rawDataSection, renderRecordDetails } from './comparison-raw.ts';
import type { RawDataSection } from './comparison-raw.ts';
import { formatChangeCell, formatMetricValue, formatStatus } from './metric-format.ts';
import type { Trend } from './trend.ts';
import { renderTrendSection } from './trend.ts';
import type { SideLabels } from './workload-detail.ts';
import { changeHeader, PR_LABELS, renderMethod, renderWorkloadDetail } from './workload-detail.ts';

// A comparison as a report for a reviewer, read top down: the headline; what was compared
// (linked commits, the baseline's date and runner); each warning once; one table across
// workloads of only the gated metrics that changed or are undecided; a chart of those changes
// with their intervals (none when nothing decided); the trend over the stored records; then,
// collapsed, every workload's full table with the reasons, how to read the statistics, the raw
// runs and the machines. The terminal, the job summary and the PR comment share this structure;
// the terminal prints the raw runs and machines only when asked. Pure: every name from a config
// or record goes through the flavor's escaping.

/** Options of the report. */
export interface RenderOptions {
  /** Link to the CI run, shown at the end. */
  runUrl?: string;
  /** Include the raw data and the machines/configs sections. */
  details: boolean;
  /** The repository's address (https://github.com/OWNER/REPO): commits become links. */
  repoUrl?: string;
  /** How the two sides are called; default baseline / this PR. */
  labels?: SideLabels;
  /** The stored records of this config, for the trend section. */
  trend?: Trend;
}

const VERDICT_EMOJI: Partial<Record<string, string>> = {
  regression: '🔴',
  broken: '🔴',
  inconclusive: '🟡',
  pass: '🟢',
};

/** The one-line verdict: "🔴 perfgate: 2 regressions (hello p99 +14.2%, ...)". */
export function renderHeadline(c: Comparison, flavor: Flavor = MARKDOWN): string {
  return `${VERDICT_EMOJI[c.verdict] ?? '⚪'} perfgate: ${flavor.inline(c.headline)}`;
}

/** The comparison as GitHub markdown (job summary, PR comment). */
export function renderComparison(c: Comparison, options: RenderOptions): string {
  return render(c, options, MARKDOWN);
}

/** The comparison as plain text for a terminal; raw data only with `details`. */
export function renderComparisonText(c: Comparison, options: Partial<RenderOptions> = {}): string {
  return render(c, { ...options, details: options.details ?? false }, TEXT);
}

/** The report in three parts: a caller fitting a size limit can trim `raw` line by line. */
export interface ComparisonSections {
  /** Headline, what was compared, warnings, changes, chart, trend, per-workload detail, method. */
  body: string[];
  /** Every kept run's numbers; null without `details`. */
  raw: RawDataSection | null;
  /** Machines and configs (with `details`), link to the run. */
  tail: string[];
}

/** The table across workloads of the gated metrics that changed or are undecided. */
export function renderChangesTable(c: Comparison, flavor: Flavor, labels: SideLabels): string {
  const shown = c.workloads.flatMap((w) => w.metrics.filter(isDecidedOrUndecided));
  const rows = c.workloads.flatMap((w) =>
    w.metrics
      .filter(isDecidedOrUndecided)
      .map((m) => [
        flavor.cell(w.name),
        m.label,
        formatMetricValue(m.metric, m.baseline.center ?? m.baseline.median),
        formatMetricValue(m.metric, m.candidate.center ?? m.candidate.median),
        formatChangeCell(m),
        formatStatus(m.status),
      ]),
  );
  const compared = c.workloads.filter((w) => w.presence === 'both').length;
  if (rows.length === 0) {
    return `No gated metric changed beyond its tolerance: ${c.counts.gatedMetrics} gated metric${c.counts.gatedMetrics === 1 ? '' : 's'} over ${compared} workload${compared === 1 ? '' : 's'}, all decided.`;
  }
  const header = [
    'workload',
    'metric',
    labels.baseline,
    labels.candidate,
    changeHeader(
      shown.map((m) => m.intervalLevel),
      c.intervalLevel,
    ),
    'verdict',
  ];
  return markdownTable([header, ...rows], { align: ['l', 'l', 'r', 'r', 'l', 'l'] });
}

/** A collapsed section (markdown) or a titled one (terminal). */
function block(flavor: Flavor, summary: string, content: string[]): string {
  if (!flavor.markdown) return [flavor.heading(3, summary), ...content].join('\n\n');
  const { open, close } = flavor.collapsible(summary);
  return [open.trimEnd(), '', ...content.flatMap((c) => [c, '']), close].join('\n');
}

/** The report as sections, for callers that must fit a size limit (PR comments). */
export function renderComparisonSections(
  c: Comparison,
  options: RenderOptions,
  flavor: Flavor = MARKDOWN,
): ComparisonSections {
  const labels = options.labels ?? PR_LABELS;
  const body = [
    flavor.heading(3, renderHeadline(c, flavor)),
    renderCommits(c, flavor, labels, options.repoUrl),
  ];
  // Each note once: comparison notes at the top, workload notes repeating them are left out below.
  const shown = new Set<string>();
  const say = (level: 'warning' | 'info') => {
    const messages = [...new Set(c.notes.filter((n) => n.level === level).map((n) => n.message))];
    messages.forEach((m) => shown.add(m));
    return messages.map((m) => flavor.inline(m));
  };
  const warnings = say('warning');
  const infos = say('info');
  if (warnings.length) body.push(flavor.alert('warning', warnings));
  if (infos.length) body.push(flavor.alert('note', infos));
  body.push(renderChangesTable(c, flavor, labels));
  const chart = renderChangeChart(c);
  if (chart)
    body.push(flavor.markdown ? ['```text', ...chart, '```'].join('\n') : chart.join('\n'));
  const trend = options.trend
    ? renderTrendSection(options.trend, c, flavor, labels.candidate)
    : null;
  if (trend) body.push(trend);
  const details = c.workloads.map((w) => renderWorkloadDetail(c, w, flavor, labels, shown));
  const n = c.workloads.length;
  body.push(block(flavor, `Every metric of the ${n} workload${n === 1 ? '' : 's'}`, details));
  body.push(block(flavor, 'How to read the statistics', [renderMethod(c, labels)]));
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
