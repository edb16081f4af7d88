// `npm run bench:gate`: a seeded Monte Carlo of the verdict layer. Draws per-run numbers for two
// workloads, builds results records from them and judges them with the real `compareRecords`
// (and, for adaptive sampling, the real `judgeSampling` at every look), then counts how often the
// gate cries wolf on identical code (A/A) and how often it catches an injected slowdown (power).
// The same seed always prints the same tables. The cells are exported for
// __tests__/verdict/false-alarm.test.ts.
//
//   npm run bench:gate                 # every table (a few minutes at most)
//   npm run bench:gate -- --quick      # a tenth of the trials, for a smoke check
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Thresholds } from '../src/config/resolve.ts';
import type { ResultsRecord, RunSample } from '../src/record/record.ts';
import { RECORD_VERSION } from '../src/record/record.ts';
import { createRng, randomNormal } from '../src/stats/index.ts';
import type { Rng } from '../src/stats/index.ts';
import type { MetricKey, TestRequest } from '../src/verdict/index.ts';
import type { ResolvedWorkload } from '../src/config/resolve.ts';
import {
  compareRecords,
  createPairedSamplingJudge,
  createSamplingJudge,
  DEFAULT_REQUIRED,
  gatedFamily,
  lookCounts,
} from '../src/verdict/index.ts';
import type { GatedMetric } from '../src/config/resolve.ts';
import { makeMachine, makeRun } from '../__tests__/helpers/records.ts';

/** Family-wise level of every comparison. */
export const ALPHA = 0.05;

/** The gated metrics of one workload (p90 is off, as by default): 2 workloads x 6 = 12 tests. */
export const GATED: readonly MetricKey[] = ['throughput', 'p50', 'p99', 'cpu', 'rss', 'errors'];
export const WORKLOADS = ['hello', 'json'] as const;
export const FAMILY_SIZE = GATED.length * WORKLOADS.length;

/** With bench tolerances every gated metric must be decided for a pass (the strictest reading). */
const GATED_REQUIRED: readonly GatedMetric[] = ['throughput', 'p50', 'p99', 'cpu', 'rss', 'errors'];

/** Metrics an injected slowdown hits (in the first workload, "hello"): throughput, latency, CPU. */
export const SLOWED: readonly MetricKey[] = ['throughput', 'p50', 'p99', 'cpu'];

/** How the runs scatter. */
export type NoiseModel = 'independent' | 'drift' | 'outliers';
export type Design = 'independent' | 'paired';

/** Total slowdown of the machine across one timeline under the drift model (linear). */
export const DRIFT_TOTAL = 0.06;
/** Under the outlier model each run is hit with this probability by a 30-50% slowdown. */
export const OUTLIER_RATE = 0.1;
/** Tolerance of every relative gated metric, per design; errors: 0.1 percentage points. */
export const TAU: Record<Design, number> = { independent: 0.05, paired: 0.03 };
export const ERRORS_TAU = 0.001;

/** One cell of the simulation. */
export interface Cell {
  design: Design;
  noise: NoiseModel;
  /** Run-to-run coefficient of variation of every metric (sd of the log). */
  cv: number;
  /**
   * Runs per side (independent) or pairs (paired). With `adaptive`: the stored baseline's runs
   * (independent); ignored when paired (both sides are sampled together, up to max-runs).
   */
  n: number;
  /**
   * Injected slowdown of the candidate: 0 for A/A. Applied to throughput (divided by 1 + x) and
   * p50 / p99 (multiplied by 1 + x) of the first workload, unless `atTolerance`.
   */
  effect: number;
  /** Put every relative gated metric of both workloads exactly at its tolerance (worst null). */
  atTolerance?: boolean;
  /**
   * Simulate `runs: auto`: looks at min-runs, then every 5 runs up to max-runs, with the real
   * sampling judge (createSamplingJudge; paired: createPairedSamplingJudge).
   */
  adaptive?: { minRuns: number; maxRuns: number };
  /**
   * Runner-to-runner spread: every session (record) gets one log offset drawn with this sd,
   * shared by throughput, latency and CPU (memory: half). Paired sides share their session.
   */
  sessionSd?: number;
  /**
   * Paired design: what differs between two server processes of the same code (memory layout,
   * hash seeds; sd of the log, CPU and latency alike). With `restart: 'never'` each side keeps one
   * process for the session, so the two sides differ by a constant; with 'per-run' every run has
   * a fresh process, so the difference varies from pair to pair like any other noise.
   */
  process?: { sd: number; restart: 'never' | 'per-run' };
  /** Recorded sessions in the baseline history (independent design), the newest the baseline. */
  history?: number;
  /** Judge with the product's default tolerances and required metrics instead of TAU. */
  productDefaults?: boolean;
  trials: number;
  seed: number;
}

