import { markdownTable } from 'markdown-table';
import { median, sampleStandardDeviation, mean } from 'simple-statistics';
import type { ResultsRecord, RunSample } from '../record/record.ts';
import { keptRuns } from '../record/record.ts';
import { describeMeasurement, rateNotes } from '../verdict/delivery-notes.ts';
import { escapeCell } from './escape.ts';
import { formatBytes, formatCpuMs, formatLatencyUs, formatPercent, formatRate } from './format.ts';

function med(values: number[]): number {
  return values.length ? median(values) : NaN;
}

/** Coefficient of variation of the runs: the run-to-run noise of this machine for this metric. */
function cv(values: number[]): number {
  if (values.length < 2) return NaN;
  const m = mean(values);
  return m === 0 ? NaN : sampleStandardDeviation(values) / m;
}

function nonNull(values: (number | null)[]): number[] {
  return values.filter((v): v is number => v !== null);
}

/** The summary of one record's kept runs: medians across runs, and the run-to-run CV of req/s. */
export function renderSummaryTable(record: ResultsRecord): string {
  const rows = record.workloads.map((w) => {
    const runs: RunSample[] = keptRuns(w);
    const rps = runs.map((r) => r.reqPerSec);
    const cpu = nonNull(runs.map((r) => r.cpuMsPerRequest));
    const rss = nonNull(runs.map((r) => r.peakRssBytes));
    return [
      escapeCell(w.name),
      String(runs.length),
      formatRate(med(rps)),
      formatPercent(cv(rps)),
      formatLatencyUs(med(runs.map((r) => r.latencyUs.p50))),
      formatLatencyUs(med(runs.map((r) => r.latencyUs.p90))),
      formatLatencyUs(med(runs.map((r) => r.latencyUs.p99))),
      formatLatencyUs(Math.max(...runs.map((r) => r.latencyUs.max))),
      formatPercent(med(runs.map((r) => r.errorRate)), 2),
      cpu.length ? formatCpuMs(med(cpu)) : '–',
      rss.length ? formatBytes(Math.max(...rss)) : '–',
    ];
  });
  return markdownTable(
    [
      [
        'workload',
        'runs',
        'req/s',
        'CV',
        'p50',
        'p90',
        'p99',
        'max',
        'errors',
        'CPU/req',
        'peak RSS',
      ],
      ...rows,
    ],
    { align: ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'] },
  );
}

/**
 * Lines under the summary table: what the latency percentiles are, and open-model workloads
 * that fell behind their rate.
 */
export function measureNotes(record: ResultsRecord): string[] {
  const runs = record.workloads.flatMap(keptRuns);
  if (runs.length === 0) return [];
  const basis = `Latency percentiles: ${describeMeasurement(runs)}.`;
  return [basis, ...rateNotes(record).map((n) => `Warning: ${n.message}`)];
}
