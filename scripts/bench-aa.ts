// `npm run bench:aa`: the real check on this machine. Measures the fixture server three times
// with the real CLI (A1 and A2 with fixtures/bench/a.yml, B with fixtures/bench/b.yml, which
// does exactly 10% more CPU work per request), then compares A1 with A2 (A/A: must not fail)
// and A1 with B (A/B: must see the +10% CPU per request and the lower throughput). Prints the
// verdict tables, the run-to-run CV of every metric of every record, and a summary.
// Builds nothing: it runs dist/cli.js (npm run build first), or src/cli.ts with --src.
//
//   npm run bench:aa                      # ~3.5 minutes: 3 x 2 workloads x 11 runs of 3 s
//   npm run bench:aa -- --src             # run the TypeScript sources through tsx instead
//   npm run bench:aa -- --keep DIR        # keep the records and comparisons in DIR
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResultsRecord, RunSample } from '../src/record/record.ts';
import { keptRuns } from '../src/record/record.ts';
import { mean, sampleSd } from '../src/stats/index.ts';
import type { Comparison } from '../src/verdict/index.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const useSrc = args.includes('--src');
const keepAt = args.indexOf('--keep');
const outDir =
  keepAt >= 0 && args[keepAt + 1]
    ? path.resolve(args[keepAt + 1] as string)
    : mkdtempSync(path.join(os.tmpdir(), 'perfgate-bench-aa-'));
mkdirSync(outDir, { recursive: true });

const cli = useSrc
  ? ['--import', 'tsx', path.join(root, 'src/cli.ts')]
  : [path.join(root, 'dist/cli.js')];
if (!useSrc && !existsSync(cli[0] as string)) {
  console.error('bench:aa: dist/cli.js is missing: run "npm run build" first, or pass --src');
  process.exit(2);
}

