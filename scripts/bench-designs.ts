// `npm run bench:designs`: the two comparison designs measured against each other on this
// machine, A/A and A/B, with and without pinning. The fixture server (fixtures/server.mjs) runs
// as four sides of one session, each its own server process on its own port, differing only in
// the env CPU_SCALE: base and aa (identical, 1.0), b5 (1.05) and b10 (1.10: exactly +5% / +10%
// CPU work per request). A session measures the four sides in shuffled rounds (one run of every
// side per round, seeded order; kept runs carry a pair index), with fresh server processes.
//
// Per trial two sessions, pinned (servers on CPU 0, load generator on CPU 1: the automatic plan
// of a 2-core machine) and unpinned, which one goes first alternating per trial. Each session
// gives three comparisons per design:
//
//   interleaved-paired   base vs aa / b5 / b10 of the same session, paired test (test: auto);
//   stored-unpaired      the base side of the previous session with the same pin setting
//                        (other processes, minutes earlier: a stored baseline) vs aa / b5 / b10
//                        of this session, pair indices dropped, unpaired test (Welch on logs).
//
// One base-only session per pin setting comes first, as the baseline of the first stored trial,
// so every design gets TRIALS comparisons per scenario. Designs: stored, stored-nopin, paired,
// paired-nopin. Gate: CPU/request with a TOLERANCE tolerance (throughput, latency and memory
// off); a comparison's verdict is the CPU metric's status. Prints a line per comparison and, per
// design: A/A false alarms (regression verdicts), +5% / +10% detections, the per-run CV of
// CPU-ms/request and req/s, the sd of the per-pair log ratios, the median estimates, the load
// time per comparison; the verdict counts; whether the goal (paired: +10% detected in >= 95% of
// trials, at most 1 A/A false alarm) was met.
//
// A run costs its duration plus 0.5-0.85 s (load generator start, server usage reads, server
// starts). The defaults (2 base-only sessions, then 20 trials x 2 sessions x 4 sides, 11 runs of
// 2 s per side and session: 1782 runs) take 75-85 minutes on two CPUs; PIN=pinned half that.
// The estimate printed at the start counts 0.85 s; the summary prints the measured wall time.
//
//   npm run bench:designs                                        # defaults, 75-85 minutes
//   PIN=pinned npm run bench:designs                             # pinned designs only, ~40
//   TRIALS=1 RUNS=2 WARMUP=0 DURATION=300ms npm run bench:designs  # a smoke test, ~1 minute
//
// Env: TRIALS (20), RUNS kept runs (pairs) per side and session (10), WARMUP rounds (1),
// DURATION per run (2s), CPU_WORK (300), CONNECTIONS (10), TOLERANCE (3%), RESTART (never;
// per-run starts fresh servers for every run), SEED (1), PIN (both; pinned, unpinned), KEEP (a
// folder to keep trials.json and the server logs in).
// The load generator runs from dist/loadgen.js when it exists (fast to start), else through tsx.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDurationMs } from '../src/config/units.ts';
import { asIndependent } from '../src/gate/same-runner-step.ts';
import { createLoadRunner } from '../src/load/load-runner.ts';
import type { LoadedConfig } from '../src/config/loaded-config.ts';
import { loadRunConfig } from '../src/config/load-run-config.ts';
import { describeMachine } from '../src/run/machine.ts';
import type { ResultsRecord, RunSample, WorkloadResult } from '../src/record/record.ts';
import { RECORD_VERSION, keptRuns } from '../src/record/record.ts';
import type { SessionSide } from '../src/run/run-session.ts';
import type { SessionDeps } from '../src/run/session-deps.ts';
import { runSides } from '../src/run/run-session.ts';
import { canPin, planPinning } from '../src/same-runner/pinning.ts';
import { startServer } from '../src/server/start-server.ts';
import { mean, median, sampleSd } from '../src/stats/index.ts';
import type { Comparison } from '../src/verdict/index.ts';
import { compareRecords } from '../src/verdict/index.ts';
import { TOOL_VERSION } from '../src/version.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
const int = (name: string, d: number, least = 1) => {
  const v = Number(env[name] ?? d);
  if (!Number.isInteger(v) || v < least)
    throw new Error(`${name} must be a whole number >= ${least}`);
  return v;
};
const TRIALS = int('TRIALS', 20);
const RUNS = int('RUNS', 10, 2);
const WARMUP = int('WARMUP', 1, 0);
const DURATION = env.DURATION ?? '2s';
const durationMs = parseDurationMs(DURATION);
if (durationMs === undefined || durationMs <= 0) throw new Error('DURATION: e.g. 2s or 500ms');
const CPU_WORK = int('CPU_WORK', 300);
const CONNECTIONS = int('CONNECTIONS', 10);
const TOLERANCE = env.TOLERANCE ?? '3%';
const RESTART = env.RESTART ?? 'never';
if (RESTART !== 'never' && RESTART !== 'per-run')
  throw new Error('RESTART must be never or per-run');