/** What a cell measured. */
export interface CellResult {
  trials: number;
  /** Trials with at least one regression verdict (family-wise false alarms when A/A). */
  family: number;
  /** Trials in which each gated metric said regression, in at least one workload. */
  perMetric: Record<string, number>;
  /** Trials in which a slowed metric of "hello" said regression (power when effect > 0). */
  detected: number;
  /** Per slowed metric of "hello". */
  detectedBy: Record<string, number>;
  /** Trials whose overall verdict was pass / inconclusive. */
  pass: number;
  inconclusive: number;
  /** Mean candidate runs per workload (adaptive sampling). */
  meanRuns: number;
}

// ------------------------------------------------------------------------------------------
// Drawing runs

interface Centre {
  reqPerSec: number;
  p50Us: number;
  p99Us: number;
  cpuMs: number;
  rss: number;
}

const CENTRES: Record<(typeof WORKLOADS)[number], Centre> = {
  hello: { reqPerSec: 12_000, p50Us: 700, p99Us: 2_500, cpuMs: 0.35, rss: 70e6 },
  json: { reqPerSec: 9_000, p50Us: 950, p99Us: 3_200, cpuMs: 0.45, rss: 75e6 },
};

interface RunContext {
  cv: number;
  noise: NoiseModel;
  /** Position of the run on the timeline, 0..1 (drift). */
  t: number;
  /** Slowdown of the candidate on the slowed metrics (0 on the baseline side). */
  slow: number;
  /** Relative worsening applied to every relative gated metric (at-tolerance cells). */
  worse: number;
  /** Log offset of the session the run belongs to (runner-to-runner spread). */
  offset: number;
}

/**
 * One run's numbers. Log-normal noise: a run-level factor shared by throughput, latency and CPU
 * (a slow run is slow everywhere) plus metric-specific noise, each with variance cv^2 / 2, so
 * every metric has CV ~cv; RSS has its own noise. Errors: most runs have none, one in five a
 * few (exponential, mean 0.02%).
 */
function drawRun(
  rng: Rng,
  c: Centre,
  ctx: RunContext,
  tolerance?: (m: MetricKey) => number,
): Parameters<typeof makeRun>[0] {
  const half = ctx.cv / Math.SQRT2;
  const shared = randomNormal(rng, 0, half);
  const own = () => randomNormal(rng, 0, half);
  let machine = shared; // log slowdown of the machine during this run
  if (ctx.noise === 'drift') machine += Math.log1p(DRIFT_TOTAL * ctx.t);
  let cpuHit = 0;
  if (ctx.noise === 'outliers' && rng() < OUTLIER_RATE) {
    const s = 0.3 + 0.2 * rng(); // a noisy neighbour: 30-50% slower for this run
    machine += Math.log1p(s);
    cpuHit = Math.log1p(s / 3); // CPU per request suffers less (cache, frequency)
  }
  const slow = Math.log1p(ctx.slow);
  // At the tolerance on each metric's own scale: throughput x (1 - tau), the rest x (1 + tau).
  const up = (m: MetricKey) =>
    ctx.worse > 0 ? Math.log1p(tolerance ? tolerance(m) : ctx.worse) : 0;
  const down = ctx.worse > 0 ? -Math.log1p(-(tolerance ? tolerance('throughput') : ctx.worse)) : 0;
  const errorRate = rng() < 0.2 ? -0.0002 * Math.log(1 - rng()) : 0;
  const o = ctx.offset; // the session's runner: slower everywhere, memory half as much
  return {
    reqPerSec: c.reqPerSec * Math.exp(-machine - o + own() - slow - down),
    p50Us: c.p50Us * Math.exp(machine + o + own() + slow + up('p50')),
    p99Us: c.p99Us * Math.exp(machine + o + own() + slow + up('p99')),
    cpuMsPerRequest: c.cpuMs * Math.exp(machine * 0.5 + o + cpuHit + own() + slow + up('cpu')),
    peakRssBytes: c.rss * Math.exp(randomNormal(rng, 0, ctx.cv) + o / 2 + up('rss')),
    errorRate: errorRate + (ctx.worse > 0 ? ERRORS_TAU : 0),
  };
}

/** The paired design's test (TEST=sign|signed-rank|paired-t|trimmed; default auto, the product's). */
const PAIRED_TEST = (process.env.TEST ?? 'auto') as TestRequest;

