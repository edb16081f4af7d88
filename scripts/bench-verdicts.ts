// `npm run bench:verdicts`: what a user of the same-runner design sees on this machine, with
// perfgate's default gate settings. Each trial measures the base build and a candidate side by
// side exactly as `gate.compare-to: base` does on a pull request (executePairedRun: fresh
// servers, both builds loaded at once by default (gate.pairing: auto, a duet; PAIRING=alternate:
// one after the other in a shuffled order), the automatic pinning plan, the paired sampling
// judge), then judges
// with compareRecords' defaults (signed-rank, gate.required, Holm). Two candidates per trial:
// identical code (A/A) and +10% CPU time per request: the burn of the candidate is scaled by
// SCALE (default 1.12 for the Node fixture, whose burn is ~86% of a request's CPU, so +12% of
// burn measured +10% of CPU/req alternating; in a duet 1.105 measured +9.2-10.0%; 1.11 for the threaded Python server, 1.10 for asyncio). The
// measured CPU/req change of the candidate is printed, so the calibration can be checked. Servers: the Node fixture
// (fixtures/server.mjs), the Python standard-library server with a thread per connection
// (fixtures/servers/python_server.py) or its single-threaded asyncio peer
// (fixtures/servers/python_async_server.py, the event-loop model of uvicorn-style services), all
// burning CPU_WORK units per request. NEIGHBOUR=1 runs a noisy neighbour meanwhile: a
// process that burns CPU in random bursts (50-400 ms on, 50-600 ms off) on the same cores, as
// another job on a shared runner does.
//
// Prints a line per comparison and, per candidate: verdicts (green pass / inconclusive /
// regression), the +10% detection rate, mean pairs and load seconds per comparison.
//
//   npm run bench:verdicts                                   # node, quiet, 20 trials
//   SERVER=python NEIGHBOUR=1 npm run bench:verdicts
//   TRIALS=3 DURATION=300ms npm run bench:verdicts           # a smoke test
//
// Env: TRIALS (20), SERVER (node | python | python-async), SCALE (see above), NEIGHBOUR (0 | 1), DURATION per run (1s; the
// product default is 10s, shortened so 20 trials fit in tens of minutes), RUNS (auto, the default; or a count),
// CPU_WORK (300 node, 3000 python), CONNECTIONS (10), SEED (1), PAIRS (1: print each run's CPU/req
// and each pair's head/base ratio), PAIRING (gate.pairing: auto, the default, which is a duet in a
// pull request's gate: both builds loaded at once on the same CPU; alternate: one run after the other), RESTART (never, the default; per-run: fresh servers for
// every run, so that what differs between two processes of the same code varies from pair to pair).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLoadRunner } from '../src/load/load-runner.ts';
import { executePairedRun } from '../src/run/execute-run.ts';
import { effectivePairing } from '../src/config/gate-schema.ts';
import { loadRunConfig } from '../src/config/load-run-config.ts';
import { withPairing } from '../src/gate/plan.ts';
import type { SessionDeps } from '../src/run/session-deps.ts';
import { planPinning } from '../src/same-runner/pinning.ts';
import { startServer } from '../src/server/start-server.ts';
import { compareRecords, createPairedSamplingJudge, gatedFamily } from '../src/verdict/index.ts';
import type { Comparison } from '../src/verdict/index.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
const TRIALS = Number(env.TRIALS ?? 20);
const SERVER = env.SERVER ?? 'node';
const NEIGHBOUR = env.NEIGHBOUR === '1';
const DURATION = env.DURATION ?? '1s';
const RUNS = env.RUNS ?? 'auto';
const PYTHON = SERVER.startsWith('python');
const CPU_WORK = Number(env.CPU_WORK ?? (PYTHON ? 3000 : 300));
const CONNECTIONS = Number(env.CONNECTIONS ?? 10);
const SEED = Number(env.SEED ?? 1);
const PAIRS = env.PAIRS === '1';
const PAIRING = env.PAIRING ?? 'auto';
const RESTART = env.RESTART ?? 'never';
const SCALES: Record<string, number> = { node: 1.12, python: 1.11, 'python-async': 1.1 };
const SCALE = Number(env.SCALE ?? SCALES[SERVER] ?? 1.1);
const scripts: Record<string, string> = {
  node: 'fixtures/server.mjs',
  python: 'fixtures/servers/python_server.py',
  'python-async': 'fixtures/servers/python_async_server.py',
};
const script = scripts[SERVER];
if (!script) throw new Error('SERVER must be node, python or python-async');

const work = mkdtempSync(path.join(os.tmpdir(), 'pg-verdicts-'));
const command = `${PYTHON ? 'python3' : 'node'} ${path.join(root, script)}`;
const ready = PYTHON
  ? `{ log: listening, timeout: 10s }`
  : `{ url: 'http://127.0.0.1:{{port}}/health', timeout: 10s }`;
const configFile = path.join(work, 'perfgate.yml');
writeFileSync(
  configFile,
  `server:
  command: ${command}
  port: auto
  restart: ${RESTART}
  env: { PORT: '{{port}}', CPU_WORK: '${CPU_WORK}' }
  ready: ${ready}
defaults: { connections: ${CONNECTIONS}, duration: ${DURATION}, runs: ${RUNS} }
gate: { pairing: ${PAIRING} }
workloads:
  - name: hello
    path: /
`,
);
// As a pull request's gate decides it (its record never becomes the baseline, and the config sets
// no objectives): auto is a duet, whose latency is shown but not gated.
const loaded = await loadRunConfig(configFile);
const config = withPairing(
  loaded,
  effectivePairing(loaded.resolved.gate.pairing, {
    recordsBaseline: false,
    absoluteObjectives: false,
  }),
);
const gate = config.resolved.gate;
const loadgen = path.join(root, 'dist/loadgen.js');
const deps: SessionDeps = {
  startServer,
  load: createLoadRunner(existsSync(loadgen) ? { workerArgs: [loadgen] } : {}),
  now: Date.now,
};
const plan = planPinning(config.resolved);

