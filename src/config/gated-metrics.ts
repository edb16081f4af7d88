/** Metrics that can be gated, in report order. */
export const GATED_METRICS = ['throughput', 'p50', 'p90', 'p99', 'cpu', 'rss', 'errors'] as const;
/** One gated metric name. */
export type GatedMetric = (typeof GATED_METRICS)[number];