/** The product's default tolerances (src/config/defaults.ts), p90 off. */
export const PRODUCT_THRESHOLDS: Thresholds = {
  throughput: 0.05,
  p50: 0.05,
  p90: null,
  p99: 0.1,
  cpu: 0.05,
  rss: 0.1,
  errors: ERRORS_TAU,
};

function thresholdsFor(design: Design, productDefaults = false): Thresholds {
  if (productDefaults) return PRODUCT_THRESHOLDS;
  const tau = TAU[design];
  return {
    throughput: tau,
    p50: tau,
    p90: null,
    p99: tau,
    cpu: tau,
    rss: tau,
    errors: ERRORS_TAU,
  };
}

/** A results record straight from run samples (the schema is not re-checked: speed). */
function record(
  design: Design,
  thresholds: Thresholds,
  runs: Record<string, RunSample[]>,
  adaptive?: Cell['adaptive'],
): ResultsRecord {
  const sampling = adaptive ? { runs: 'auto', ...adaptive } : { runs: runs.hello?.length ?? 0 };
  return {
    kind: 'perfgate-results',
    version: RECORD_VERSION,
    tool: { name: 'perfgate', version: '0.0.0-bench' },
    createdAt: '2024-01-01T00:00:00.000Z',
    commit: null,
    machine: makeMachine(),
    configHash: 'bench000000000000',
    config: { workloads: WORKLOADS.map((name) => ({ name, thresholds, ...sampling })) },
    seed: 1,
    design,
    workloads: WORKLOADS.map((name) => ({ name, runs: runs[name] ?? [] })),
  } as ResultsRecord;
}

/**
 * Timeline positions of the runs of one side. Paired: round i holds both sides of both
 * workloads in a shuffled order (4 slots), over the whole session. Independent: the baseline was
 * measured in the first half of the timeline, the candidate in the second (another time window),
 * each round holding both workloads in a shuffled order.
 */
function positions(rng: Rng, design: Design, nBase: number, nCand: number) {
  const out: Record<'base' | 'cand', Record<string, number[]>> = { base: {}, cand: {} };
  for (const w of WORKLOADS) {
    out.base[w] = [];
    out.cand[w] = [];
  }
  if (design === 'paired') {
    const slots = 2 * WORKLOADS.length;
    for (let i = 0; i < nBase; i++) {
      const order = shuffled(rng, slots);
      WORKLOADS.forEach((w, wi) => {
        out.base[w]?.push((i * slots + (order[2 * wi] as number)) / (nBase * slots));
        out.cand[w]?.push((i * slots + (order[2 * wi + 1] as number)) / (nBase * slots));
      });
    }
    return out;
  }
  const side = (n: number, start: number, target: Record<string, number[]>) => {
    const slots = WORKLOADS.length;
    for (let i = 0; i < n; i++) {
      const order = shuffled(rng, slots);
      WORKLOADS.forEach((w, wi) => {
        target[w]?.push(start + (0.5 * (i * slots + (order[wi] as number))) / (n * slots));
      });
    }
  };
  side(nBase, 0, out.base);
  side(nCand, 0.5, out.cand);
  return out;
}

function shuffled(rng: Rng, n: number): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [a[i], a[j]] = [a[j] as number, a[i] as number];
  }
  return a;
}

// ------------------------------------------------------------------------------------------
// Running a cell

