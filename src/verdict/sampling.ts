import type { ResolvedWorkload, Thresholds } from '../config/resolve.ts';
import type { ResultsRecord, RunSample } from '../run/record.ts';
import type { SamplingJudge } from '../run/run-session.ts';
import type { TestRequest } from './choose-test.ts';
import { metricStats, unusableReason } from './metric-stats.ts';
import { workloadThresholds } from './record-config.ts';
import type { MetricStats } from './metric-stats.ts';
import { describeEstimate, describeTolerance } from './metric-verdict.ts';
import { METRICS } from './metrics.ts';
import type { MetricDef } from './metrics.ts';
import { metricValues, pooledRuns } from './workload-runs.ts';

// Adaptive sampling (statistics.md, "Adaptive sampling"): at each look (after min-runs, then
// every 5 kept runs) decide whether more runs of a workload are worth their time. Looking
// repeatedly inflates the error rate: a run stopped early on a low p-value keeps a false alarm
// that more runs would have washed out. So alpha is spent over the looks (Bonferroni): the
// early looks together spend EARLY_LOOK_SHARE of it, evenly, and the final comparison of an
// adaptively sampled record spends the rest (compareRecords, `finalAlpha`). Each look's share
// is split again over the family: every gated metric of every workload, as in the verdict.
// - stop for a regression when some metric's pWorse is below that level;
// - stop for a clear pass when every gated metric's upper bound (a one-sided bound at the same
//   level) is below its tolerance.
// Otherwise keep sampling. The final verdict is always the full comparison of the kept runs.
// (Measured by `npm run bench:gate`: with the whole alpha at the final comparison, the family
// false-alarm rate at the tolerance was ~7% instead of <= 5%.)

/** Share of alpha the early looks of `runs: auto` spend together on stopping for a regression. */
export const EARLY_LOOK_SHARE = 0.25;

/** Options of the sampling judge. */
export interface SamplingOptions {
  /** Family-wise level; default 0.05. */
  alpha?: number;
  /** Looks planned for the workload; the judge factory derives it from min-runs and max-runs. */
  looks: number;
  test?: TestRequest;
  /** The runs were made side by side: run i of each side forms pair i. */
  paired?: boolean;
  /** Gated metrics of the whole comparison (all workloads); default: this workload's. */
  familySize?: number;
}

/** Looks `runs: auto` makes: at min-runs, then every 5 kept runs up to max-runs (see run/schedule.ts). */
export function plannedLooks(w: Pick<ResolvedWorkload, 'minRuns' | 'maxRuns'>): number {
  return 1 + Math.max(0, Math.floor((w.maxRuns - w.minRuns) / 5));
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
  const looks = Math.max(1, Math.floor(options.looks));
  const gated: {
    def: MetricDef;
    tau: number;
    values: { baseline: number[]; candidate: number[] };
  }[] = [];
  for (const def of METRICS) {
    const tau = def.gate === null ? null : thresholds[def.gate];
    if (tau === null) continue;
    const values = metricValues(def, baselineRuns, keptCandidateRuns, options.paired ?? false);
    if (
      baselineRuns.every((r) => def.value(r) === null) ||
      keptCandidateRuns.every((r) => def.value(r) === null)
    ) {
      continue; // not measured: cannot gate, cannot hold the decision up
    }
    const usable =
      values.baseline.length >= 2 &&
      values.candidate.length >= 2 &&
      !unusableReason(def, values.baseline) &&
      !unusableReason(def, values.candidate);
    if (!usable) return null; // a gated metric that cannot be tested yet: keep sampling
    gated.push({ def, tau, values });
  }
  if (gated.length === 0) return `no gated metric to judge: stopped at ${n} runs`;
  const family = Math.max(gated.length, Math.floor(options.familySize ?? 0));
  const alphaSide = lookAlpha(alpha, looks) / family;
  const results: { def: MetricDef; tau: number; s: MetricStats }[] = gated.map((g) => ({
    def: g.def,
    tau: g.tau,
    s: metricStats({
      def: g.def,
      ...g.values,
      paired: options.paired ?? false,
      tau: g.tau,
      alphaSide,
      test: options.test ?? 'auto',
    }),
  }));
  const level = `${looks === 1 ? `alpha ${alpha}` : `${EARLY_LOOK_SHARE * 100}% of alpha ${alpha} split over ${looks - 1} early look${looks === 2 ? '' : 's'}`} and ${family} gated metrics`;
  const worse = results.find((r) => r.s.pWorse <= alphaSide);
  if (worse) {
    return `clear regression after ${n} runs: ${describeEstimate(worse.def, worse.s)}, worse than the ${describeTolerance(worse.def, worse.tau)} tolerance (${level})`;
  }
  if (results.every((r) => r.s.minP <= alphaSide && r.s.scaleInterval[1] < r.s.margin)) {
    return `clear pass after ${n} runs: every gated metric's upper bound is below its tolerance (${level})`;
  }
  return null;
}

