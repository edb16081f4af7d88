import { markdownTable } from 'markdown-table';
import { exportedWorkloads } from '../record/record-metrics.ts';
import type { ResultsRecord } from '../record/record.ts';
import type { Comparison } from '../verdict/comparison-schema.ts';
import { isDecidedOrUndecided } from './chart.ts';
import type { Flavor } from './comparison-flavor.ts';
import { formatMetricValue } from './metric-format.ts';
import type { MetricKey } from '../verdict/comparison-schema.ts';

// The trend over the stored records of a config (main's history): per workload and metric the
// median of each record's kept runs, oldest first, drawn as a sparkline. Shown by `perfgate
// baselines show` and, for the metrics a reviewer must look at, in the PR comment. Pure.

/** One record's point: when, which commit, and the median of each metric. */
export interface TrendPoint {
  createdAt: string;
  commit: string | null;
  /** workload name -> metric key -> median of the kept runs. */
  values: Record<string, Partial<Record<MetricKey, number>>>;
}

/** Stored records of one config, oldest first. */
export interface Trend {
  points: TrendPoint[];
}

/** The metrics a trend follows (max is one request: too noisy to follow). */
export const TREND_METRICS: readonly MetricKey[] = [
  'throughput',
  'p50',
  'p90',
  'p99',
  'cpu',
  'rss',
  'errors',
];

// Exported values are in display units (ms, %); the report formats stored units (µs, fraction).
const TO_STORED: Partial<Record<MetricKey, number>> = {
  p50: 1000,
  p90: 1000,
  p99: 1000,
  errors: 0.01,
};

/** The trend of records given in any order (sorted oldest first here). */
export function trendOf(records: readonly ResultsRecord[]): Trend {
  const sorted = [...records].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return {
    points: sorted.map((r) => {
      const values: TrendPoint['values'] = {};
      for (const w of exportedWorkloads(r)) {
        const row: Partial<Record<MetricKey, number>> = {};
        for (const m of w.metrics) {
          const key = m.key as MetricKey;
          if (TREND_METRICS.includes(key)) row[key] = m.value * (TO_STORED[key] ?? 1);
        }
        values[w.name] = row;
      }
      return { createdAt: r.createdAt, commit: r.commit?.sha ?? null, values };
    }),
  };
}

const BARS = '▁▂▃▄▅▆▇█';

/** A sparkline of the values: ▁ the smallest, █ the largest; · for a missing point. */
export function sparkline(values: readonly (number | undefined)[]): string {
  const present = values.filter((v): v is number => v !== undefined);
  if (present.length === 0) return '';
  const lo = Math.min(...present);
  const hi = Math.max(...present);
  return values
    .map((v) => {
      if (v === undefined) return '·';
      const i = hi === lo ? 3 : Math.round(((v - lo) / (hi - lo)) * (BARS.length - 1));
      return BARS[i];
    })
    .join('');
}

/** The values of one workload's metric, oldest first. */
export function seriesOf(t: Trend, workload: string, metric: MetricKey): (number | undefined)[] {
  return t.points.map((p) => p.values[workload]?.[metric]);
}

/** The rows the comment's trend follows: the metrics in the table of changes, else req/s. */
function followed(
  c: Comparison | null,
  t: Trend,
): { workload: string; metric: MetricKey; label: string }[] {
  const changed = (c?.workloads ?? []).flatMap((w) =>
    w.metrics
      .filter(isDecidedOrUndecided)
      .map((m) => ({ workload: w.name, metric: m.metric, label: m.label })),
  );
  if (changed.length) return changed.slice(0, 10);
  const names = Object.keys(t.points.at(-1)?.values ?? {});
  return names
    .slice(0, 10)
    .map((n) => ({ workload: n, metric: 'throughput' as const, label: 'req/s' }));
}

/**
 * The comment's small trend section: per followed metric a sparkline of the stored records and
 * the newest value next to this run's; null without records.
 */
export function renderTrendSection(
  t: Trend,
  c: Comparison | null,
  flavor: Flavor,
  candidateLabel: string,
): string | null {
  if (t.points.length === 0) return null;
  const rows = followed(c, t).map((f) => {
    const series = seriesOf(t, f.workload, f.metric);
    const current = c?.workloads
      .find((w) => w.name === f.workload)
      ?.metrics.find((m) => m.metric === f.metric)?.candidate.median;
    return [
      `${flavor.cell(f.workload)} ${f.label}`,
      flavor.markdown ? `\`${sparkline(series)}\`` : sparkline(series),
      formatMetricValue(f.metric, series.at(-1) ?? null),
      formatMetricValue(f.metric, current ?? null),
    ];
  });
  if (rows.length === 0) return null;
  const first = t.points[0]?.createdAt.slice(0, 10) ?? '';
  const last = t.points.at(-1)?.createdAt.slice(0, 10) ?? '';
  const title = `Trend over the stored baselines: ${t.points.length} record${t.points.length === 1 ? '' : 's'}, ${first} to ${last}, oldest first`;
  const table = markdownTable([['metric', 'trend', 'newest record', candidateLabel], ...rows], {
    align: ['l', 'l', 'r', 'r'],
  });
  return `${flavor.strong(title)}\n\n${table}`;
}