/** Simulates one cell: `trials` comparisons of freshly drawn records. */
export function runCell(cell: Cell): CellResult {
  const rng = createRng(cell.seed);
  const thresholds = thresholdsFor(cell.design, cell.productDefaults);
  const tauOf = (m: MetricKey) =>
    cell.productDefaults ? (PRODUCT_THRESHOLDS[m as keyof Thresholds] ?? 0) : TAU[cell.design];
  const sessionSd = cell.sessionSd ?? 0;
  const historyLength = Math.max(1, cell.history ?? 1);
  const res: CellResult = {
    trials: cell.trials,
    family: 0,
    perMetric: Object.fromEntries(GATED.map((m) => [m, 0])),
    detected: 0,
    detectedBy: Object.fromEntries(SLOWED.map((m) => [m, 0])),
    pass: 0,
    inconclusive: 0,
    meanRuns: 0,
  };
  const nCandMax = cell.adaptive ? cell.adaptive.maxRuns : cell.n;
  const nBase = cell.adaptive && cell.design === 'paired' ? nCandMax : cell.n;
  let runsUsed = 0;
  for (let trial = 0; trial < cell.trials; trial++) {
    const pos = positions(rng, cell.design, nBase, nCandMax);
    const base: Record<string, RunSample[]> = {};
    const cand: Record<string, RunSample[]> = {};
    const paired = cell.design === 'paired';
    // One offset per session: the baseline's, the candidate's (the same session when paired),
    // and one for each older record of the history.
    const session = randomNormal(rng, 0, sessionSd);
    const proc = cell.process;
    const sideProcess = () =>
      paired && proc?.restart === 'never' ? randomNormal(rng, 0, proc.sd) : 0;
    const runProcess = () =>
      paired && proc?.restart === 'per-run' ? randomNormal(rng, 0, proc.sd) : 0;
    const baseOffset = session + sideProcess();
    const candOffset = paired ? session + sideProcess() : randomNormal(rng, 0, sessionSd);
    const olderOffsets = paired
      ? []
      : Array.from({ length: historyLength - 1 }, () => randomNormal(rng, 0, sessionSd));
    const older: Record<string, RunSample[]>[] = olderOffsets.map(() => ({}));
    WORKLOADS.forEach((w, wi) => {
      const ctx = (
        t: number,
        candidate: boolean,
        offset: number,
        m: MetricKey = 'throughput',
      ): RunContext => ({
        cv: cell.cv,
        noise: cell.noise,
        t,
        slow: candidate && wi === 0 ? cell.effect : 0,
        worse: candidate && cell.atTolerance ? tauOf(m) || 1 : 0,
        offset,
      });
      const mk = (ts: number[], candidate: boolean, offset: number) =>
        ts.map((t, i) => {
          const numbers = drawRun(
            rng,
            CENTRES[w],
            ctx(t, candidate, offset + runProcess()),
            cell.atTolerance && candidate ? tauOf : undefined,
          );
          if (paired) (numbers as { pair?: number }).pair = i;
          return makeRun(numbers, i);
        });
      base[w] = mk(pos.base[w] ?? [], false, baseOffset);
      cand[w] = mk(pos.cand[w] ?? [], true, candOffset);
      olderOffsets.forEach((o, k) => {
        (older[k] as Record<string, RunSample[]>)[w] = mk(pos.base[w] ?? [], false, o);
      });
    });
    const baseRecord = record(cell.design, thresholds, base);
    const history = [baseRecord, ...older.map((o) => record(cell.design, thresholds, o))];
    const required = cell.productDefaults ? undefined : GATED_REQUIRED;
    if (cell.adaptive) {
      const judge = paired
        ? createPairedSamplingJudge({
            alpha: ALPHA,
            test: PAIRED_TEST,
            family: gatedFamily(
              WORKLOADS.map(() => ({ thresholds })),
              required ?? DEFAULT_REQUIRED,
            ),
            required,
          })
        : createSamplingJudge(baseRecord, { alpha: ALPHA, history, required });
      for (const w of WORKLOADS) {
        const all = cand[w] as RunSample[];
        const partner = base[w] as RunSample[];
        const workload = { name: w, thresholds, ...cell.adaptive } as ResolvedWorkload;
        let used = all.length;
        for (const k of lookCounts(cell.adaptive)) {
          const stop = judge(workload, all.slice(0, k), paired ? partner.slice(0, k) : undefined);
          if (stop !== null) {
            used = k;
            break;
          }
        }
        cand[w] = all.slice(0, used);
        if (paired) base[w] = partner.slice(0, used);
        runsUsed += used;
      }
    }
    const c = compareRecords(
      paired ? record(cell.design, thresholds, base) : baseRecord,
      record(cell.design, thresholds, cand, cell.adaptive),
      {
        alpha: ALPHA,
        design: cell.design,
        history,
        required,
        ...(paired ? { test: PAIRED_TEST } : {}),
      },
    );
    if (c.familySize !== FAMILY_SIZE) {
      throw new Error(`expected a family of ${FAMILY_SIZE} gated tests, got ${c.familySize}`);
    }
    if (c.verdict === 'pass') res.pass++;
    if (c.verdict === 'inconclusive') res.inconclusive++;
    const flagged = new Set<string>();
    let detected = false;
    c.workloads.forEach((wc, wi) => {
      for (const m of wc.metrics) {
        if (m.status !== 'regression') continue;
        flagged.add(m.metric);
        if (wi === 0 && SLOWED.includes(m.metric)) {
          detected = true;
          res.detectedBy[m.metric] = (res.detectedBy[m.metric] ?? 0) + 1;
        }
      }
    });
    if (flagged.size > 0) res.family++;
    if (detected) res.detected++;
    for (const m of flagged) res.perMetric[m] = (res.perMetric[m] ?? 0) + 1;
  }
  res.meanRuns = cell.adaptive ? runsUsed / (cell.trials * WORKLOADS.length) : cell.n;
  return res;
}

