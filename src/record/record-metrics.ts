import { median, sampleStandardDeviation } from 'simple-statistics';
import type { ResultsRecord, RunSample } from './record.ts';
import { keptRuns } from './record.ts';

// The numbers every export format carries: per workload and metric, the median over the kept
// runs with the smallest and largest run, and the spread between runs. Pure.

/** One metric of one workload over its kept runs. */
export interface ExportedMetric {
  /** Stable key: throughput, p50, p90, p99, mean, max, cpu, rss, errors. */
  key: string;
  /** Short label as in the reports. */
  label: string;
  /** Unit of `value`: req/s, ms, ms/req, bytes, %. */
  unit: string;
  biggerIsBetter: boolean;
  value: number;
  min: number;
  max: number;
  /** Sample standard deviation between runs; 0 with one run. */
  stdev: number;
  runs: number;
}

/** The exported metrics of one workload. */
export interface ExportedWorkload {
  name: string;
  metrics: ExportedMetric[];
}

interface MetricSpec {
  key: string;
  label: string;
  unit: string;
  biggerIsBetter: boolean;
  read(r: RunSample): number | null;
}

// Latencies are stored in microseconds; milliseconds are what dashboards label.
const SPECS: MetricSpec[] = [
  {
    key: 'throughput',
    label: 'req/s',
    unit: 'req/s',
    biggerIsBetter: true,
    read: (r) => r.reqPerSec,
  },
  {
    key: 'mean',
    label: 'mean',
    unit: 'ms',
    biggerIsBetter: false,
    read: (r) => ms(r.latencyUs.mean),
  },
  { key: 'p50', label: 'p50', unit: 'ms', biggerIsBetter: false, read: (r) => ms(r.latencyUs.p50) },
  { key: 'p90', label: 'p90', unit: 'ms', biggerIsBetter: false, read: (r) => ms(r.latencyUs.p90) },
  { key: 'p99', label: 'p99', unit: 'ms', biggerIsBetter: false, read: (r) => ms(r.latencyUs.p99) },
  { key: 'max', label: 'max', unit: 'ms', biggerIsBetter: false, read: (r) => ms(r.latencyUs.max) },
  {
    key: 'cpu',
    label: 'CPU/req',
    unit: 'ms/req',
    biggerIsBetter: false,
    read: (r) => r.cpuMsPerRequest,
  },
  {
    key: 'rss',
    label: 'peak RSS',
    unit: 'bytes',
    biggerIsBetter: false,
    read: (r) => r.peakRssBytes,
  },
  {
    key: 'errors',
    label: 'errors',
    unit: '%',
    biggerIsBetter: false,
    read: (r) => r.errorRate * 100,
  },
];

function ms(us: number): number {
  return us / 1000;
}

/** The kept runs of every workload of a record, summarised per metric (metrics never measured are left out). */
export function exportedWorkloads(record: ResultsRecord): ExportedWorkload[] {
  return record.workloads.map((w) => {
    const runs = keptRuns(w);
    const metrics: ExportedMetric[] = [];
    for (const spec of SPECS) {
      const values = runs.map(spec.read).filter((v): v is number => v !== null);
      if (values.length === 0) continue;
      metrics.push({
        key: spec.key,
        label: spec.label,
        unit: spec.unit,
        biggerIsBetter: spec.biggerIsBetter,
        value: median(values),
        min: Math.min(...values),
        max: Math.max(...values),
        stdev: values.length > 1 ? sampleStandardDeviation(values) : 0,
        runs: values.length,
      });
    }
    return { name: w.name, metrics };
  });
}
