import { markdownTable } from 'markdown-table';
import type { Comparison, RecordInfo, RunRow } from '../verdict/comparison-schema.ts';
import type { Flavor } from './comparison-flavor.ts';
import { MARKDOWN, TEXT } from './comparison-flavor.ts';
import { formatBytes, formatCpuMs, formatLatencyUs, formatPercent, formatRate } from './format.ts';

// The collapsed parts of a comparison report: every kept run's raw numbers on both sides, and
// the machines, versions and configs. The raw data is its own section so a caller can trim it
// line by line (or drop it) to fit GitHub's 65,536-character comment limit. Pure.

/** A section that may be trimmed line by line (same shape as github/limit.ts TrimmableSection). */
export interface RawDataSection {
  trimmable: true;
  open: string;
  lines: string[];
  close: string;
}

const RUN_HEADER = [
  'run',
  'pair',
  'req/s',
  'p50',
  'p90',
  'p99',
  'max',
  'errors',
  'CPU/req',
  'peak RSS',
];
const RUN_ALIGN = RUN_HEADER.map((_, i) => (i < 2 ? 'l' : 'r'));

// A run is numbered by its place among the kept runs (1, 2, ...), as the tests' outlier notes
// ("MAD rule: #7") count them; warm-up runs are not in the table.
function runCells(r: RunRow, position: number): string[] {
  return [
    String(position + 1),
    r.pair === null ? '–' : String(r.pair),
    formatRate(r.reqPerSec),
    formatLatencyUs(r.p50),
    formatLatencyUs(r.p90),
    formatLatencyUs(r.p99),
    formatLatencyUs(r.max),
    formatPercent(r.errorRate, 2),
    formatCpuMs(r.cpuMsPerRequest),
    r.peakRssBytes === null ? '–' : formatBytes(r.peakRssBytes),
  ];
}

/** The raw-data section as a frame and lines, so it can be trimmed to fit a limit. */
export function rawDataSection(c: Comparison, flavor: Flavor = MARKDOWN): RawDataSection {
  const { open, close } = flavor.collapsible('Raw data: every kept run');
  const lines: string[] = [];
  for (const w of c.workloads) {
    for (const [side, rows] of [
      ['baseline', w.samples.baseline],
      ['this PR', w.samples.candidate],
    ] as const) {
      if (rows.length === 0) continue;
      lines.push(
        `${flavor.strong(flavor.inline(w.name))}: ${side} (${rows.length} run${rows.length === 1 ? '' : 's'})`,
        '',
      );
      const table = markdownTable([RUN_HEADER, ...rows.map((r, i) => runCells(r, i))], {
        align: RUN_ALIGN,
      });
      lines.push(...table.split('\n'), '');
    }
  }
  if (lines.length === 0) lines.push('No kept runs.', '');
  return { trimmable: true, open, lines, close };
}

/** The raw-data section as one string (markdown by default). */
export function renderRawData(c: Comparison, options: { text?: boolean } = {}): string {
  const s = rawDataSection(c, options.text ? TEXT : MARKDOWN);
  return [s.open, ...s.lines, s.close].join('\n').trimEnd();
}

function describeRecord(r: RecordInfo): Record<string, string> {
  const m = r.machine;
  return {
    commit: r.commit
      ? `${r.commit.sha.slice(0, 12)}${r.commit.ref ? ` (${r.commit.ref})` : ''}${r.commit.dirty ? ', uncommitted changes' : ''}`
      : '–',
    'made at': r.createdAt,
    machine: `${m.cpuModel}, ${m.cores} cores, ${formatBytes(m.memoryBytes)}`,
    system: `${m.os} ${m.arch}`,
    Node: m.node,
    fingerprint: m.fingerprint,
    perfgate: r.toolVersion,
    'config hash': r.configHash,
    design: r.design,
    seed: String(r.seed),
  };
}

/** Machines, versions and config hashes of both sides, as a collapsible table. */
export function renderRecordDetails(c: Comparison, flavor: Flavor = MARKDOWN): string {
  const sides = [
    ...c.baseline.map(
      (b, i) => [c.baseline.length > 1 ? `baseline ${i + 1}` : 'baseline', b] as const,
    ),
    ['this PR', c.candidate] as const,
  ];
  const described = sides.map(([, r]) => describeRecord(r));
  const keys = Object.keys(described[0] as Record<string, string>);
  const rows = keys.map((k) => [k, ...described.map((d) => flavor.cell(d[k] ?? '–'))]);
  const table = markdownTable([['', ...sides.map(([label]) => label)], ...rows]);
  const { open, close } = flavor.collapsible('Machines, versions and configs');
  return [open, table, '', close].join('\n').trimEnd();
}
