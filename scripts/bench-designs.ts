// `npm run bench:designs`: the two comparison designs measured against each other on this
// machine. A git repository holds the fixture server (the base) and three candidates on top of
// it: A' (a docs-only commit, the A/A trials), B5 and B10 (the committed CPU_SCALE default raised
// to 1.05 and 1.10: exactly +5% / +10% CPU work per request). Every trial is an independent
// comparison with fresh server processes:
//
//   stored-unpaired      record a baseline session of the base, then a session of each candidate,
//                        and compare them unpaired (Welch on logs), like a stored baseline;
//   interleaved-paired   the base checked out, built and run side by side with the candidate, in
//                        shuffled pairs, decided by the paired test (gate.compare-to: base);
//
// each with pinning (stored: server.cpus 0, load.cpus 1; paired: the automatic plan) and
// without (PERFGATE_NO_PIN=1 for the paired plan). Prints, per design: false alarms (A/A trials
// with a regression verdict), detections (A/B trials with a regression verdict), the per-run CV
// of CPU-ms/request and req/s, the spread of the per-pair log ratios, and the load time per
// comparison. Gate: CPU/request with a 3% tolerance (throughput, latency and memory off).
//
// A run costs its duration plus about 0.8 s (load generator start, server usage reads), so the
// defaults (pinned designs, A/A and +10%, 20 trials of 5 runs) take ~25 minutes on two CPUs:
//
//   npm run bench:designs                                  # defaults, ~25 minutes
//   TRIALS=3 npm run bench:designs                         # a quick check, ~4 minutes
//   DESIGNS=stored,stored-nopin,paired,paired-nopin SCENARIOS=aa,b5,b10 npm run bench:designs
//                                                          # everything: ~75 minutes
//
// Env: RESTART (never; per-run starts fresh servers for every run), TRIALS (20), RUNS kept runs or pairs per comparison (5), WARMUP (1), DURATION per run
// (1s), CPU_WORK (300), CONNECTIONS (10), TOLERANCE (3%), DESIGNS (stored,paired; also
// stored-nopin, paired-nopin), SCENARIOS (aa,b10; also b5), KEEP (a folder for the records),
// SEED (1).
// The load generator runs from dist/loadgen.js when it exists (fast to start), else through tsx.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLoadRunner } from '../src/load/load-runner.ts';
import { executeRun } from '../src/run/execute-run.ts';
import type { LoadedConfig } from '../src/run/execute-run.ts';
import { loadRunConfig } from '../src/run/load-run-config.ts';
import type { ResultsRecord, RunSample } from '../src/run/record.ts';
import type { SessionDeps } from '../src/run/run-session.ts';
import { startServer } from '../src/server/start-server.ts';
import { measureSideBySide } from '../src/gate/same-runner-step.ts';
import { NO_PIN_VAR } from '../src/same-runner/pinning.ts';
import { mean, sampleSd } from '../src/stats/index.ts';
import type { Comparison } from '../src/verdict/index.ts';
import { compareRecords } from '../src/verdict/index.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
const int = (name: string, d: number) => {
  const v = Number(env[name] ?? d);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a whole number >= 1`);
  return v;
};
const TRIALS = int('TRIALS', 20);
const RUNS = int('RUNS', 5);
const WARMUP = env.WARMUP === '0' ? 0 : int('WARMUP', 1);
const DURATION = env.DURATION ?? '1s';
const CPU_WORK = int('CPU_WORK', 300);
const RESTART = env.RESTART ?? 'never';
if (!['never', 'per-run'].includes(RESTART)) throw new Error('RESTART must be never or per-run');
const CONNECTIONS = int('CONNECTIONS', 10);
const TOLERANCE = env.TOLERANCE ?? '3%';
const SEED = int('SEED', 1);
const ALL_DESIGNS = ['stored', 'stored-nopin', 'paired', 'paired-nopin'] as const;
type Design = (typeof ALL_DESIGNS)[number];
const DESIGNS = (env.DESIGNS?.split(',') ?? ['stored', 'paired']) as Design[];
const SCENARIOS = env.SCENARIOS?.split(',') ?? ['aa', 'b10'];
for (const d of DESIGNS) if (!ALL_DESIGNS.includes(d)) throw new Error(`unknown design ${d}`);
const SCALE: Record<string, number> = { aa: 1, b5: 1.05, b10: 1.1 };
for (const s of SCENARIOS) if (!(s in SCALE)) throw new Error(`unknown scenario ${s}`);

const work = env.KEEP ? path.resolve(env.KEEP) : mkdtempSync(path.join(os.tmpdir(), 'pg-designs-'));
mkdirSync(work, { recursive: true });

// --- the repository: base + one commit per candidate, a clone per checkout --------------------
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const fixture = execFileSync('cat', [path.join(root, 'fixtures/server.mjs')], { encoding: 'utf8' });
const serverWithScale = (scale: number) =>
  scale === 1 ? fixture : fixture.replace("num('CPU_SCALE', 1)", `num('CPU_SCALE', ${scale})`);
if (serverWithScale(1.1) === fixture) throw new Error('fixtures/server.mjs has no CPU_SCALE knob');

const configText = (pinned: boolean) => `server:
  command: node server.mjs
  port: auto
  env: { PORT: '{{port}}', CPU_WORK: ${CPU_WORK} }
  ready: { url: 'http://127.0.0.1:{{port}}/health', timeout: 10s }
  restart: ${RESTART}
${pinned ? "  cpus: '0'\nload: { cpus: '1' }\n" : ''}defaults: { connections: ${CONNECTIONS}, duration: ${DURATION}, runs: ${RUNS}, warmup: ${WARMUP} }
thresholds: { cpu: ${TOLERANCE}, throughput: off, p50: off, p99: off, rss: off }
workloads:
  - name: hello
    path: /
`;

const origin = path.join(work, 'origin');
mkdirSync(origin, { recursive: true });
git(origin, 'init', '--quiet', '--initial-branch=main');
git(origin, 'config', 'user.name', 'bench');
git(origin, 'config', 'user.email', 'bench@example.com');
git(origin, 'config', 'commit.gpgsign', 'false');
writeFileSync(path.join(origin, 'server.mjs'), fixture);
writeFileSync(path.join(origin, 'pinned.yml'), configText(true));
writeFileSync(path.join(origin, 'unpinned.yml'), configText(false));
git(origin, 'add', '--all');
git(origin, 'commit', '--quiet', '-m', 'base');
const checkouts: Record<string, string> = { base: origin };
for (const s of SCENARIOS) {
  const dir = path.join(work, s);
  git(work, 'clone', '--quiet', origin, dir);
  git(dir, 'config', 'user.name', 'bench');
  git(dir, 'config', 'user.email', 'bench@example.com');
  if (s === 'aa') writeFileSync(path.join(dir, 'README.md'), '# docs only\n');
  else writeFileSync(path.join(dir, 'server.mjs'), serverWithScale(SCALE[s] as number));
  git(dir, 'add', '--all');
  git(dir, 'commit', '--quiet', '-m', s);
  checkouts[s] = dir;
}

// --- measuring ---------------------------------------------------------------------------------
const loadgen = path.join(root, 'dist/loadgen.js');
const deps: SessionDeps = {
  startServer,
  load: createLoadRunner(existsSync(loadgen) ? { workerArgs: [loadgen] } : {}),
  now: Date.now,
};
const configs = new Map<string, LoadedConfig>();
async function config(where: string, pinned: boolean): Promise<LoadedConfig> {
  const file = path.join(checkouts[where] as string, pinned ? 'pinned.yml' : 'unpinned.yml');
  if (!configs.has(file)) configs.set(file, await loadRunConfig(file));
  const c = configs.get(file) as LoadedConfig;
  return { ...c, resolved: structuredClone(c.resolved) };
}

interface Trial {
  design: Design;
  scenario: string;
  verdict: string;
  cpuChange: number | null;
  /** Per-pair log ratios of CPU/request (paired designs). */
  d: number[];
  cpu: number[][];
  rps: number[][];
  loadSeconds: number;
}
const trials: Trial[] = [];
const kept = (r: ResultsRecord): RunSample[] =>
  (r.workloads[0]?.runs ?? []).filter((x) => !x.warmup);
const cpuOf = (runs: RunSample[]) => runs.map((x) => x.cpuMsPerRequest ?? NaN);
const rpsOf = (runs: RunSample[]) => runs.map((x) => x.reqPerSec);
const loadSeconds = (records: ResultsRecord[]) =>
  records.reduce((s, r) => s + (r.workloads[0]?.runs.length ?? 0), 0) * (durationMs() / 1000);
function durationMs(): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s)$/.exec(DURATION);
  return m ? Number(m[1]) * (m[2] === 'ms' ? 1 : 1000) : 1000;
}
function cpuMetric(c: Comparison) {
  return c.workloads[0]?.metrics.find((m) => m.metric === 'cpu');
}
function record(
  design: Design,
  scenario: string,
  c: Comparison,
  recs: ResultsRecord[],
  d: number[],
) {
  const m = cpuMetric(c);
  trials.push({
    design,
    scenario,
    verdict: m?.status ?? c.verdict,
    cpuChange: typeof m?.change === 'number' ? m.change : null,
    d,
    cpu: recs.map((r) => cpuOf(kept(r))),
    rps: recs.map((r) => rpsOf(kept(r))),
    loadSeconds: loadSeconds(recs),
  });
  const ch = trials.at(-1)?.cpuChange;
  console.log(
    `  ${design.padEnd(13)} ${scenario.padEnd(4)} ${String(trials.at(-1)?.verdict).padEnd(13)} CPU/req ${ch === null || ch === undefined ? '?' : `${(ch * 100).toFixed(1)}%`}`,
  );
}

async function storedTrial(design: Design, t: number): Promise<void> {
  const pinned = design === 'stored';
  const baseline = await executeRun(await config('base', pinned), deps, { seed: SEED + t });
  for (const s of SCENARIOS) {
    const cand = await executeRun(await config(s, pinned), deps, { seed: SEED + t });
    const c = compareRecords([baseline], cand, { design: 'independent' });
    record(design, s, c, [baseline, cand], []);
  }
}

async function pairedTrial(design: Design, t: number): Promise<void> {
  if (design === 'paired-nopin') env[NO_PIN_VAR] = '1';
  else delete env[NO_PIN_VAR];
  for (const s of SCENARIOS) {
    const r = await measureSideBySide(await config(s, false), { ref: 'HEAD~1' }, deps, {
      seed: SEED + t,
    });
    const b = cpuOf(kept(r.base));
    const h = cpuOf(kept(r.head));
    const d = b.map((x, i) => Math.log((h[i] as number) / x));
    record(design, s, r.comparison, [r.base, r.head], d);
  }
  delete env[NO_PIN_VAR];
}

const started = Date.now();
const loadavg = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');
console.log(
  `# perfgate bench:designs: ${os.availableParallelism()} CPUs, load average ${loadavg()}\n` +
    `TRIALS=${TRIALS} RUNS=${RUNS} WARMUP=${WARMUP} DURATION=${DURATION} CPU_WORK=${CPU_WORK} RESTART=${RESTART} CONNECTIONS=${CONNECTIONS} TOLERANCE=${TOLERANCE}\n` +
    `designs ${DESIGNS.join(', ')}; scenarios ${SCENARIOS.join(', ')}; work folder ${work}\n`,
);
{
  const runsPerTrial = DESIGNS.reduce(
    (n, d) =>
      n + (RUNS + WARMUP) * (d.startsWith('stored') ? SCENARIOS.length + 1 : 2 * SCENARIOS.length),
    0,
  );
  const minutes = (TRIALS * runsPerTrial * (durationMs() / 1000 + 0.85)) / 60;
  console.log(`${TRIALS * runsPerTrial} runs: about ${minutes.toFixed(0)} minutes\n`);
}
// Trials of the designs alternate, so drift of the machine over the benchmark falls on all alike.
for (let t = 0; t < TRIALS; t++) {
  console.log(`trial ${t + 1}/${TRIALS} (load average ${loadavg()})`);
  for (const design of DESIGNS) {
    if (design.startsWith('stored')) await storedTrial(design, t);
    else await pairedTrial(design, t);
  }
}

