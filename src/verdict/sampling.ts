import { baselineList } from './baseline-list.ts';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import type { GatedMetric, ResolvedWorkload, Thresholds } from '../config/resolve.ts';
import type { ResultsRecord, RunSample } from '../record/record.ts';
import { keptRuns } from '../record/record.ts';
import type { SamplingJudge } from '../run/session-deps.ts';
import type { TestRequest } from './choose-test.ts';
import { metricStats, unusableReason } from './metric-stats.ts';
import type { MetricStats } from './metric-input.ts';
import { workloadThresholds } from './record-config.ts';
import { describeEstimate, describeTolerance } from './metric-verdict.ts';
import { METRICS } from './metrics.ts';
import type { MetricDef } from './metrics.ts';
import { DEFAULT_REQUIRED } from './required.ts';
import { alphaShare, familyWeight, gatedFamily, shapeOf } from './family-weights.ts';
import type { FamilyShape } from './family-weights.ts';
import { metricValues, sessionRuns } from './workload-runs.ts';

// Adaptive sampling (statistics.md, "Adaptive sampling"): at each look (after min-runs, then
// every 5 kept runs) decide whether more runs of a workload are worth their time. Looking
// repeatedly inflates the false-alarm rate, so alpha is spent over the looks with the
// Lan-DeMets O'Brien-Fleming spending function on the fraction t = n / max-runs of the runs
// done (Lan & DeMets 1983, Biometrika 70:659):
//
//   spent(t) = 2 - 2 Phi(z_{1 - alpha/2} / sqrt(t)),   spent(1) = alpha.
//
// Look i may stop for a regression at the increment spent(t_i) - spent(t_{i-1}) (shared over the
// family by weight, family-weights.ts: Bonferroni); the final comparison spends what the looks before its data left,
// alpha - spent(t_last look before). By the union bound the family-wise rate is at most alpha
// for every min-runs / max-runs / batch and whatever the count of looks made (a budget that ends
// sampling early only leaves alpha unspent). A look stops for a pass as soon as every metric a
// pass needs is decided at the level the final comparison would use if sampling stopped there,
// so the final verdict is the one the look saw.

/** Kept runs between looks after min-runs. */
export const LOOK_BATCH = 5;

/** Alpha spent by the O'Brien-Fleming-type spending function at fraction t of max-runs. */
export function spentAlpha(alpha: number, t: number): number {
  if (!(t > 0)) return 0;
  if (t >= 1) return alpha;
  return 2 - 2 * normalCdf(normalQuantile(1 - alpha / 2, 0, 1) / Math.sqrt(t), 0, 1);
}

/** Kept-run counts at which `runs: auto` looks: min-runs, then every LOOK_BATCH, below max-runs. */
export function lookCounts(w: Pick<ResolvedWorkload, 'minRuns' | 'maxRuns'>): number[] {
  const out: number[] = [];
  for (let n = Math.max(2, w.minRuns); n < w.maxRuns; n += LOOK_BATCH) out.push(n);
  return out;
}

/** Looks `runs: auto` makes at most (the final comparison not counted). */
export function plannedLooks(w: Pick<ResolvedWorkload, 'minRuns' | 'maxRuns'>): number {
  return lookCounts(w).length;
}

/** Alpha the looks made strictly before `n` kept runs have spent. */
export function spentBefore(
  alpha: number,
  w: Pick<ResolvedWorkload, 'minRuns' | 'maxRuns'>,
  n: number,
): number {
  const before = lookCounts(w).filter((c) => c < n);
  const last = before[before.length - 1];
  return last === undefined ? 0 : spentAlpha(alpha, last / w.maxRuns);
}

/** What a look needs besides the runs. */
export interface SamplingOptions {
  /** Family-wise level; default 0.05. */
  alpha?: number;
  /** The workload's min-runs and max-runs: they place the looks. */
  schedule: Pick<ResolvedWorkload, 'minRuns' | 'maxRuns'>;
  test?: TestRequest;
  /** The runs were made side by side: run i of each side forms pair i. */
  paired?: boolean;
  /** Gated metrics of the whole comparison (all workloads), by role; default: this workload's. */
  family?: FamilyShape;
  /** Metrics a pass must decide; default DEFAULT_REQUIRED. */
  required?: readonly GatedMetric[];
  /** Independent design: the baseline's sessions (records) and the history of sessions. */
  sessions?: { baseline: RunSample[][]; history: RunSample[][] };
  runnerNoise?: number;
  minHistory?: number;
}

