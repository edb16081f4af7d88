// `npm run bench:gate`: a seeded Monte Carlo of the verdict layer. Draws per-run numbers for two
// workloads, builds results records from them and judges them with the real `compareRecords`
// (and, for adaptive sampling, the real `judgeSampling` at every look), then counts how often the
// gate cries wolf on identical code (A/A) and how often it catches an injected slowdown (power).
// The same seed always prints the same tables. The cells are exported for
// __tests__/verdict/false-alarm.test.ts.
//
//   npm run bench:gate                 # every table (a few minutes at most)
//   npm run bench:gate -- --quick      # a tenth of the trials, for a smoke check
import { pathToFileURL } from 'node:url';
import type { Thresholds } from '../src/config/resolve.ts';
import type { ResultsRecord, RunSample } from '../src/run/record.ts';
import { RECORD_VERSION } from '../src/run/record.ts';
import { createRng, randomNormal } from '../src/stats/index.ts';
import type { Rng } from '../src/stats/index.ts';
import type { MetricKey } from '../src/verdict/index.ts';
import { compareRecords, judgeSampling, plannedLooks } from '../src/verdict/index.ts';
import { makeMachine, makeRun } from '../__tests__/helpers/records.ts';

/** Family-wise level of every comparison. */
export const ALPHA = 0.05;

/** The gated metrics of one workload (p90 is off, as by default): 2 workloads x 6 = 12 tests. */
export const GATED: readonly MetricKey[] = ['throughput', 'p50', 'p99', 'cpu', 'rss', 'errors'];
export const WORKLOADS = ['hello', 'json'] as const;
export const FAMILY_SIZE = GATED.length * WORKLOADS.length;

/** Metrics an injected slowdown hits (in the first workload, "hello"): throughput and latency. */
export const SLOWED: readonly MetricKey[] = ['throughput', 'p50', 'p99'];

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
  /** Runs per side (independent) or pairs (paired); with `adaptive`, the baseline's runs. */
  n: number;
  /**
   * Injected slowdown of the candidate: 0 for A/A. Applied to throughput (divided by 1 + x) and
   * p50 / p99 (multiplied by 1 + x) of the first workload, unless `atTolerance`.
   */
  effect: number;
  /** Put every relative gated metric of both workloads exactly at its tolerance (worst null). */
  atTolerance?: boolean;
  /** Simulate `runs: auto` (unpaired): looks at 5, 10, 15, 20 candidate runs with judgeSampling. */
  adaptive?: { minRuns: number; maxRuns: number };
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
}

/**
 * One run's numbers. Log-normal noise: a run-level factor shared by throughput, latency and CPU
 * (a slow run is slow everywhere) plus metric-specific noise, each with variance cv^2 / 2, so
 * every metric has CV ~cv; RSS has its own noise. Errors: most runs have none, one in five a
 * few (exponential, mean 0.02%).
 */
function drawRun(rng: Rng, c: Centre, ctx: RunContext): Parameters<typeof makeRun>[0] {
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
  const worse = Math.log1p(ctx.worse);
  const errorRate = rng() < 0.2 ? -0.0002 * Math.log(1 - rng()) : 0;
  return {
    reqPerSec: c.reqPerSec * Math.exp(-machine + own() - slow - worse),
    p50Us: c.p50Us * Math.exp(machine + own() + slow + worse),
    p99Us: c.p99Us * Math.exp(machine + own() + slow + worse),
    cpuMsPerRequest: c.cpuMs * Math.exp(machine * 0.5 + cpuHit + own() + worse),
    peakRssBytes: c.rss * Math.exp(randomNormal(rng, 0, ctx.cv) + worse),
    errorRate: errorRate + (ctx.worse > 0 ? ERRORS_TAU : 0),
  };
}

function thresholdsFor(design: Design): Thresholds {
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
): ResultsRecord {
  return {
    kind: 'perfgate-results',
    version: RECORD_VERSION,
    tool: { name: 'perfgate', version: '0.0.0-bench' },
    createdAt: '2024-01-01T00:00:00.000Z',
    commit: null,
    machine: makeMachine(),
    configHash: 'bench000000000000',
    config: { workloads: WORKLOADS.map((name) => ({ name, thresholds })) },
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
  const thresholds = thresholdsFor(cell.design);
  const tau = TAU[cell.design];
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
  let runsUsed = 0;
  for (let trial = 0; trial < cell.trials; trial++) {
    const pos = positions(rng, cell.design, cell.n, nCandMax);
    const base: Record<string, RunSample[]> = {};
    const cand: Record<string, RunSample[]> = {};
    WORKLOADS.forEach((w, wi) => {
      const ctx = (t: number, candidate: boolean): RunContext => ({
        cv: cell.cv,
        noise: cell.noise,
        t,
        slow: candidate && wi === 0 ? cell.effect : 0,
        worse: candidate && cell.atTolerance ? tau : 0,
      });
      const mk = (ts: number[], candidate: boolean) =>
        ts.map((t, i) => {
          const numbers = drawRun(rng, CENTRES[w], ctx(t, candidate));
          if (cell.design === 'paired') (numbers as { pair?: number }).pair = i;
          return makeRun(numbers, i);
        });
      base[w] = mk(pos.base[w] ?? [], false);
      cand[w] = mk(pos.cand[w] ?? [], true);
    });
    if (cell.adaptive) {
      const looks = plannedLooks(cell.adaptive);
      for (const w of WORKLOADS) {
        const all = cand[w] as RunSample[];
        let used = all.length;
        for (let k = cell.adaptive.minRuns; k <= cell.adaptive.maxRuns; k += 5) {
          const stop = judgeSampling(base[w] as RunSample[], all.slice(0, k), thresholds, {
            alpha: ALPHA,
            looks,
          });
          if (stop !== null) {
            used = k;
            break;
          }
        }
        cand[w] = all.slice(0, used);
        runsUsed += used;
      }
    }
    const c = compareRecords(
      record(cell.design, thresholds, base),
      record(cell.design, thresholds, cand),
      { alpha: ALPHA, design: cell.design },
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