// ------------------------------------------------------------------------------------------
// Binomial bounds

function logBinomialPmf(k: number, n: number, p: number): number {
  let lc = 0;
  for (let i = 1; i <= k; i++) lc += Math.log((n - k + i) / i);
  return lc + k * Math.log(p) + (n - k) * Math.log1p(-p);
}

/** P(X <= k) for X ~ Binomial(n, p). */
export function binomialCdf(k: number, n: number, p: number): number {
  if (p <= 0) return 1;
  if (p >= 1) return k >= n ? 1 : 0;
  let s = 0;
  for (let i = 0; i <= k; i++) s += Math.exp(logBinomialPmf(i, n, p));
  return Math.min(1, s);
}

/** One-sided Clopper-Pearson upper bound on a rate after k events in n trials. */
export function upperBound(k: number, n: number, confidence = 0.95): number {
  if (k >= n) return 1;
  let lo = k / n;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (binomialCdf(k, n, mid) > 1 - confidence) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** P(X >= k) when the true rate is p: small means the rate is significantly above p. */
export function binomialUpperTail(k: number, n: number, p: number): number {
  return k <= 0 ? 1 : 1 - binomialCdf(k - 1, n, p);
}

// ------------------------------------------------------------------------------------------
// The plan: every cell, with a seed derived from its name (so a cell's numbers do not depend on
// which other cells run, nor on their order or the number of worker threads).

const CVS = [0.01, 0.03, 0.05, 0.1];
const NS = [5, 10, 20];
const NOISES: readonly NoiseModel[] = ['independent', 'drift', 'outliers'];
const DESIGNS: readonly Design[] = ['independent', 'paired'];
const EFFECTS = [0.02, 0.05, 0.1, 0.2];
const ADAPTIVE = { minRuns: 5, maxRuns: 20 };
const ADAPTIVE_EFFECTS = [0.05, 0.1, 0.2];

/** Trials per cell. */
export interface Budget {
  aa: number;
  power: number;
  /** The power target's cell (paired, CV 3%, 10 pairs, +10%). */
  target: number;
  tolerance: number;
  adaptive: number;
  adaptivePower: number;
}

const FULL: Budget = {
  aa: 500,
  power: 60,
  target: 500,
  tolerance: 300,
  adaptive: 300,
  adaptivePower: 60,
};
const QUICK: Budget = {
  aa: 50,
  power: 10,
  target: 50,
  tolerance: 30,
  adaptive: 30,
  adaptivePower: 10,
};

/** 32-bit FNV-1a hash of a cell's name: its seed. */
function seedOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

interface Job {
  id: string;
  cell: Cell;
}

const key = (parts: (string | number)[]) => parts.join('/');

function planJobs(b: Budget): Job[] {
  const jobs: Job[] = [];
  const add = (id: string, cell: Omit<Cell, 'seed'>) =>
    jobs.push({ id, cell: { ...cell, seed: seedOf(id) } });
  for (const design of DESIGNS) {
    for (const noise of NOISES) {
      for (const cv of CVS) {
        for (const n of NS) {
          const base = { design, noise, cv, n };
          add(key(['aa', design, noise, cv, n]), { ...base, effect: 0, trials: b.aa });
          for (const effect of EFFECTS) {
            const target =
              design === 'paired' && noise === 'independent' && cv === 0.03 && n === 10;
            const trials = target && effect === 0.1 ? b.target : b.power;
            add(key(['power', design, noise, cv, n, effect]), { ...base, effect, trials });
          }
          if ((cv === 0.03 || cv === 0.1) && toleranceIsNull(design, noise)) {
            add(key(['tolerance', design, noise, cv, n]), {
              ...base,
              effect: 0,
              atTolerance: true,
              trials: b.tolerance,
            });
          }
        }
      }
    }
  }
  for (const design of DESIGNS)
    for (const noise of NOISES) {
      for (const cv of CVS) {
        const base = { design, noise, cv, n: 10, adaptive: ADAPTIVE };
        add(key(['adaptive-aa', design, noise, cv]), { ...base, effect: 0, trials: b.adaptive });
        if (toleranceIsNull(design, noise)) {
          add(key(['adaptive-tolerance', design, noise, cv]), {
            ...base,
            effect: 0,
            atTolerance: true,
            trials: b.adaptive,
          });
        }
        for (const effect of ADAPTIVE_EFFECTS) {
          add(key(['adaptive-power', design, noise, cv, effect]), {
            ...base,
            effect,
            trials: b.adaptivePower,
          });
        }
      }
    }
  return jobs;
}

/**
 * Whether "every change at its tolerance" is still a null: not for unpaired drift, where the
 * time between the two windows adds ~3% of its own on top (a real difference the gate must see).
 */
function toleranceIsNull(design: Design, noise: NoiseModel): boolean {
  return !(design === 'independent' && noise === 'drift');
}

/** Rough cost of a cell, to hand the big ones out first. */
function cost(c: Cell): number {
  return c.trials * (c.adaptive ? 3 * c.adaptive.maxRuns : c.n + 10);
}

/** Runs every job, on worker threads when there is more than one core. */
async function runJobs(jobs: Job[], threads: number): Promise<Map<string, CellResult>> {
  const results = new Map<string, CellResult>();
  const queue = [...jobs].sort((a, b) => cost(b.cell) - cost(a.cell));
  if (threads <= 1) {
    for (const j of queue) results.set(j.id, runCell(j.cell));
    return results;
  }
  const total = queue.length;
  await Promise.all(
    Array.from({ length: threads }, () => {
      // A worker thread does not inherit tsx's loader: register it, then load this file.
      const bootstrap = `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))};
register();
await import(${JSON.stringify(import.meta.url)});`;
      const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), {
        workerData: { benchGateWorker: true },
      });
      return new Promise<void>((resolve, reject) => {
        let current: Job | undefined;
        const next = () => {
          current = queue.shift();
          if (current) worker.postMessage(current.cell);
          else void worker.terminate().then(() => resolve());
        };
        worker.on('message', (r: CellResult) => {
          if (current) results.set(current.id, r);
          if (results.size % 25 === 0) process.stderr.write(`  ${results.size}/${total} cells\n`);
          next();
        });
        worker.on('error', reject);
        next();
      });
    }),
  );
  return results;
}

