import type { Comparison, MetricKey } from '../verdict/comparison-schema.ts';

// A small chart for the PR comment and the job summary: a mermaid `xychart-beta` block, which
// GitHub renders from a ```mermaid code block. Bars are the baseline's medians, the line is this
// PR's, one x position per compared workload. Pure.

/** At most this many workloads are charted (the chart gets unreadable beyond). */
export const CHART_MAX_WORKLOADS = 20;
const LABEL_MAX = 24;

/** What to chart: the throughput or a latency percentile. */
export type ChartMetric = Extract<MetricKey, 'throughput' | 'p50' | 'p99'>;

const TITLES: Record<ChartMetric, { title: string; axis: string; scale: number }> = {
  throughput: { title: 'Requests per second (median)', axis: 'req/s', scale: 1 },
  // Latencies are stored in microseconds; milliseconds read better on an axis.
  p50: { title: 'Latency p50 (median, ms)', axis: 'ms', scale: 1e-3 },
  p99: { title: 'Latency p99 (median, ms)', axis: 'ms', scale: 1e-3 },
};

/**
 * A workload name made safe inside a quoted mermaid label: quotes, backslashes, backticks,
 * angle brackets, `#` and `;` (mermaid's entity syntax) and every control character (newlines
 * included) are removed, and the result is shortened.
 */
export function chartLabel(name: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/["'`\\<>#;[\]{}\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
  const oneSpace = clean.replace(/\s+/g, ' ').trim();
  const chars = [...oneSpace];
  const short = chars.length > LABEL_MAX ? `${chars.slice(0, LABEL_MAX - 1).join('')}…` : oneSpace;
  return short === '' ? '?' : short;
}

function round(value: number): string {
  if (Math.abs(value) >= 100) return String(Math.round(value));
  return String(Math.round(value * 100) / 100);
}

/**
 * A mermaid block comparing the baseline with this PR for one metric, or null when no workload
 * has a median on both sides. Duplicate labels (after cleaning) get a number.
 */
export function renderChart(c: Comparison, metric: ChartMetric = 'throughput'): string | null {
  const points: { label: string; baseline: number; candidate: number }[] = [];
  const seen = new Map<string, number>();
  for (const w of c.workloads) {
    if (w.presence !== 'both' || points.length >= CHART_MAX_WORKLOADS) continue;
    const m = w.metrics.find((x) => x.metric === metric);
    if (!m || m.baseline.median === null || m.candidate.median === null) continue;
    let label = chartLabel(w.name);
    const count = (seen.get(label) ?? 0) + 1;
    seen.set(label, count);
    if (count > 1) label = `${label} (${count})`;
    const scale = TITLES[metric].scale;
    points.push({
      label,
      baseline: m.baseline.median * scale,
      candidate: m.candidate.median * scale,
    });
  }
  if (points.length === 0) return null;
  const t = TITLES[metric];
  const top = Math.max(...points.flatMap((p) => [p.baseline, p.candidate]));
  return [
    '```mermaid',
    'xychart-beta',
    `  title "${t.title}: bars baseline, line this PR"`,
    `  x-axis [${points.map((p) => `"${p.label}"`).join(', ')}]`,
    `  y-axis "${t.axis}" 0 --> ${round(top * 1.1 || 1)}`,
    `  bar [${points.map((p) => round(p.baseline)).join(', ')}]`,
    `  line [${points.map((p) => round(p.candidate)).join(', ')}]`,
    '```',
  ].join('\n');
}