const SEED = int('SEED', 1, 0);
const PIN = env.PIN ?? 'both';
if (!['both', 'pinned', 'unpinned'].includes(PIN))
  throw new Error('PIN must be both, pinned or unpinned');
const PINS: boolean[] = PIN === 'both' ? [true, false] : [PIN === 'pinned'];
if (PINS.includes(true) && !canPin()) throw new Error('pinning needs taskset (or PIN=unpinned)');

const SIDES = [
  { label: 'base', scale: 1 },
  { label: 'aa', scale: 1 },
  { label: 'b5', scale: 1.05 },
  { label: 'b10', scale: 1.1 },
] as const;
type Label = (typeof SIDES)[number]['label'];
const SCENARIOS = ['aa', 'b5', 'b10'] as const;
type Scenario = (typeof SCENARIOS)[number];
const DESIGNS = ['stored', 'stored-nopin', 'paired', 'paired-nopin'] as const;
type Design = (typeof DESIGNS)[number];
const designOf = (kind: 'stored' | 'paired', pinned: boolean): Design =>
  pinned ? kind : `${kind}-nopin`;

const fixture = readFileSync(path.join(root, 'fixtures/server.mjs'), 'utf8');
if (!fixture.includes("num('CPU_SCALE', 1)")) throw new Error('fixtures/server.mjs: no CPU_SCALE');
const work = env.KEEP ? path.resolve(env.KEEP) : mkdtempSync(path.join(os.tmpdir(), 'pg-designs-'));
mkdirSync(work, { recursive: true });
writeFileSync(path.join(work, 'server.mjs'), fixture);
const configFile = path.join(work, 'perfgate.yml');
writeFileSync(
  configFile,
  `server:
  command: node server.mjs
  port: auto
  env: { PORT: '{{port}}', CPU_WORK: '${CPU_WORK}' }
  ready: { url: 'http://127.0.0.1:{{port}}/health', timeout: 10s }
  restart: ${RESTART}
defaults: { connections: ${CONNECTIONS}, duration: ${DURATION}, runs: ${RUNS}, warmup: ${WARMUP} }
thresholds: { cpu: ${TOLERANCE}, throughput: off, p50: off, p99: off, rss: off }
workloads:
  - name: hello
    path: /
`,
);
const loaded: LoadedConfig = await loadRunConfig(configFile);
// The CPUs of the automatic plan on two cores: both servers on CPU 0, the load generator on 1.
const plan = planPinning(loaded.resolved, 2, true, {});

const loadgen = path.join(root, 'dist/loadgen.js');
const deps: SessionDeps = {
  startServer,
  load: createLoadRunner(existsSync(loadgen) ? { workerArgs: [loadgen] } : {}),
  now: Date.now,
};
const machine = describeMachine();

/** A record of one side, built as executeSides in src/run/execute-run.ts builds them. */
function toRecord(
  workloads: WorkloadResult[],
  seed: number,
  createdAt: string,
  paired: boolean,
): ResultsRecord {
  const { cwd: _cwd, ...server } = loaded.resolved.server;
  return {
    kind: 'perfgate-results',
    version: RECORD_VERSION,
    tool: { name: 'perfgate', version: TOOL_VERSION },
    createdAt,
    commit: null,
    machine,
    configHash: loaded.hash,
    config: { ...loaded.resolved, server } as unknown as Record<string, unknown>,
    seed,
    design: paired ? 'paired' : 'independent',
    workloads,
  };
}

