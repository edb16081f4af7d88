import { markdownTable } from 'markdown-table';
import { median } from '../stats/index.ts';
import type {
  Comparison,
  MetricKey,
  RunRow,
  WorkloadComparison,
} from '../verdict/comparison-schema.ts';
import {
  alphaShare,
  describeThreshold,
  METRICS,
  REQUIRED_WEIGHT,
  shapeOf,
} from '../verdict/index.ts';
import type { Flavor } from './comparison-flavor.ts';
import {
  formatChangeCell,
  formatLevel,
  formatMetricValue,
  formatNoiseFloor,
  formatStatus,
} from './metric-format.ts';

// The collapsed middle of a report: per workload, every metric with its tolerance and verdict,
// the reason behind each decided or undecided verdict, the noise floor, the tests and the runs;
// then how to read the numbers. Pure.

/** The labels of the two sides: "baseline"/"this PR" on a pull request, others elsewhere. */
export interface SideLabels {
  baseline: string;
  candidate: string;
}

/** What GitHub shows on a pull request. */
export const PR_LABELS: SideLabels = { baseline: 'baseline', candidate: 'this PR' };
/** The sides' names in a terminal, where there is no pull request. */
export const LOCAL_LABELS: SideLabels = { baseline: 'baseline', candidate: 'this run' };

const WORKLOAD_VERDICT: Partial<Record<string, string>> = {
  regression: '🔴 regression',
  improvement: '🟢 improvement',
  'no-change': '🟢 no change',
  inconclusive: '🟡 inconclusive',
  'not-compared': '⚪ not compared',
};

/** One workload's section: title, table of every metric, reasons, facts, its own notes. */
export function renderWorkloadDetail(
  c: Comparison,
  w: WorkloadComparison,
  flavor: Flavor,
  labels: SideLabels,
  shownNotes: Set<string>,
): string {
  const verdict = WORKLOAD_VERDICT[w.verdict] ?? w.verdict;
  const title = flavor.heading(4, `${flavor.inline(w.name)}: ${verdict}`);
  if (w.presence === 'missing') {
    return `${title}\n\nIn the ${labels.baseline} (${w.runs.baseline} kept runs) but not in ${labels.candidate}: not compared.`;
  }
  if (w.presence === 'new') return `${title}\n\n${renderNewWorkload(w, flavor, labels)}`;
  const header = [
    'metric',
    'tolerance',
    labels.baseline,
    labels.candidate,
    changeHeader(
      w.metrics.map((m) => m.intervalLevel),
      c.intervalLevel,
    ),
    'verdict',
  ];
  const rows = w.metrics.map((m) => [
    m.label,
    describeThreshold(m),
    formatMetricValue(m.metric, m.baseline.center ?? m.baseline.median),
    formatMetricValue(m.metric, m.candidate.center ?? m.candidate.median),
    formatChangeCell(m),
    formatStatus(m.status),
  ]);
  const parts = [
    title,
    markdownTable([header, ...rows], { align: ['l', 'r', 'r', 'r', 'l', 'l'] }),
  ];
  const reasons = w.metrics
    .filter((m) => ['regression', 'improvement', 'inconclusive'].includes(m.status))
    .map((m) => `- ${flavor.strong(m.label)}: ${flavor.inline(m.reason)}`);
  if (reasons.length) parts.push(reasons.join('\n'));
  parts.push(renderFacts(w, flavor, labels));
  // Each note once: a workload note already said at the top (or by another workload) is left out.
  const notes = w.notes.filter((n) => !shownNotes.has(n));
  notes.forEach((n) => shownNotes.add(n));
  if (notes.length) parts.push(notes.map((n) => `- ${flavor.inline(n)}`).join('\n'));
  return parts.join('\n\n');
}

