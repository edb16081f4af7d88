// Latency per step of sequences and mixes: one row per step, medians across the kept runs of
// this build. Pure.
import { markdownTable } from 'markdown-table';
import type { ResultsRecord } from '../record/record.ts';
import { keptRuns } from '../record/record.ts';
import { median } from '../stats/index.ts';
import { escapeCell } from './escape.ts';
import { formatLatencyUs } from './format.ts';

/** The per-step table of a record, or null when no workload has steps measured one by one. */
export function renderStepTable(record: ResultsRecord): string | null {
  const rows: string[][] = [];
  for (const w of record.workloads) {
    const runs = keptRuns(w).filter((r) => r.steps !== undefined);
    const labels = [...new Set(runs.flatMap((r) => (r.steps ?? []).map((s) => s.step)))];
    for (const label of labels) {
      const of = runs.flatMap((r) => (r.steps ?? []).filter((s) => s.step === label));
      const med = (f: (s: (typeof of)[number]) => number) => median(of.map(f));
      rows.push([
        escapeCell(w.name),
        escapeCell(label),
        String(Math.round(med((s) => s.requests))),
        formatLatencyUs(med((s) => s.latencyUs.p50)),
        formatLatencyUs(med((s) => s.latencyUs.p99)),
      ]);
    }
  }
  if (rows.length === 0) return null;
  return markdownTable([['workload', 'step', 'requests/run', 'p50', 'p99'], ...rows], {
    align: ['l', 'l', 'r', 'r', 'r'],
  });
}