// --- summary -----------------------------------------------------------------------------------
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const cv = (xs: number[]) => (xs.length > 1 ? sampleSd(xs) / mean(xs) : NaN);
const medianOf = (xs: number[]) => {
  const s = [...xs].filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
console.log(
  `\n## Results (${((Date.now() - started) / 60000).toFixed(1)} min, load average ${loadavg()})\n`,
);
console.log(
  '| design | A/A false alarms | +5% detected | +10% detected | CV CPU/req | CV req/s | sd of pair log ratio (CPU) | median est. +5% / +10% | load s / comparison |',
);
console.log('| :-- | --: | --: | --: | --: | --: | --: | --: | --: |');
for (const design of DESIGNS) {
  const mine = trials.filter((x) => x.design === design);
  const of = (s: string) => mine.filter((x) => x.scenario === s);
  const regressions = (s: string) => {
    const list = of(s);
    return list.length
      ? `${list.filter((x) => x.verdict === 'regression').length}/${list.length}`
      : '–';
  };
  const cvs = (pick: (t: Trial) => number[][]) =>
    pct(medianOf(mine.flatMap((t) => pick(t).map(cv))));
  const dSd = design.startsWith('paired')
    ? pct(medianOf(mine.map((t) => (t.d.length > 1 ? sampleSd(t.d) : NaN))))
    : '–';
  const est = (s: string) => {
    const m = medianOf(of(s).map((x) => x.cpuChange ?? NaN));
    return Number.isFinite(m) ? pct(m) : '–';
  };
  console.log(
    `| ${design} | ${regressions('aa')} | ${regressions('b5')} | ${regressions('b10')} | ${cvs((t) => t.cpu)} | ${cvs((t) => t.rps)} | ${dSd} | ${est('b5')} / ${est('b10')} | ${mean(mine.map((t) => t.loadSeconds)).toFixed(0)} |`,
  );
}
console.log(
  '\nCV: median over the sessions of the per-run coefficient of variation. Load time: seconds of load per comparison (both sides, warm-up included; server starts and process overhead not counted).',
);
const verdicts = (design: Design, s: string) =>
  trials
    .filter((x) => x.design === design && x.scenario === s)
    .map((x) => x.verdict)
    .reduce<Record<string, number>>((acc, v) => ({ ...acc, [v]: (acc[v] ?? 0) + 1 }), {});
console.log('\nVerdicts per design and scenario:');
for (const design of DESIGNS)
  for (const s of SCENARIOS)
    console.log(`  ${design} ${s}: ${JSON.stringify(verdicts(design, s))}`);
if (env.KEEP) {
  writeFileSync(path.join(work, 'trials.json'), JSON.stringify(trials, null, 2));
  console.log(`\nTrials: ${path.join(work, 'trials.json')}`);
} else {
  rmSync(work, { recursive: true, force: true });
}