/** Noise floor, tests, runs and stop reason of a workload, one line each. */
function renderFacts(w: WorkloadComparison, flavor: Flavor, labels: SideLabels): string {
  const floors = w.metrics
    .filter((m) => m.metric !== 'max' && m.noiseFloor !== null)
    .map((m) => `${m.label} ${formatNoiseFloor(m)}`);
  const byTest = new Map<string, string[]>();
  for (const m of w.metrics) {
    if (m.test === null) continue;
    byTest.set(m.testReason, [...(byTest.get(m.testReason) ?? []), m.label]);
  }
  const tests = [...byTest].map(
    ([reason, metrics]) => `${flavor.inline(reason)} (${metrics.join(', ')})`,
  );
  const stop = w.stopReason ? `; sampling stopped: ${flavor.inline(w.stopReason)}` : '';
  const lines = [
    floors.length
      ? `Smallest regression these runs catch (80% of the time, tolerance included): ${floors.join(', ')}.`
      : '',
    tests.length ? `Test: ${tests.join('; ')}.` : '',
    `Runs: ${labels.baseline} ${w.runs.baseline}, ${labels.candidate} ${w.runs.candidate}${stop}.`,
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

function renderNewWorkload(w: WorkloadComparison, flavor: Flavor, labels: SideLabels): string {
  const rows = METRICS.map((def) => {
    const values = w.samples.candidate
      .map((r) => rowValue(r, def.key))
      .filter((v): v is number => v !== null);
    return [def.label, formatMetricValue(def.key, values.length ? median(values) : null)];
  });
  const table = markdownTable([['metric', labels.candidate], ...rows], { align: ['l', 'r'] });
  const stop = w.stopReason ? `; sampling stopped: ${flavor.inline(w.stopReason)}` : '';
  return `No ${labels.baseline} yet: the numbers of ${labels.candidate} (median of ${w.runs.candidate} kept runs${stop}).\n\n${table}`;
}

/** How to read the numbers: medians, the intervals' levels, weighted Holm, α and the design. */
export function renderMethod(c: Comparison, labels: SideLabels): string {
  const num = (x: number) => String(Number(x.toPrecision(3)));
  const gated = c.workloads.flatMap((w) => w.metrics).filter((m) => m.gated);
  // Each bound is a one-sided test at the metric's share of α': α, or the part of it left for
  // the final comparison after adaptive sampling's early looks (family-weights.ts, sampling.ts).
  const shareOf = (m: { intervalLevel?: number | null }) =>
    m.intervalLevel == null ? null : (1 - m.intervalLevel) / 2;
  // The family: the gated metrics that were tested (a metric decided without a test, such as
  // one measured on one side only, has no interval and no share).
  const family = gated.filter((m) => shareOf(m) !== null);
  const isRequired = (m: (typeof gated)[number]) => m.required !== false;
  const required = family.filter(isRequired);
  const informing = family.filter((m) => !isRequired(m));
  const shape = shapeOf(family.map(isRequired));
  const sideReq = required.map(shareOf).find((x) => x !== null) ?? (1 - c.intervalLevel) / 2;
  const sideInf = informing.map(shareOf).find((x) => x !== null) ?? null;
  const total = c.familySize > 0 ? c.familySize : 1;
  // α' from any tested metric's bound: bound = α' x its share (family-weights.ts).
  const first = family[0];
  const spent = first
    ? (shareOf(first) as number) / alphaShare(isRequired(first), shape)
    : sideReq * total;
  const early =
    Math.abs(spent - c.alpha) > 1e-9
      ? ` (adaptive sampling spent the other ${num(c.alpha - spent)} of α on its early looks)`
      : '';
  const names = (ms: typeof gated) => [...new Set(ms.map((m) => m.label))].join(', ');
  const levels =
    informing.length > 0 && required.length > 0 && sideInf !== null
      ? `${formatLevel(1 - 2 * sideReq)} intervals (bounds at ${num(sideReq)}) for the metrics a pass needs (${names(required)}), ${formatLevel(1 - 2 * sideInf)} (bounds at ${num(sideInf)}) for those that inform (${names(informing)}): weighted Holm gives a metric a pass needs ${REQUIRED_WEIGHT} times the share of one that informs`
      : `${formatLevel(1 - 2 * sideReq)} intervals (bounds at ${num(sideReq)} = ${num(spent)}/${total}, Holm's first step)`;
  return [
    `${labels.baseline[0]?.toUpperCase()}${labels.baseline.slice(1)} and ${labels.candidate}: the centers the change compares (geometric means, session summaries, or the base's median and it times the typical within-pair ratio). Change: the test's estimate with a two-sided interval whose bounds are one-sided tests at the metric's share of α' = ${num(spent)}${early}, over the ${c.familySize} gated metrics:`,
    `${levels}. Verdicts use weighted-Holm-adjusted p-values against each tolerance, family-wise α = ${c.alpha}; design: ${c.design}.`,
  ].join(' ');
}

/** The column header of a change: its interval's level when every row shares one. */
export function changeHeader(
  levels: readonly (number | null | undefined)[],
  fallback: number,
): string {
  const known = [
    ...new Set(levels.filter((l): l is number => typeof l === 'number').map(formatLevel)),
  ];
  if (known.length > 1) return 'change [interval]';
  return `change [${known[0] ?? formatLevel(fallback)} interval]`;
}