// ------------------------------------------------------------------------------------------
// Tables

const pct = (x: number, digits = 1) => `${(100 * x).toFixed(digits)}%`;
const designLabel = (d: Design) =>
  d === 'paired' ? `paired, tau ${pct(TAU.paired, 0)}` : `unpaired, tau ${pct(TAU.independent, 0)}`;

function table(header: string[], rows: string[][], textColumns: number): string {
  const align = header.map((_, i) => (i < textColumns ? ':--' : '--:'));
  return [header, align, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/** Not significantly above alpha: P(X >= k | alpha) >= 1%. */
function consistentWithAlpha(r: CellResult): boolean {
  return binomialUpperTail(r.family, r.trials, ALPHA) >= 0.01;
}

function familyCell(r: CellResult): string {
  return `**${pct(r.family / r.trials)}**`;
}

interface Report {
  lines: string[];
  misses: string[];
}

function aaTable(res: Map<string, CellResult>, out: Report): void {
  const rows: string[][] = [];
  for (const design of DESIGNS) {
    for (const noise of NOISES) {
      for (const cv of CVS) {
        for (const n of NS) {
          const r = res.get(key(['aa', design, noise, cv, n])) as CellResult;
          const ok = consistentWithAlpha(r) && r.family / r.trials <= ALPHA;
          if (!ok) {
            out.misses.push(
              `A/A, ${designLabel(design)}, ${noise}, CV ${pct(cv, 0)}, n ${n}: family ${pct(r.family / r.trials)}`,
            );
          }
          rows.push([
            designLabel(design),
            noise,
            `${pct(cv, 0)} / ${n}`,
            String(r.trials),
            ...GATED.map((m) => pct((r.perMetric[m] ?? 0) / r.trials)),
            familyCell(r),
            pct(upperBound(r.family, r.trials)),
            pct(r.inconclusive / r.trials, 0),
            ok ? 'yes' : '**no**',
          ]);
        }
      }
    }
  }
  out.lines.push(
    '### A/A false alarms (12 gated tests, alpha 5%)',
    '',
    'Identical code on both sides. Per metric: trials in which that metric said regression in',
    'either workload. Family: trials with at least one regression among the 12 (the gate fails).',
    'Upper: one-sided 95% Clopper-Pearson bound on the family rate. OK: the family rate is at',
    'most alpha and not significantly above it (binomial tail P(X >= k | 5%) >= 1%). Inconcl.:',
    'trials whose overall verdict was inconclusive (a warning, not a failure): with few runs and',
    'a lot of noise the gate cannot prove "no change" either, and says so.',
    '',
    table(
      [
        'design',
        'noise',
        'CV / n',
        'trials',
        ...GATED.map((m) => (m === 'throughput' ? 'req/s' : m)),
        'family',
        'upper',
        'inconcl.',
        'OK',
      ],
      rows,
      3,
    ),
    '',
  );
}

function powerTable(res: Map<string, CellResult>, out: Report): void {
  const rows: string[][] = [];
  for (const design of DESIGNS) {
    for (const noise of NOISES) {
      for (const cv of CVS) {
        for (const n of NS) {
          const cells = EFFECTS.map(
            (effect) => res.get(key(['power', design, noise, cv, n, effect])) as CellResult,
          );
          const target = design === 'paired' && noise === 'independent' && cv === 0.03 && n === 10;
          const hit = cells[2] as CellResult;
          if (target && hit.detected / hit.trials < 0.95) {
            out.misses.push(
              `power, paired, CV 3%, 10 pairs, +10%: ${pct(hit.detected / hit.trials)}`,
            );
          }
          rows.push([
            designLabel(design),
            noise,
            `${pct(cv, 0)} / ${n}`,
            [...new Set(cells.map((r) => r.trials))].join(', '),
            ...cells.map((r, i) => {
              const text = `${pct(r.detected / r.trials, 0)} (${pct((r.detectedBy.throughput ?? 0) / r.trials, 0)} / ${pct((r.detectedBy.p50 ?? 0) / r.trials, 0)})`;
              return target && i === 2 ? `**${text}**` : text;
            }),
          ]);
        }
      }
    }
  }
  out.lines.push(
    '### Power: an injected slowdown of +2 / 5 / 10 / 20%',
    '',
    'The candidate of workload "hello" is slower by x: req/s divided by 1 + x, p50 and p99',
    'multiplied by 1 + x; everything else unchanged. Each cell: trials in which at least one of',
    'those three metrics said regression (in brackets: req/s alone / p50 alone). A slowdown below',
    "the tolerance is not meant to fail the gate (it is then a false alarm in the user's terms).",
    'Target in bold: paired, CV 3%, 10 pairs, +10%: at least 95%.',
    '',
    table(['design', 'noise', 'CV / n', 'trials', '+2%', '+5%', '+10%', '+20%'], rows, 3),
    '',
  );
}

function toleranceTable(res: Map<string, CellResult>, out: Report): void {
  const rows: string[][] = [];
  for (const design of DESIGNS) {
    for (const noise of NOISES) {
      for (const cv of [0.03, 0.1]) {
        for (const n of NS) {
          if (!toleranceIsNull(design, noise)) continue;
          const r = res.get(key(['tolerance', design, noise, cv, n])) as CellResult;
          const ok = consistentWithAlpha(r);
          if (!ok) {
            out.misses.push(
              `at the tolerance, ${designLabel(design)}, ${noise}, CV ${pct(cv, 0)}, n ${n}: family ${pct(r.family / r.trials)}`,
            );
          }
          rows.push([
            designLabel(design),
            noise,
            `${pct(cv, 0)} / ${n}`,
            String(r.trials),
            familyCell(r),
            pct(upperBound(r.family, r.trials)),
            ok ? 'yes' : '**no**',
          ]);
        }
      }
    }
  }
  out.lines.push(
    '### The hardest null: every change exactly at its tolerance',
    '',
    'Every relative gated metric of both workloads is worse by exactly tau, and the error rate',
    'higher by exactly 0.1 pp: the largest change the gate must still let through. The family',
    'rate must stay at or below alpha here too (the test is calibrated at the boundary). Not run',
    'for unpaired drift: there the gap between the two time windows adds ~3% of its own, so the',
    'true change exceeds the tolerance and a regression verdict is right.',
    '',
    table(['design', 'noise', 'CV / n', 'trials', 'family', 'upper', 'OK'], rows, 3),
    '',
  );
}

function adaptiveTable(res: Map<string, CellResult>, out: Report): void {
  const rows: string[][] = [];
  for (const design of DESIGNS)
    for (const noise of NOISES) {
      for (const cv of CVS) {
        const aa = res.get(key(['adaptive-aa', design, noise, cv])) as CellResult;
        const tol = res.get(key(['adaptive-tolerance', design, noise, cv]));
        const power = ADAPTIVE_EFFECTS.map(
          (e) => res.get(key(['adaptive-power', design, noise, cv, e])) as CellResult,
        );
        const checks: [string, CellResult][] = [['A/A', aa]];
        if (tol) checks.push(['at the tolerance', tol]);
        for (const [name, r] of checks) {
          if (!consistentWithAlpha(r) || (name === 'A/A' && r.family / r.trials > ALPHA)) {
            out.misses.push(
              `adaptive ${name}, ${designLabel(design)}, ${noise}, CV ${pct(cv, 0)}: ${pct(r.family / r.trials)}`,
            );
          }
        }
        rows.push([
          designLabel(design),
          noise,
          pct(cv, 0),
          `${aa.trials}, ${power[0]?.trials}`,
          `${familyCell(aa)} (<= ${pct(upperBound(aa.family, aa.trials))})`,
          aa.meanRuns.toFixed(1),
          tol
            ? `${pct(tol.family / tol.trials)} (<= ${pct(upperBound(tol.family, tol.trials))})`
            : 'n/a',
          ...power.map((r) => `${pct(r.detected / r.trials, 0)}, ${r.meanRuns.toFixed(1)} runs`),
        ]);
      }
    }
  out.lines.push(
    '### Adaptive sampling (`runs: auto`, min-runs 5, max-runs 20: looks at 5, 10, 15, 20)',
    '',
    'Unpaired: a stored baseline of 10 runs, the candidate sampled adaptively; paired: both sides',
    'sampled pair by pair. At each look the real sampling judge (`createSamplingJudge`, paired',
    '`createPairedSamplingJudge`) decides per workload whether to stop: a clear regression at the',
    "early looks' share of alpha, or a clear pass. The final verdict is `compareRecords` on the",
    'kept runs, at the alpha the early looks left. A/A runs: mean candidate runs (pairs) per',
    'workload. Power cells: detection rate (as above) and mean runs per workload. Trials: A/A and',
    'at-tolerance rows, power rows.',
    '',
    table(
      [
        'design',
        'noise',
        'CV',
        'trials',
        'A/A family',
        'A/A runs',
        'at tolerance',
        '+5%',
        '+10%',
        '+20%',
      ],
      rows,
      3,
    ),
    '',
  );
}

/** Runs the plan and prints every table as markdown; the exit code says whether targets hold. */
export async function main(argv: readonly string[]): Promise<number> {
  const quick = argv.includes('--quick');
  const threadArg = argv.find((a) => a.startsWith('--threads='));
  const threads = threadArg ? Number(threadArg.slice(10)) : Math.min(4, availableParallelism());
  const budget = quick ? QUICK : FULL;
  const started = performance.now();
  const jobs = planJobs(budget);
  const trials = jobs.reduce((s, j) => s + j.cell.trials, 0);
  process.stderr.write(`bench:gate: ${jobs.length} cells, ${trials} trials, ${threads} threads\n`);
  const res = await runJobs(jobs, threads);
  const out: Report = { lines: [], misses: [] };
  out.lines.push(
    `## Verdict-layer Monte Carlo (\`npm run bench:gate${quick ? ' -- --quick' : ''}\`)`,
    '',
    `Family: ${WORKLOADS.length} workloads x ${GATED.length} gated metrics (${GATED.join(', ')}) =`,
    `${FAMILY_SIZE} one-sided tests, Holm at alpha ${ALPHA}, judged by the real \`compareRecords\`.`,
    `Unpaired: a stored baseline, every relative tolerance ${pct(TAU.independent, 0)}; paired: same-runner`,
    `pairs, every relative tolerance ${pct(TAU.paired, 0)}; errors: +0.1 pp. Noise: log-normal with the given CV`,
    'per run and metric (a slow run is slow on every metric); drift: the machine slows linearly by',
    `${pct(DRIFT_TOTAL, 0)} over the timeline (paired: one interleaved session; unpaired: the baseline in the`,
    'first half, the candidate in the second, so the sides differ by ~3% on average); outliers:',
    `each run has a ${pct(OUTLIER_RATE, 0)} chance of a 30-50% slowdown. Seeds are fixed: the numbers replay`,
    `exactly. ${jobs.length} cells, ${trials} trials.`,
    '',
  );
  aaTable(res, out);
  powerTable(res, out);
  toleranceTable(res, out);
  adaptiveTable(res, out);
  out.lines.push(
    out.misses.length
      ? `Targets missed:\n\n${out.misses.map((m) => `- ${m}`).join('\n')}`
      : 'Every target met: no family false-alarm rate above alpha (nor significantly above it at the tolerance), and the power target reached.',
    '',
    `Time: ${((performance.now() - started) / 1000).toFixed(0)} s on ${threads} thread${threads === 1 ? '' : 's'}.`,
  );
  console.log(out.lines.join('\n'));
  return out.misses.length ? 1 : 0;
}

if (!isMainThread && (workerData as { benchGateWorker?: boolean } | null)?.benchGateWorker) {
  parentPort?.on('message', (cell: Cell) => parentPort?.postMessage(runCell(cell)));
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
