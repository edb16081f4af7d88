import type { ResultsRecord } from '../record/record.ts';
import { exportedWorkloads } from '../record/record-metrics.ts';

// Bencher Metric Format (BMF): `{ benchmark: { measure: { value, lower_value?, upper_value? } } }`,
// read by `bencher run --adapter json --file FILE`. One benchmark per workload; the measure
// slugs `throughput` (operations per second) and `latency` (nanoseconds) are the two every
// Bencher project has; the others are created on first upload. value is the median of the kept
// runs, lower_value and upper_value the smallest and largest run. Pure.

/** One BMF metric. */
export interface BmfMetric {
  value: number;
  lower_value?: number;
  upper_value?: number;
}

/** A BMF document: benchmark name -> measure slug -> metric. */
export type BmfDocument = Record<string, Record<string, BmfMetric>>;

// perfgate metric key -> Bencher measure slug and the factor from the exported unit.
const MEASURES: Record<string, { slug: string; factor: number }> = {
  throughput: { slug: 'throughput', factor: 1 },
  p50: { slug: 'latency', factor: 1e6 }, // ms -> ns, Bencher's Latency measure
  p90: { slug: 'latency-p90', factor: 1e6 },
  p99: { slug: 'latency-p99', factor: 1e6 },
  mean: { slug: 'latency-mean', factor: 1e6 },
  cpu: { slug: 'cpu-per-request', factor: 1e6 }, // ms -> ns
  rss: { slug: 'peak-rss', factor: 1 }, // bytes
  errors: { slug: 'error-rate', factor: 1 }, // percent
};

/** A results record as Bencher Metric Format. */
export function toBmf(record: ResultsRecord): BmfDocument {
  const doc: BmfDocument = {};
  for (const w of exportedWorkloads(record)) {
    const measures: Record<string, BmfMetric> = {};
    for (const m of w.metrics) {
      const target = MEASURES[m.key];
      if (!target) continue;
      const f = target.factor;
      measures[target.slug] = {
        value: round(m.value * f),
        lower_value: round(m.min * f),
        upper_value: round(m.max * f),
      };
    }
    doc[w.name] = measures;
  }
  return doc;
}

function round(x: number): number {
  return Number(x.toPrecision(9));
}
