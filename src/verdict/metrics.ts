import type { GatedMetric } from '../config/resolve.ts';
import type { RunSample } from '../record/record.ts';
import type { Direction } from '../stats/index.ts';
import type { MetricKey } from './comparison-schema.ts';

// What each reported metric is: where its per-run value comes from, which way it improves, and
// whether its tolerance is relative (a fraction of the baseline, compared on log ratios) or
// absolute (the error rate, where 0 is common and a ratio would be meaningless).

/** How one reported metric is read and judged. */
export interface MetricDef {
  key: MetricKey;
  /** Short name for reports. */
  label: string;
  direction: Direction;
  scale: 'relative' | 'absolute';
  /** The thresholds key that gates it; null for `max`, which is reported but never gated. */
  gate: GatedMetric | null;
  /** The value of one run; null when the run could not measure it. */
  value: (run: RunSample) => number | null;
}

/** Every reported metric, in report order. */
export const METRICS: readonly MetricDef[] = [
  {
    key: 'throughput',
    label: 'req/s',
    direction: 'higher-is-better',
    scale: 'relative',
    gate: 'throughput',
    value: (r) => r.reqPerSec,
  },
  {
    key: 'p50',
    label: 'p50',
    direction: 'lower-is-better',
    scale: 'relative',
    gate: 'p50',
    value: (r) => r.latencyUs.p50,
  },
  {
    key: 'p90',
    label: 'p90',
    direction: 'lower-is-better',
    scale: 'relative',
    gate: 'p90',
    value: (r) => r.latencyUs.p90,
  },
  {
    key: 'p99',
    label: 'p99',
    direction: 'lower-is-better',
    scale: 'relative',
    gate: 'p99',
    value: (r) => r.latencyUs.p99,
  },
  {
    // The largest latency of a run is one request: far too noisy to gate on.
    key: 'max',
    label: 'max',
    direction: 'lower-is-better',
    scale: 'relative',
    gate: null,
    value: (r) => r.latencyUs.max,
  },
  {
    key: 'cpu',
    label: 'CPU/req',
    direction: 'lower-is-better',
    scale: 'relative',
    gate: 'cpu',
    value: (r) => r.cpuMsPerRequest,
  },
  {
    key: 'rss',
    label: 'peak RSS',
    direction: 'lower-is-better',
    scale: 'relative',
    gate: 'rss',
    value: (r) => r.peakRssBytes,
  },
  {
    key: 'errors',
    label: 'errors',
    direction: 'lower-is-better',
    scale: 'absolute',
    gate: 'errors',
    value: (r) => r.errorRate,
  },
];

/** The definition of one metric. */
export function metricDef(key: MetricKey): MetricDef {
  const def = METRICS.find((m) => m.key === key);
  if (!def) throw new Error(`unknown metric ${key}`);
  return def;
}