/** A noisy neighbour: bursts of CPU on a random core, until stopped. */
function startNeighbour(): ChildProcess {
  const script = `
    let on = true;
    const burn = (ms) => { const end = Date.now() + ms; while (Date.now() < end) Math.sqrt(Math.random()); };
    const tick = () => { burn(50 + Math.random() * 350); setTimeout(tick, 50 + Math.random() * 550); };
    tick();`;
  return spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
}

function median(xs: number[]): number | undefined {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length === 0
    ? undefined
    : s.length % 2
      ? s[mid]
      : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

function verdictOf(c: Comparison): string {
  return c.verdict === 'pass' ? 'pass' : c.verdict;
}

const neighbours = NEIGHBOUR ? [startNeighbour(), startNeighbour()] : [];
const stop = () => neighbours.forEach((n) => n.kill('SIGKILL'));
process.on('exit', stop);
// Ctrl-C or SIGTERM ends the session through its signal, so its servers are stopped.
const abort = new AbortController();
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => abort.abort());
const tally: Record<
  string,
  {
    pass: number;
    inconclusive: number;
    regression: number;
    pairs: number;
    seconds: number;
    changes: number[];
  }
> = {};
const t0 = Date.now();
console.log(
  `# bench:verdicts: ${SERVER} server, ${NEIGHBOUR ? 'with a noisy neighbour' : 'quiet'}, ${TRIALS} trials, runs ${RUNS} of ${DURATION}, candidate burn x${SCALE}, ${plan.description}, restart ${RESTART}`,
);
try {
  for (let trial = 0; trial < TRIALS; trial++) {
    for (const [label, scale] of [
      ['A/A', 1],
      ['+10% CPU', SCALE],
    ] as const) {
      const server = config.resolved.server;
      const head = {
        ...config,
        resolved: {
          ...config.resolved,
          server: { ...server, env: { ...server.env, CPU_SCALE: String(scale) } },
        },
      };
      const judge = createPairedSamplingJudge({
        alpha: gate.alpha,
        required: gate.required,
        family: gatedFamily(config.resolved.workloads, gate.required),
      });
      const started = Date.now();
      const { base, head: cand } = await executePairedRun(
        head,
        {
          server: { ...server, env: { ...server.env, CPU_SCALE: '1' } },
          commit: { sha: 'base', ref: null, dirty: false },
        },
        deps,
        {
          seed: SEED + trial * 2 + (scale === 1 ? 0 : 1),
          logDir: path.join(work, `logs-${trial}-${scale}`),
          judge,
          signal: abort.signal,
        },
        plan,
      );
      const seconds = (Date.now() - started) / 1000;
      const c = compareRecords(base, cand, {
        alpha: gate.alpha,
        design: 'paired',
        required: gate.required,
      });
      const t = (tally[label] ??= {
        pass: 0,
        inconclusive: 0,
        regression: 0,
        pairs: 0,
        seconds: 0,
        changes: [],
      });
      t[verdictOf(c) as 'pass' | 'inconclusive' | 'regression']++;
      const pairs = c.workloads[0]?.runs.candidate ?? 0;
      t.pairs += pairs;
      t.seconds += seconds;
      const cpu = c.workloads[0]?.metrics.find((m) => m.metric === 'cpu');
      if (cpu?.change != null) t.changes.push(cpu.change);
      if (PAIRS) {
        const runs = (r: typeof base) => (r.workloads[0]?.runs ?? []).filter((x) => !x.warmup);
        const ms = (r: typeof base) => runs(r).map((x) => (x.cpuMsPerRequest ?? NaN).toFixed(3));
        const ratios = runs(cand).map((x, i) => {
          const b = runs(base)[i]?.cpuMsPerRequest ?? NaN;
          return `${(((x.cpuMsPerRequest ?? NaN) / b - 1) * 100).toFixed(1)}%`;
        });
        console.log(
          `  base CPU ms/req ${ms(base).join(' ')}\n  head CPU ms/req ${ms(cand).join(' ')}`,
        );
        console.log(`  head/base per pair ${ratios.join(' ')}`);
      }
      console.log(
        `trial ${trial + 1} ${label}: ${c.verdict} (${pairs} pairs, ${seconds.toFixed(0)} s) cpu ${((cpu?.change ?? NaN) * 100).toFixed(1)}% [${(cpu?.interval ?? [NaN, NaN]).map((x) => (x * 100).toFixed(1)).join(', ')}] ${cpu?.status}; ${c.headline}`,
      );
    }
  }
} finally {
  stop();
  rmSync(work, { recursive: true, force: true });
}
console.log(
  '\n| candidate | green pass | inconclusive | regression | mean pairs | load s / comparison | CPU/req change: median (min, max) |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- |');
const pct = (x: number | undefined) => `${((x ?? NaN) * 100).toFixed(1)}%`;
for (const [label, t] of Object.entries(tally)) {
  const n = t.pass + t.inconclusive + t.regression;
  console.log(
    `| ${label} | ${t.pass}/${n} | ${t.inconclusive}/${n} | ${t.regression}/${n} | ${(t.pairs / n).toFixed(1)} | ${(t.seconds / n).toFixed(0)} | ${pct(median(t.changes))} (${pct(Math.min(...t.changes))}, ${pct(Math.max(...t.changes))}) |`,
  );
}
console.log(`\nwall time ${((Date.now() - t0) / 60000).toFixed(1)} min`);
