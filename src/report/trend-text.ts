import { markdownTable } from 'markdown-table';
import type { MetricKey } from '../verdict/comparison-schema.ts';
import { metricDef } from '../verdict/index.ts';
import { stripControl } from './metric-format.ts';
import { formatMetricValue } from './metric-format.ts';
import type { Trend } from './trend.ts';
import { seriesOf, sparkline } from './trend.ts';

// `perfgate baselines show`: per workload, a table of the stored records (date, commit and the
// median of every followed metric) oldest first, then one sparkline per metric with its range
// and the change from the oldest record to the newest. Plain text for a terminal. Pure.

/** The metrics `baselines show` follows: the ones gated by default. */
export const SHOWN_METRICS: readonly MetricKey[] = [
  'throughput',
  'p50',
  'p99',
  'cpu',
  'rss',
  'errors',
];

function present(values: (number | undefined)[]): number[] {
  return values.filter((v): v is number => v !== undefined);
}

/** One workload's trend: the table of records and a chart line per metric. */
function renderWorkloadTrend(t: Trend, workload: string): string {
  const metrics = SHOWN_METRICS.filter((m) => present(seriesOf(t, workload, m)).length > 0);
  const rows = t.points.map((p) => [
    p.createdAt.replace('T', ' ').slice(0, 16),
    p.commit?.slice(0, 7) ?? '–',
    ...metrics.map((m) => formatMetricValue(m, p.values[workload]?.[m] ?? null)),
  ]);
  const table = markdownTable(
    [['made at (UTC)', 'commit', ...metrics.map((m) => metricDef(m).label)], ...rows],
    { align: ['l', 'l', ...metrics.map(() => 'r' as const)] },
  );
  const width = Math.max(...metrics.map((m) => metricDef(m).label.length));
  const chart = metrics.map((m) => {
    const series = seriesOf(t, workload, m);
    const values = present(series);
    const first = values[0] as number;
    const last = values.at(-1) as number;
    const change =
      first !== 0 && m !== 'errors'
        ? `, ${last >= first ? '+' : ''}${(((last - first) / first) * 100).toFixed(1)}% oldest to newest`
        : '';
    return `${metricDef(m).label.padEnd(width)}  ${sparkline(series)}  ${formatMetricValue(m, Math.min(...values))} to ${formatMetricValue(m, Math.max(...values))}${change}`;
  });
  const title = stripControl(workload);
  return [`${title}\n${'-'.repeat(Math.min(80, [...title].length))}`, table, chart.join('\n')].join(
    '\n\n',
  );
}

/** The whole trend of a config, every workload of its newest record, for a terminal. */
export function renderTrendText(t: Trend, description: string): string {
  const first = t.points[0]?.createdAt.slice(0, 10) ?? '';
  const last = t.points.at(-1)?.createdAt.slice(0, 10) ?? '';
  const head = `Trend of ${t.points.length} stored record${t.points.length === 1 ? '' : 's'} in ${stripControl(description)}, ${first} to ${last}, oldest first (medians of each record's kept runs)`;
  const names = Object.keys(t.points.at(-1)?.values ?? {});
  return `${[head, ...names.map((n) => renderWorkloadTrend(t, n))].join('\n\n')}\n`;
}