interface Session {
  index: number;
  trial: number;
  pinned: boolean;
  seed: number;
  seconds: number;
  runs: number;
  records: Partial<Record<Label, ResultsRecord>>;
}
const sessions: Session[] = [];

/** One session of the given sides (fresh servers, shuffled rounds); records per side. */
async function measure(trial: number, pinned: boolean, labels: readonly Label[]): Promise<Session> {
  const index = sessions.length;
  const seed = SEED + 2 * trial + (pinned ? 0 : 1);
  const logDir = path.join(work, 'logs', `s${index}-t${trial}-${pinned ? 'pin' : 'nopin'}`);
  mkdirSync(logDir, { recursive: true });
  const sides: SessionSide[] = labels.map((label) => {
    const scale = SIDES.find((s) => s.label === label)?.scale ?? 1;
    const server = loaded.resolved.server;
    return {
      label,
      server: {
        ...server,
        env: { ...server.env, CPU_SCALE: String(scale) },
        cpus: pinned ? (label === 'base' ? plan.base : plan.head) : null,
      },
      loadCpus: pinned ? plan.load : null,
    };
  });
  const t0 = Date.now();
  const createdAt = new Date(t0).toISOString();
  const perSide = await runSides(loaded.resolved, sides, deps, {
    seed,
    restart: RESTART as 'never' | 'per-run',
    logDir,
    onEvent: (e) => {
      if (e.type === 'warning') console.log(`  warning: ${e.message}`);
    },
  });
  const records: Session['records'] = {};
  labels.forEach((label, i) => {
    records[label] = toRecord(perSide[i] ?? [], seed, createdAt, labels.length > 1);
  });
  const runs = perSide.reduce((n, w) => n + (w[0]?.runs.length ?? 0), 0);
  const s = { index, trial, pinned, seed, seconds: (Date.now() - t0) / 1000, runs, records };
  sessions.push(s);
  return s;
}

interface Trial {
  design: Design;
  scenario: Scenario;
  trial: number;
  verdict: string;
  test: string | null;
  cpuChange: number | null;
  interval: [number, number] | null;
  /** Per-pair log ratios of CPU/request (paired designs). */
  d: number[];
  /** CPU-ms/request and req/s of the kept runs of both records. */
  cpu: number[][];
  rps: number[][];
}
const trials: Trial[] = [];
const kept = (r: ResultsRecord): RunSample[] => {
  const w = r.workloads[0];
  return w ? keptRuns(w) : [];
};
const cpuOf = (runs: RunSample[]) => runs.map((x) => x.cpuMsPerRequest ?? NaN);
const rpsOf = (runs: RunSample[]) => runs.map((x) => x.reqPerSec);
const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;

/** Log ratios candidate / base of CPU/request, pair by pair. */
function pairLogRatios(base: ResultsRecord, cand: ResultsRecord): number[] {
  const byPair = new Map(kept(base).map((r) => [r.pair, r.cpuMsPerRequest]));
  return kept(cand).flatMap((r) => {
    const b = byPair.get(r.pair);
    return r.pair !== undefined && b && r.cpuMsPerRequest ? [Math.log(r.cpuMsPerRequest / b)] : [];
  });
}

function note(
  design: Design,
  scenario: Scenario,
  trial: number,
  c: Comparison,
  base: ResultsRecord,
  cand: ResultsRecord,
  d: number[],
) {
  const m = c.workloads[0]?.metrics.find((x) => x.metric === 'cpu');
  const t: Trial = {
    design,
    scenario,
    trial,
    verdict: m?.status ?? c.verdict,
    test: m?.test ?? null,
    cpuChange: m?.change ?? null,
    interval: m?.interval ?? null,
    d,
    cpu: [base, cand].map((r) => cpuOf(kept(r))),
    rps: [base, cand].map((r) => rpsOf(kept(r))),
  };
  trials.push(t);
  const ci = t.interval ? ` [${pct(t.interval[0])}, ${pct(t.interval[1])}]` : '';
  const change = t.cpuChange === null ? '?' : pct(t.cpuChange);
  console.log(
    `  ${design.padEnd(13)} ${scenario.padEnd(4)} ${t.verdict.padEnd(13)} CPU/req ${change}${ci} (${t.test ?? '-'})`,
  );
}