/** The level of one early look: EARLY_LOOK_SHARE of alpha over the looks before the last. */
function lookAlpha(alpha: number, looks: number): number {
  return looks <= 1 ? alpha : (alpha * EARLY_LOOK_SHARE) / (looks - 1);
}

/**
 * The family-wise level the final comparison of a record may spend: alpha minus what the early
 * looks spent when any of `names` was sampled with `runs: auto` and more than one look, else
 * alpha. Read defensively from the record's stored config (an older record: alpha).
 */
export function finalAlpha(alpha: number, record: ResultsRecord, names: readonly string[]): number {
  const list = Array.isArray(record.config.workloads) ? record.config.workloads : [];
  const adaptive = list.some((w: unknown) => {
    if (typeof w !== 'object' || w === null) return false;
    const { name, runs, minRuns, maxRuns } = w as Record<string, unknown>;
    if (runs !== 'auto' || typeof name !== 'string' || !names.includes(name)) return false;
    if (typeof minRuns !== 'number' || typeof maxRuns !== 'number') return false;
    return plannedLooks({ minRuns, maxRuns }) > 1;
  });
  return adaptive ? alpha * (1 - EARLY_LOOK_SHARE) : alpha;
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

/** Gated metrics of every workload of the baseline records: the family a comparison will test. */
function baselineFamilySize(baselines: readonly ResultsRecord[]): number {
  const names = new Set(baselines.flatMap((b) => b.workloads.map((w) => w.name)));
  let size = 0;
  for (const name of names) {
    const owner = baselines.find((b) => b.workloads.some((w) => w.name === name));
    if (!owner) continue;
    const t = workloadThresholds(owner, name);
    size += METRICS.filter((d) => d.gate !== null && t[d.gate] !== null).length;
  }
  return size;
}

/** A SamplingJudge for run-session: judges each workload's kept runs against the baseline's. */
export function createSamplingJudge(
  baseline: ResultsRecord | readonly ResultsRecord[],
  options: { alpha?: number; test?: TestRequest; looks?: number; familySize?: number } = {},
): SamplingJudge {
  const baselines: readonly ResultsRecord[] = Array.isArray(baseline)
    ? baseline
    : [baseline as ResultsRecord];
  const familySize = options.familySize ?? baselineFamilySize(baselines);
  return (workload, kept) => {
    const runs = pooledRuns(baselines, workload.name);
    if (runs === null)
      return `no baseline for this workload: stopped at min-runs (${workload.minRuns})`;
    return judgeSampling(runs, kept, workload.thresholds, {
      alpha: options.alpha,
      test: options.test,
      looks: options.looks ?? plannedLooks(workload),
      familySize,
    });
  };
}

/**
 * A SamplingJudge for builds measured side by side: judges each workload's pairs of runs. Pass
 * `familySize` (gatedFamilySize of every workload) so each look's level is split over the
 * whole family; without it, over the judged workload's gated metrics only.
 */
export function createPairedSamplingJudge(
  options: { alpha?: number; test?: TestRequest; familySize?: number } = {},
): SamplingJudge {
  return (workload, kept, partner) => {
    if (!partner) return null;
    const n = Math.min(kept.length, partner.length);
    return judgeSampling(partner.slice(0, n), kept.slice(0, n), workload.thresholds, {
      alpha: options.alpha,
      test: options.test === 'auto' || options.test === undefined ? 'auto' : options.test,
      looks: plannedLooks(workload),
      paired: true,
      familySize: options.familySize,
    });
  };
}