function perfgate(argv: string[], capture: boolean): { status: number; stdout: string } {
  const r = spawnSync(process.execPath, [...cli, ...argv], {
    cwd: root,
    stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  if (r.error) throw r.error;
  return { status: r.status ?? 1, stdout: r.stdout ?? '' };
}

const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');
const started = Date.now();
const loadBefore = load();
console.log(`# perfgate bench:aa (${os.cpus().length} CPUs, load average ${loadBefore})\n`);
console.log(`Records and comparisons: ${outDir}\n`);

// --- measure -------------------------------------------------------------------------------
const runs = [
  { name: 'A1', config: 'fixtures/bench/a.yml' },
  { name: 'A2', config: 'fixtures/bench/a.yml' },
  { name: 'B', config: 'fixtures/bench/b.yml' },
];
const records = new Map<string, ResultsRecord>();
for (const r of runs) {
  const out = path.join(outDir, `${r.name}.json`);
  const cmd = ['run', '--config', r.config, '--out', out, '--compare-to', 'none', '--quiet'];
  console.log(`$ perfgate ${cmd.join(' ')}`);
  const t = Date.now();
  const { status } = perfgate(cmd, true);
  if (!existsSync(out)) {
    console.error(`bench:aa: run ${r.name} failed (exit ${status}): no record written`);
    process.exit(3);
  }
  console.log(`  ${r.name}: ${((Date.now() - t) / 1000).toFixed(0)} s, load average ${load()}\n`);
  records.set(r.name, JSON.parse(readFileSync(out, 'utf8')) as ResultsRecord);
}

// --- run-to-run CV of every record -----------------------------------------------------------
const METRICS: { label: string; value: (r: RunSample) => number | null }[] = [
  { label: 'req/s', value: (r) => r.reqPerSec },
  { label: 'p50', value: (r) => r.latencyUs.p50 },
  { label: 'p99', value: (r) => r.latencyUs.p99 },
  { label: 'CPU/req', value: (r) => r.cpuMsPerRequest },
  { label: 'peak RSS', value: (r) => r.peakRssBytes },
];
const cvRows: string[][] = [];
for (const [name, rec] of records) {
  for (const w of rec.workloads) {
    const kept = keptRuns(w);
    const cells = METRICS.map((m) => {
      const xs = kept.map(m.value).filter((v): v is number => v !== null);
      return xs.length >= 2 ? `${((100 * sampleSd(xs)) / mean(xs)).toFixed(1)}%` : 'n/a';
    });
    const rps = mean(kept.map((r) => r.reqPerSec));
    const cpu = kept.map((r) => r.cpuMsPerRequest).filter((v): v is number => v !== null);
    const cpuText = cpu.length ? `${mean(cpu).toFixed(3)} ms` : 'n/a';
    cvRows.push([name, w.name, String(kept.length), rps.toFixed(0), cpuText, ...cells]);
  }
}
const table = (header: string[], rows: string[][], textColumns = 2) =>
  [header, header.map((_, i) => (i < textColumns ? ':--' : '--:')), ...rows]
    .map((r) => `| ${r.join(' | ')} |`)
    .join('\n');

// --- compare --------------------------------------------------------------------------------
interface Check {
  title: string;
  baseline: string;
  candidate: string;
}
const checks: Check[] = [
  { title: 'A/A: A1 vs A2 (same code, must not fail)', baseline: 'A1', candidate: 'A2' },
  { title: 'A/B: A1 vs B (+10% CPU work per request)', baseline: 'A1', candidate: 'B' },
];
const comparisons = new Map<string, Comparison>();
for (const c of checks) {
  const json = path.join(outDir, `${c.baseline}-vs-${c.candidate}.json`);
  const cmd = [
    'compare',
    '--baseline',
    path.join(outDir, `${c.baseline}.json`),
    '--candidate',
    path.join(outDir, `${c.candidate}.json`),
    '--format',
    'text',
    '--out',
    json,
  ];
  console.log(`## ${c.title}\n\n$ perfgate ${cmd.join(' ')}\n`);
  const { status, stdout } = perfgate(cmd, true);
  console.log(stdout.trimEnd());
  console.log(`\n(exit ${status})\n`);
  if (!existsSync(json)) {
    console.error(`bench:aa: compare ${c.baseline} vs ${c.candidate} failed (exit ${status})`);
    process.exit(3);
  }
  comparisons.set(c.candidate, JSON.parse(readFileSync(json, 'utf8')) as Comparison);
}

console.log('## Run-to-run CV of each metric (kept runs)\n');
console.log(
  table(
    ['record', 'workload', 'runs', 'req/s', 'CPU/req', ...METRICS.map((m) => `CV ${m.label}`)],
    cvRows,
  ),
);

// --- summary --------------------------------------------------------------------------------
const pct = (x: number | null) => {
  if (x === null) return 'n/a';
  const s = (100 * x).toFixed(1);
  return Number(s) === 0 ? '0.0%' : `${x > 0 ? '+' : ''}${s}%`;
};
const summaryRows: string[][] = [];
for (const c of checks) {
  const cmp = comparisons.get(c.candidate) as Comparison;
  for (const w of cmp.workloads) {
    for (const m of w.metrics) {
      if (!m.gated) continue;
      const iv = m.interval ? `[${pct(m.interval[0])}, ${pct(m.interval[1])}]` : '';
      summaryRows.push([
        c.candidate === 'A2' ? 'A/A' : 'A/B',
        w.name,
        m.label,
        m.metric === 'errors'
          ? `${((m.change ?? 0) * 100).toFixed(2)} pp`
          : `${pct(m.change)} ${iv}`,
        m.status,
        m.test ?? '',
      ]);
    }
  }
}
console.log('\n## Verdicts per gated metric\n');
console.log(
  table(['check', 'workload', 'metric', 'change [interval]', 'verdict', 'test'], summaryRows, 6),
);

const aa = comparisons.get('A2') as Comparison;
const ab = comparisons.get('B') as Comparison;
const abMetric = (metric: string) =>
  ab.workloads.map((w) => {
    const m = w.metrics.find((x) => x.metric === metric);
    return `${w.name} ${m ? `${pct(m.change)} ${m.status}` : 'n/a'}`;
  });
console.log('\n## Summary\n');
console.log(`- A/A verdict: ${aa.verdict} (${aa.headline})`);
console.log(`- A/B verdict: ${ab.verdict} (${ab.headline})`);
console.log(`- A/B CPU per request: ${abMetric('cpu').join('; ')}`);
console.log(`- A/B throughput: ${abMetric('throughput').join('; ')}`);
console.log(
  `- load average before ${loadBefore}, after ${load()} (${os.cpus().length} CPUs); total ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
const detected = ab.workloads.every(
  (w) => w.metrics.find((m) => m.metric === 'cpu')?.status === 'regression',
);
process.exitCode = aa.verdict === 'regression' || !detected ? 1 : 0;