/** The comparisons a session gives: paired within it, stored against the previous base. */
function compareSession(s: Session, previous: Session | undefined): void {
  const base = s.records.base as ResultsRecord;
  for (const sc of SCENARIOS) {
    const cand = s.records[sc] as ResultsRecord;
    const c = compareRecords(base, cand, { design: 'paired', test: 'auto' });
    note(designOf('paired', s.pinned), sc, s.trial, c, base, cand, pairLogRatios(base, cand));
  }
  const stored = previous?.records.base;
  if (!stored) return;
  const baseline = asIndependent(stored);
  for (const sc of SCENARIOS) {
    const cand = asIndependent(s.records[sc] as ResultsRecord);
    const c = compareRecords([baseline], cand, { design: 'independent' });
    note(designOf('stored', s.pinned), sc, s.trial, c, baseline, cand, []);
  }
}

// --- the plan and the estimate -----------------------------------------------------------------
const started = Date.now();
const loadavg = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');
const perSide = RUNS + WARMUP;
const plannedRuns = PINS.length * perSide * (1 + TRIALS * SIDES.length);
const RUN_OVERHEAD_S = 0.85;
const estimateMin = (plannedRuns * (durationMs / 1000 + RUN_OVERHEAD_S)) / 60;
const loadPerComparison = 2 * perSide * (durationMs / 1000);
const fmt = (x: number) => (x < 10 ? x.toFixed(1) : x.toFixed(0));
console.log(
  `# perfgate bench:designs: ${os.availableParallelism()} CPUs, load average ${loadavg()}\n` +
    `TRIALS=${TRIALS} RUNS=${RUNS} WARMUP=${WARMUP} DURATION=${DURATION} CPU_WORK=${CPU_WORK} RESTART=${RESTART} CONNECTIONS=${CONNECTIONS} TOLERANCE=${TOLERANCE} SEED=${SEED} PIN=${PIN}\n` +
    `pinned: ${plan.description.replace(/^pinning from the config: |^pinned: /, '')}; work folder ${work}\n` +
    `${PINS.length} base-only session(s), then ${TRIALS} trial(s) x ${PINS.length} session(s) of ${SIDES.length} sides (${SIDES.map((s) => `${s.label} ${s.scale}`).join(', ')}) x ${perSide} runs\n` +
    `${plannedRuns} runs of ${DURATION} + ~${RUN_OVERHEAD_S}s: about ${fmt(estimateMin)} minutes\n`,
);

// --- measuring ---------------------------------------------------------------------------------
const last = new Map<boolean, Session>();
for (const pinned of PINS) {
  const s = await measure(0, pinned, ['base']);
  last.set(pinned, s);
  console.log(
    `warm-up: base-only session ${pinned ? 'pinned' : 'unpinned'} (${s.seconds.toFixed(0)} s), the first stored baseline`,
  );
}
for (let t = 1; t <= TRIALS; t++) {
  const order = t % 2 === 1 ? PINS : [...PINS].reverse();
  for (const pinned of order) {
    const elapsed = ((Date.now() - started) / 60000).toFixed(1);
    console.log(
      `trial ${t}/${TRIALS} ${pinned ? 'pinned' : 'unpinned'} (${elapsed} min, load average ${loadavg()})`,
    );
    const s = await measure(
      t,
      pinned,
      SIDES.map((x) => x.label),
    );
    compareSession(s, last.get(pinned));
    last.set(pinned, s);
  }
}

// --- summary -----------------------------------------------------------------------------------
const cv = (xs: number[]) => {
  const f = xs.filter(Number.isFinite);
  return f.length > 1 ? sampleSd(f) / mean(f) : NaN;
};
const medianOf = (xs: number[]) => {
  const f = xs.filter(Number.isFinite);
  return f.length ? median(f) : NaN;
};
const show = (x: number) => (Number.isFinite(x) ? pct(x).replace(/^\+/, '') : '–');
const minutes = (Date.now() - started) / 60000;
const totalRuns = sessions.reduce((n, s) => n + s.runs, 0);
const wallPerRun = sessions.reduce((n, s) => n + s.seconds, 0) / Math.max(1, totalRuns);
console.log(`\n## Results (${minutes.toFixed(1)} min, load average ${loadavg()})\n`);
console.log(
  `${sessions.length} sessions, ${totalRuns} runs, ${wallPerRun.toFixed(2)} s of wall time per run of ${DURATION} (server starts included)\n`,
);
console.log(
  '| design | A/A false alarms | +5% detected | +10% detected | CV CPU/req | CV req/s | sd of per-pair log ratio (CPU) | median estimate +5% / +10% | load s per comparison |',
);
console.log('| :-- | --: | --: | --: | --: | --: | --: | --: | --: |');
const shownDesigns = DESIGNS.filter((d) => PINS.includes(!d.endsWith('-nopin')));
const of = (design: Design, s: Scenario) =>
  trials.filter((x) => x.design === design && x.scenario === s);
