import type { Comparison, MetricComparison, WorkloadComparison } from './comparison-schema.ts';
import { describeChange, describeTolerance } from './metric-verdict.ts';
import { metricDef } from './metrics.ts';

// The verdict of a workload and of the whole comparison in one line each. Pure.

/** Sets a workload's verdict from its gated metrics, and notes a noise floor above a tolerance. */
export function summarizeWorkload(w: WorkloadComparison): void {
  if (w.presence !== 'both') {
    w.verdict = 'not-compared';
    return;
  }
  const gated = w.metrics.filter((m) => m.gated);
  const has = (s: MetricComparison['status']) => gated.some((m) => m.status === s);
  w.verdict = has('regression')
    ? 'regression'
    : has('inconclusive')
      ? 'inconclusive'
      : has('improvement')
        ? 'improvement'
        : 'no-change';
  for (const m of gated) {
    if (m.noiseFloor === null || m.threshold === null || m.noiseFloor <= m.threshold) continue;
    const def = metricDef(m.metric);
    w.notes.push(
      `${m.label}: these runs cannot resolve the ${describeTolerance(def, m.threshold)} tolerance (smallest detectable change ±${describeChange(def, m.noiseFloor).replace('+', '')}): add runs or compare on one runner (paired design)`,
    );
  }
}

/** "hello p99 +14.2%". */
function short(w: WorkloadComparison, m: MetricComparison): string {
  const change = m.change === null ? '' : ` ${describeChange(metricDef(m.metric), m.change)}`;
  return `${w.name} ${m.label}${change}`;
}

function listOf(c: Comparison, status: MetricComparison['status'], max = 3): string {
  const items = c.workloads.flatMap((w) =>
    w.metrics.filter((m) => m.gated && m.status === status).map((m) => short(w, m)),
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
    return `inconclusive: no regression found, ${plural(counts.inconclusive, 'metric')} undecided (${listOf(c, 'inconclusive')})${better}`;
  }
  return `no regression in ${plural(counts.workloads, 'workload')} (${plural(counts.gatedMetrics, 'metric')})${better}`;
}
