// Absolute objectives in the report: one row per objective, what was measured and whether it
// was met, and the short text the headline and the failing check name a broken one with. Pure.
import { markdownTable } from 'markdown-table';
import type { ObjectiveResult } from '../verdict/objectives.ts';
import { escapeCell } from './escape.ts';
import { formatBytes, formatCpuMs, formatLatencyUs, formatPercent, formatRate } from './format.ts';

const LABEL: Record<ObjectiveResult['metric'], string> = {
  throughput: 'req/s',
  p50: 'p50',
  p90: 'p90',
  p99: 'p99',
  cpu: 'CPU/req',
  rss: 'peak RSS',
  errors: 'errors',
};

/** A value of an objective's metric in the report's units. */
function formatValue(metric: ObjectiveResult['metric'], v: number): string {
  switch (metric) {
    case 'throughput':
      return `${formatRate(v)} req/s`;
    case 'cpu':
      return formatCpuMs(v);
    case 'rss':
      return formatBytes(v);
    case 'errors':
      return formatPercent(v, 2);
    default:
      return formatLatencyUs(v);
  }
}

/** "p99 ≤ 200 ms", "req/s ≥ 1,000 req/s". */
export function describeLimit(r: ObjectiveResult): string {
  return `${LABEL[r.metric]} ${r.atLeast ? '≥' : '≤'} ${formatValue(r.metric, r.limit)}`;
}

/** "hello p99 312 ms (objective ≤ 200 ms)": a broken objective in a headline. */
export function describeBroken(r: ObjectiveResult): string {
  const value = r.value === null ? 'not measured' : formatValue(r.metric, r.value);
  return `${r.workload} ${LABEL[r.metric]} ${value} (objective ${r.atLeast ? '≥' : '≤'} ${formatValue(r.metric, r.limit)})`;
}

/** "2 objectives broken (a p99 312 ms (objective ≤ 200 ms), ...)". */
export function brokenHeadline(broken: readonly ObjectiveResult[], max = 3): string {
  const shown = broken.slice(0, max).map(describeBroken).join(', ');
  const more = broken.length > max ? `, +${broken.length - max} more` : '';
  return `${broken.length} objective${broken.length === 1 ? '' : 's'} broken (${shown}${more})`;
}

/** The objectives table: workload, objective, measured, verdict. */
export function renderObjectivesTable(results: readonly ObjectiveResult[]): string {
  const rows = results.map((r) => [
    escapeCell(r.workload),
    describeLimit(r),
    r.value === null ? 'not measured' : formatValue(r.metric, r.value),
    r.unchecked
      ? '⚪ not checked (duet)'
      : r.met === null
        ? '⚪ not measured'
        : r.met
          ? '🟢 met'
          : '🔴 broken',
  ]);
  return markdownTable([['workload', 'objective', 'measured', 'verdict'], ...rows], {
    align: ['l', 'l', 'r', 'l'],
  });
}
