import type { MetricComparison, MetricKey, MetricStatus } from '../verdict/comparison-schema.ts';
import { describeChange, metricDef } from '../verdict/index.ts';
import { formatBytes, formatCpuMs, formatLatencyUs, formatPercent, formatRate } from './format.ts';

// How the numbers of a comparison read in a report. Pure.

/** A metric's value in its unit: "12,345", "1.23 ms", "0.042 ms", "81.2 MiB", "0.10%". */
export function formatMetricValue(metric: MetricKey, value: number | null): string {
  if (value === null) return '–';
  switch (metric) {
    case 'throughput':
      return formatRate(value);
    case 'cpu':
      return formatCpuMs(value);
    case 'rss':
      return formatBytes(value);
    case 'errors':
      return formatPercent(value, 2);
    default:
      return formatLatencyUs(value);
  }
}

/** "+14.2% [+11.0%, +17.5%]", or "–" when there is no estimate. */
export function formatChangeCell(m: MetricComparison): string {
  if (m.change === null) return '–';
  const def = metricDef(m.metric);
  const change = describeChange(def, m.change);
  if (m.interval === null) return change;
  return `${change} [${describeChange(def, m.interval[0])}, ${describeChange(def, m.interval[1])}]`;
}

const STATUS_TEXT: Record<MetricStatus, string> = {
  regression: '🔴 regression',
  improvement: '🟢 improvement',
  'no-change': '⚪ no change',
  inconclusive: '🟡 inconclusive',
  'not-gated': '– not gated',
  'not-measured': '– not measured',
};

/** The verdict cell: emoji and word. */
export function formatStatus(status: MetricStatus): string {
  return STATUS_TEXT[status];
}

/** The interval level as a percentage: 0.9916 -> "99.2%", 0.9 -> "90%". */
export function formatLevel(level: number): string {
  const p = level * 100;
  const s = p.toFixed(Number.isInteger(Math.round(p * 10) / 10) && Math.round(p) === p ? 0 : 1);
  return `${s}%`;
}

/** The smallest regression a metric's runs catch, in its worse direction: "+6.1%", "-5.8%". */
export function formatNoiseFloor(m: MetricComparison): string | null {
  if (m.noiseFloor === null) return null;
  const size = describeChange(metricDef(m.metric), m.noiseFloor).replace(/^[+-]/, '');
  return `${m.direction === 'higher-is-better' ? '-' : '+'}${size}`;
}

/** Terminal-safe text: control characters (ANSI escapes, carriage returns) become spaces. */
export function stripControl(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}