/** Decides whether sampling a workload can stop: a stop reason, or null to keep sampling. */
export function judgeSampling(
  baselineRuns: readonly RunSample[],
  keptCandidateRuns: readonly RunSample[],
  thresholds: Thresholds,
  options: SamplingOptions,
): string | null {
  const n = keptCandidateRuns.length;
  if (baselineRuns.length < 2) {
    return `the baseline has ${baselineRuns.length} kept run${baselineRuns.length === 1 ? '' : 's'} of this workload, too few to judge: stopped at ${n} runs`;
  }
  if (n < 2) return null;
  const alpha = options.alpha ?? 0.05;
  const paired = options.paired ?? false;
  const required = options.required ?? DEFAULT_REQUIRED;
  const gated: {
    def: MetricDef;
    tau: number;
    values: { baseline: number[]; candidate: number[] };
  }[] = [];
  for (const def of METRICS) {
    const tau = def.gate === null ? null : thresholds[def.gate];
    if (tau === null) continue;
    if (
      baselineRuns.every((r) => def.value(r) === null) ||
      keptCandidateRuns.every((r) => def.value(r) === null)
    ) {
      continue; // not measured on one side: the comparison shows it; it cannot be waited for
    }
    const values = metricValues(def, baselineRuns, keptCandidateRuns, paired);
    const usable =
      values.baseline.length >= 2 &&
      values.candidate.length >= 2 &&
      !unusableReason(def, values.baseline) &&
      !unusableReason(def, values.candidate);
    if (!usable) return null; // a gated metric that cannot be tested yet: keep sampling
    gated.push({ def, tau, values });
  }
  if (gated.length === 0) return `no gated metric to judge: stopped at ${n} runs`;
  // Each metric's share of alpha as in the final comparison (family-weights.ts), over the
  // whole family when the caller gives it (every workload), else over this workload's metrics.
  const isRequired = (def: MetricDef) => def.gate !== null && required.includes(def.gate);
  const local = shapeOf(gated.map((g) => isRequired(g.def)));
  const given = options.family;
  const shape =
    given && familyWeight(given) >= familyWeight(local) && given.required >= local.required
      ? given
      : local;
  const before = spentBefore(alpha, options.schedule, n);
  const increment = spentAlpha(alpha, n / options.schedule.maxRuns) - before;
  const results = gated.map((g) => {
    const share = alphaShare(isRequired(g.def), shape);
    const passSide = (alpha - before) * share;
    return {
      def: g.def,
      tau: g.tau,
      share,
      passSide,
      s: metricStats({
        def: g.def,
        ...g.values,
        paired,
        tau: g.tau,
        alphaSide: passSide,
        test: options.test ?? 'auto',
        sessions: sessionValues(g.def, options.sessions),
        runnerNoise: options.runnerNoise,
        minHistory: options.minHistory,
      }),
    };
  });
  const count = shape.required + shape.informing;
  const worse = results.find((r) => r.s.pWorse <= increment * r.share);
  if (worse) {
    return `clear regression after ${n} runs: ${describeEstimate(worse.def, worse.s)}, worse than the ${describeTolerance(worse.def, worse.tau)} tolerance (p = ${worse.s.pWorse.toExponential(1)} against its share ${fmt(increment * worse.share)} of the ${fmt(increment)} of alpha ${alpha} spent at this look, over ${count} gated metrics)`;
  }
  const needed = results.filter((r) => r.def.gate !== null && required.includes(r.def.gate));
  if (needed.length > 0 && needed.every((r) => decided(r.s, r.passSide))) {
    const names = needed.map((r) => r.def.label).join(', ');
    return `clear pass after ${n} runs: ${names} confidently within tolerance (bounds at ${fmt(needed[0]?.passSide ?? 0)} each, their share of the ${fmt(alpha - before)} of alpha ${alpha} left, over ${count} gated metrics)`;
  }
  const open = needed.filter((r) => !decided(r.s, r.passSide));
  if (open.length > 0 && open.every((r) => spreadDominates(r.s))) {
    const b = open[0]?.s.between;
    return `stopped after ${n} runs: the spread between runner sessions (sd ${((b?.sd ?? 0) * 100).toFixed(1)}%) is most of the uncertainty of ${open.map((r) => r.def.label).join(', ')}, so more runs per session would not decide`;
  }
  return null;
}

/**
 * Session-level test: true when the spread between sessions is at least half the variance of
 * the estimate, so more runs of this session cannot shrink the interval much.
 */
function spreadDominates(s: MetricStats): boolean {
  if (!s.between || s.se === null || s.se === 0) return false;
  const b = Math.log1p(s.between.sd);
  return b * b >= 0.5 * s.se * s.se;
}

/** Not worse than the tolerance at this level (the "no change" or "improvement" verdicts). */
function decided(s: MetricStats, alphaSide: number): boolean {
  return s.minP <= alphaSide && s.scaleInterval[1] < s.margin;
}