const regressions = (design: Design, s: Scenario) =>
  of(design, s).filter((x) => x.verdict === 'regression').length;
for (const design of shownDesigns) {
  const mine = trials.filter((x) => x.design === design);
  const count = (s: Scenario) => {
    const n = of(design, s).length;
    return n ? `${regressions(design, s)}/${n}` : '–';
  };
  const cvs = (pick: (t: Trial) => number[][]) =>
    show(medianOf(mine.flatMap((t) => pick(t).map(cv))));
  const dSd = design.startsWith('paired')
    ? show(medianOf(mine.map((t) => (t.d.length > 1 ? sampleSd(t.d) : NaN))))
    : '–';
  const est = (s: Scenario) => {
    const m = medianOf(of(design, s).map((x) => x.cpuChange ?? NaN));
    return Number.isFinite(m) ? pct(m) : '–';
  };
  console.log(
    `| ${design} | ${count('aa')} | ${count('b5')} | ${count('b10')} | ${cvs((t) => t.cpu)} | ${cvs((t) => t.rps)} | ${dSd} | ${est('b5')} / ${est('b10')} | ${fmt(loadPerComparison)} |`,
  );
}
console.log(
  `\nFalse alarms and detections: comparisons with a regression verdict of CPU/request (tolerance ${TOLERANCE}), per design ${TRIALS} per scenario. CV: median over the comparisons' records of the per-run coefficient of variation (kept runs). sd of per-pair log ratio: median over the paired comparisons. Load s per comparison: the load time both sides of one comparison need, 2 x (RUNS + WARMUP) x DURATION = ${fmt(loadPerComparison)} s (server starts and per-run overhead not counted); a session measures ${SIDES.length} sides (${fmt(loadPerComparison * 2)} s of load) and serves ${SCENARIOS.length} comparisons per design, its base side shared by them.`,
);
console.log('\nVerdicts per design and scenario:');
for (const design of shownDesigns)
  for (const s of SCENARIOS) {
    const counts = of(design, s).reduce<Record<string, number>>(
      (acc, x) => ({ ...acc, [x.verdict]: (acc[x.verdict] ?? 0) + 1 }),
      {},
    );
    console.log(`  ${design.padEnd(13)} ${s.padEnd(4)} ${JSON.stringify(counts)}`);
  }
console.log('');
for (const design of shownDesigns.filter((d) => d.startsWith('paired'))) {
  const n = of(design, 'b10').length;
  const hits = regressions(design, 'b10');
  const alarms = regressions(design, 'aa');
  const met = n > 0 && hits >= 0.95 * n && alarms <= 1;
  console.log(
    `Goal (${design}: +10% detected in >= 95% of A/B trials, <= 1 A/A false alarm, ${fmt(loadPerComparison)} s of load per comparison): ${met ? 'met' : 'NOT met'} (+10% ${hits}/${n}, A/A false alarms ${alarms}/${of(design, 'aa').length})`,
  );
}
if (env.KEEP) {
  const settings = { TRIALS, RUNS, WARMUP, DURATION, CPU_WORK, CONNECTIONS, TOLERANCE, RESTART };
  const meta = sessions.map(({ records: _r, ...s }) => s);
  writeFileSync(
    path.join(work, 'trials.json'),
    JSON.stringify({ settings: { ...settings, SEED, PIN }, sessions: meta, trials }, null, 2),
  );
  console.log(`\nTrials: ${path.join(work, 'trials.json')}`);
} else {
  rmSync(work, { recursive: true, force: true });
}
