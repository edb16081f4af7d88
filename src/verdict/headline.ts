import type { Comparison, MetricComparison, WorkloadComparison } from './comparison-schema.ts';
import { describeChange } from './metric-verdict.ts';
import { metricDef } from './metrics.ts';

// The verdict of a workload and of the whole comparison in one line each. Pure.

/** Sets a workload's verdict from its gated metrics; only required metrics keep it undecided. */
export function summarizeWorkload(w: WorkloadComparison): void {
  if (w.presence !== 'both') {
    w.verdict = 'not-compared';
    return;
  }
  const gated = w.metrics.filter((m) => m.gated);
  const has = (s: MetricComparison['status'], list = gated) => list.some((m) => m.status === s);
  w.verdict = has('regression')
    ? 'regression'
    : has(
          'inconclusive',
          gated.filter((m) => m.required !== false),
        )
      ? 'inconclusive'
      : has('improvement')
        ? 'improvement'
        : 'no-change';
}

/**
 * The worst (largest) smallest-detectable regression of each required relative metric over the
 * compared workloads, largest first: what this comparison could have caught.
 */
export function detectableSummary(c: Comparison): { label: string; floor: number; tau: number }[] {
  const byMetric = new Map<string, { label: string; floor: number; tau: number }>();
  for (const w of c.workloads) {
    for (const m of w.metrics) {
      if (!m.gated || m.required === false || m.scale !== 'relative') continue;
      if (m.noiseFloor === null || m.threshold === null) continue;
      const seen = byMetric.get(m.metric);
      if (!seen || m.noiseFloor > seen.floor)
        byMetric.set(m.metric, { label: m.label, floor: m.noiseFloor, tau: m.threshold });
    }
  }
  return [...byMetric.values()].sort((a, b) => b.floor - a.floor);
}

function detectable(c: Comparison): string {
  const list = detectableSummary(c);
  if (list.length === 0) return '';
  const pct = (x: number) => `${(x * 100).toFixed(x < 0.1 ? 1 : 0)}%`;
  return `; could detect regressions from ${list
    .slice(0, 2)
    .map((d) => `${pct(d.floor)} (${d.label})`)
    .join(', ')}`;
}

/** "hello p99 +14.2%". */
function short(w: WorkloadComparison, m: MetricComparison): string {
  const change = m.change === null ? '' : ` ${describeChange(metricDef(m.metric), m.change)}`;
  return `${w.name} ${m.label}${change}`;
}

function listOf(c: Comparison, status: MetricComparison['status'], max = 3): string {
  const counted = (m: MetricComparison) => status !== 'inconclusive' || m.required !== false;
  const items = c.workloads.flatMap((w) =>
    w.metrics.filter((m) => m.gated && m.status === status && counted(m)).map((m) => short(w, m)),
  );
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown}, +${items.length - max} more` : shown;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The comparison's verdict in one line, without decoration. */
export function headline(c: Comparison): string {
  const { counts } = c;
  if (c.verdict === 'broken' && c.breakage) {
    const also =
      counts.regressions > 0
        ? `; also ${plural(counts.regressions, 'regression')} (${listOf(c, 'regression')})`
        : '';
    return `${c.breakage.summary}${also}`;
  }
  if (c.verdict === 'regression') {
    return `${plural(counts.regressions, 'regression')} (${listOf(c, 'regression')})`;
  }
  if (counts.workloads === 0)
    return 'nothing compared: the baseline and this run share no workload';
  const better =
    counts.improvements > 0
      ? `; ${plural(counts.improvements, 'improvement')} (${listOf(c, 'improvement')})`
      : '';
  if (c.verdict === 'inconclusive') {
    return `inconclusive: no regression found, ${plural(counts.inconclusive, 'metric')} undecided (${listOf(c, 'inconclusive')})${better}${detectable(c)}`;
  }
  return `no regression in ${plural(counts.workloads, 'workload')} (${plural(counts.gatedMetrics, 'metric')})${better}${detectable(c)}`;
}