function fmt(x: number): string {
  return x < 0.001 ? x.toExponential(1) : x.toFixed(4).replace(/0+$/, '');
}

/** One metric's values per session, for the session-level test; undefined for paired runs. */
export function sessionValues(
  def: MetricDef,
  sessions: { baseline: RunSample[][]; history: RunSample[][] } | undefined,
): { baseline: number[][]; history: number[][] } | undefined {
  if (!sessions) return undefined;
  const values = (runs: RunSample[]) =>
    runs.map(def.value).filter((v): v is number => v !== null && v > 0 && Number.isFinite(v));
  return { baseline: sessions.baseline.map(values), history: sessions.history.map(values) };
}

/**
 * The family-wise level the final comparison of a record may spend: alpha minus the most any
 * adaptively sampled workload among `names` spent on looks before its final runs. Read
 * defensively from the record's stored config (an older record: alpha).
 */
export function finalAlpha(alpha: number, record: ResultsRecord, names: readonly string[]): number {
  const list = Array.isArray(record.config.workloads) ? record.config.workloads : [];
  let spent = 0;
  for (const w of list as unknown[]) {
    if (typeof w !== 'object' || w === null) continue;
    const { name, runs, minRuns, maxRuns } = w as Record<string, unknown>;
    if (runs !== 'auto' || typeof name !== 'string' || !names.includes(name)) continue;
    if (typeof minRuns !== 'number' || typeof maxRuns !== 'number') continue;
    const result = record.workloads.find((x) => x.name === name);
    const n = result ? keptRuns(result).length : maxRuns;
    spent = Math.max(spent, spentBefore(alpha, { minRuns, maxRuns }, n));
  }
  return alpha - spent;
}

/** Gated metrics of these workloads together: the family their comparison will test. */
export function gatedFamilySize(
  workloads: readonly Pick<ResolvedWorkload, 'thresholds'>[],
): number {
  return workloads.reduce(
    (n, w) => n + METRICS.filter((d) => d.gate !== null && w.thresholds[d.gate] !== null).length,
    0,
  );
}

/** Gated metrics of every workload of the baseline records, by role: the family a comparison will test. */
function baselineFamily(
  baselines: readonly ResultsRecord[],
  required: readonly GatedMetric[],
): FamilyShape {
  const names = new Set(baselines.flatMap((b) => b.workloads.map((w) => w.name)));
  const thresholds: Pick<ResolvedWorkload, 'thresholds'>[] = [];
  for (const name of names) {
    const owner = baselines.find((b) => b.workloads.some((w) => w.name === name));
    if (owner) thresholds.push({ thresholds: workloadThresholds(owner, name) });
  }
  return gatedFamily(thresholds, required);
}

/** Judge options shared by the stored and the paired judges. */
export interface JudgeFactoryOptions {
  alpha?: number;
  test?: TestRequest;
  /** The gated metrics of the whole comparison, by role (gatedFamily of every workload). */
  family?: FamilyShape;
  required?: readonly GatedMetric[];
  runnerNoise?: number;
  minHistory?: number;
}

/**
 * A SamplingJudge for run-session: judges each workload's kept runs against the stored baseline
 * with the session-level test; `history` (default: the baseline records) gives the spread
 * between sessions.
 */
export function createSamplingJudge(
  baseline: ResultsRecord | readonly ResultsRecord[],
  options: JudgeFactoryOptions & { history?: readonly ResultsRecord[] } = {},
): SamplingJudge {
  const baselines = baselineList(baseline);
  const history = options.history ?? baselines;
  const family = options.family ?? baselineFamily(baselines, options.required ?? DEFAULT_REQUIRED);
  return (workload, kept) => {
    const pool = sessionRuns(baselines, workload.name);
    if (pool.length === 0)
      return `no baseline for this workload: stopped at min-runs (${workload.minRuns})`;
    return judgeSampling(pool.flat(), kept, workload.thresholds, {
      ...options,
      schedule: workload,
      family,
      sessions: { baseline: pool, history: sessionRuns(history, workload.name) },
    });
  };
}

/**
 * A SamplingJudge for builds measured side by side: judges each workload's pairs of runs. Pass
 * `family` (gatedFamily of every workload) so each look's level is shared over the whole
 * family; without it, over the judged workload's gated metrics only.
 */
export function createPairedSamplingJudge(options: JudgeFactoryOptions = {}): SamplingJudge {
  return (workload, kept, partner) => {
    if (!partner) return null;
    const n = Math.min(kept.length, partner.length);
    return judgeSampling(partner.slice(0, n), kept.slice(0, n), workload.thresholds, {
      ...options,
      schedule: workload,
      paired: true,
    });
  };
}
