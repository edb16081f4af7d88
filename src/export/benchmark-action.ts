import type { ResultsRecord } from '../record/record.ts';
import { exportedWorkloads } from '../record/record-metrics.ts';

// github-action-benchmark's custom JSON: an array of `{ name, unit, value, range?, extra? }`,
// read with `tool: customBiggerIsBetter` or `tool: customSmallerIsBetter`. One file cannot mix
// the two directions, so there are two exports: throughput (bigger is better) and latencies,
// CPU per request, memory and errors (smaller is better). value is the median of the kept runs,
// range the standard deviation between runs. Pure.

/** One entry of github-action-benchmark's custom format. */
export interface BenchmarkActionEntry {
  name: string;
  unit: string;
  value: number;
  range?: string;
  extra?: string;
}

/** Which of the two custom tools the file is for. */
export type BenchmarkActionDirection = 'bigger' | 'smaller';

/** A results record as github-action-benchmark custom JSON for one direction. */
export function toBenchmarkAction(
  record: ResultsRecord,
  direction: BenchmarkActionDirection,
): BenchmarkActionEntry[] {
  const out: BenchmarkActionEntry[] = [];
  for (const w of exportedWorkloads(record)) {
    for (const m of w.metrics) {
      // max is one request's latency: too noisy to plot a trend of.
      if (m.key === 'max' || m.biggerIsBetter !== (direction === 'bigger')) continue;
      out.push({
        name: `${w.name} - ${m.label}`,
        unit: m.unit,
        value: Number(m.value.toPrecision(6)),
        range: `± ${Number(m.stdev.toPrecision(3))}`,
        extra: `median of ${m.runs} run${m.runs === 1 ? '' : 's'}; min ${fmt(m.min)}, max ${fmt(m.max)}`,
      });
    }
  }
  return out;
}

function fmt(x: number): string {
  return String(Number(x.toPrecision(4)));
}
