import { baselineList } from './baseline-list.ts';
import type { GatedMetric, Thresholds } from '../config/resolve.ts';
import { InputError } from '../errors.ts';
import type { ResultsRecord, RunSample } from '../record/record.ts';
import { keptRuns } from '../record/record.ts';
import { checkAlpha, weightedHolm } from '../stats/index.ts';
import type {
  Comparison,
  ComparisonNote,
  MetricComparison,
  WorkloadComparison,
} from './comparison-schema.ts';
import { COMPARISON_VERSION } from './comparison-schema.ts';
import { findBreakage } from './breakage.ts';
import type { Breakage } from './breakage.ts';
import { keptServerProcesses, recordInfo, recordNotes } from './comparison-notes.ts';
import { latencyNotes, rateNotes } from './delivery-notes.ts';
import { PAIRED_TESTS } from './choose-test.ts';
import type { TestRequest } from './choose-test.ts';
import { headline, summarizeWorkload } from './headline.ts';
import { noiseNote } from './noise-note.ts';
import { metricComparison, planMetric } from './metric-plan.ts';
import type { Plan } from './metric-plan.ts';
import { metricStats } from './metric-stats.ts';
import type { MetricStats } from './metric-input.ts';
import { alphaShare, metricWeight, shapeOf } from './family-weights.ts';
import { describeTolerance } from './metric-verdict.ts';
import { METRICS } from './metrics.ts';
import type { MetricDef } from './metrics.ts';
import { workloadThresholds } from './record-config.ts';
import { DEFAULT_REQUIRED } from './required.ts';
import { finalAlpha, sessionValues } from './sampling.ts';
import { pairRuns, pooledRuns, runRow, sessionRuns } from './workload-runs.ts';

// compareRecords: every (workload, metric) of a candidate record against a baseline. Pure.
// The gated metrics of every compared workload form one family (statistics.md, principle 4):
// their one-sided p-values against the tolerance are adjusted together with weighted Holm (a
// metric of gate.required weighs REQUIRED_WEIGHT times one that only informs, family-weights.ts),
// and each interval is shown at 1 - 2 share, whose bounds are one-sided tests at the metric's
// share of alpha (the first weighted-Holm step, and the equivalence test of "no change" at the
// same level).

/** How to judge. */
export interface JudgeOptions {
  /** Family-wise significance level; default 0.05. */
  alpha?: number;
  /** Default: paired when every record has the paired design, else independent. */
  design?: 'independent' | 'paired';
  /** Default 'auto': the session-level t (independent) or the paired t (paired). */
  test?: TestRequest;
  /**
   * Independent design: the recorded sessions the spread between sessions is estimated from
   * (newest first, the baseline records among them); default the baseline records.
   */
  history?: readonly ResultsRecord[];
  /** Runner-to-runner spread (relative sd) assumed when the history is short; default 10%. */
  runnerNoise?: number;
  /** History records needed before the spread is estimated from them; default 5. */
  minHistory?: number;
  /** Metrics a pass must decide; default DEFAULT_REQUIRED. */
  required?: readonly GatedMetric[];
  /** Error-rate limit of one kept run beyond which it is broken (breakage.ts); default 0.5. */
  maxErrorRate?: number;
}

/** Compares a candidate record with a baseline (several baseline records are pooled). */
export function compareRecords(
  baseline: ResultsRecord | readonly ResultsRecord[],
  candidate: ResultsRecord,
  options: JudgeOptions = {},
): Comparison {
  const baselines = baselineList(baseline);
  if (baselines.length === 0) throw new InputError('no baseline record to compare with');
  const alpha = options.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 0.5))
    throw new InputError(`alpha: expected a number in (0, 0.5), got ${alpha}`);
  const test = options.test ?? 'auto';
  const design = chooseDesign(baselines, candidate, options.design, test);
  const paired = design === 'paired';
  const history = options.history ?? baselines;
  const required = options.required ?? DEFAULT_REQUIRED;

  const notes = [
    ...recordNotes(baselines, candidate, design),
    ...latencyNotes(baselines, candidate),
    ...rateNotes(candidate),
  ];
  const workloads: WorkloadComparison[] = [];
  const plans: Plan[] = [];
  for (const w of candidate.workloads) {
    const thresholds = workloadThresholds(candidate, w.name);
    const baseRuns = pooledRuns(baselines, w.name);
    if (baseRuns === null) {
      notes.push({
        level: 'info',
        code: 'workload-new',
        message: `"${w.name}" is new: no baseline, its numbers are shown.`,
      });
      workloads.push(shell(w.name, 'new', thresholds, [], keptRuns(w), w.stopReason));
      continue;
    }
    let base: RunSample[] = baseRuns;
    let cand = keptRuns(w);
    const tooFew = base.length < 2 || cand.length < 2;
    if (paired && !tooFew) ({ baseline: base, candidate: cand } = pairRuns(w.name, base, cand));
    const wc = shell(w.name, 'both', thresholds, base, cand, w.stopReason);
    workloads.push(wc);
    if (tooFew) {
      const message = `"${w.name}": the baseline has ${base.length} kept run${base.length === 1 ? '' : 's'} and this run ${cand.length}; at least 2 per side are needed, so it is inconclusive.`;
      notes.push({ level: 'warning', code: 'too-few-runs', message });
    }
    const sessions = paired
      ? undefined
      : { baseline: sessionRuns(baselines, w.name), history: sessionRuns(history, w.name) };
    for (const def of METRICS) {
      const plan = planMetric(workloads.length - 1, def, thresholds, base, cand, paired, tooFew);
      plan.sessions = sessionValues(def, sessions);
      plans.push(plan);
    }
  }
  for (const b of baselines) {
    for (const w of b.workloads) {
      if (workloads.some((x) => x.name === w.name)) continue;
      notes.push({
        level: 'warning',
        code: 'workload-missing',
        message: `"${w.name}" is in the baseline but not in this run: not compared.`,
      });
      workloads.push(
        shell(w.name, 'missing', workloadThresholds(b, w.name), keptRuns(w), [], null),
      );
    }
  }
  if (!workloads.some((w) => w.presence === 'both')) {
    notes.push({
      level: 'warning',
      code: 'no-common-workload',
      message: 'The baseline and this run have no workload in common: nothing was compared.',
    });
  }

  // The family: every gated metric that has a test. Each gets a share of alpha (weighted Holm,
  // family-weights.ts: the metrics a pass needs get more); its interval is at its share's level.
  // A candidate sampled adaptively already spent part of alpha on its early looks (sampling.ts).
  const family = plans.filter((p) => p.fixed === null && p.tau !== null);
  const isRequired = (p: Plan) => p.def.gate !== null && required.includes(p.def.gate);
  const shape = shapeOf(family.map(isRequired));
  const compared = workloads.filter((w) => w.presence === 'both').map((w) => w.name);
  const level = finalAlpha(alpha, candidate, compared);
  // A metric outside the family (not gated) is shown at the level of an informing metric.
  const sideOf = (p: Plan) =>
    level * (family.includes(p) ? alphaShare(isRequired(p), shape) : alphaShare(false, shape));
  for (const p of plans) {
    if (p.fixed !== null) continue;
    p.stats = metricStats({
      def: p.def,
      baseline: p.baseline,
      candidate: p.candidate,
      counts: p.counts ?? undefined,
      paired,
      tau: p.tau ?? 0,
      alphaSide: sideOf(p),
      test,
      sessions: p.sessions,
      runnerNoise: options.runnerNoise,
      minHistory: options.minHistory,
    });
  }
  const weights = family.map((p) => metricWeight(isRequired(p)));
  const adjWorse = weightedHolm(
    family.map((p) => (p.stats as MetricStats).pWorse),
    weights,
  );
  const adjBetter = weightedHolm(
    family.map((p) => (p.stats as MetricStats).pBetter),
    weights,
  );
  for (const p of plans) {
    const fi = family.indexOf(p);
    const adjusted =
      fi < 0 ? null : { pWorse: adjWorse[fi] as number, pBetter: adjBetter[fi] as number };
    const wc = workloads[p.workload] as WorkloadComparison;
    wc.metrics.push(
      metricComparison(p, adjusted, {
        alpha: level,
        alphaSide: sideOf(p),
        n: Math.min(p.baseline.length, p.candidate.length),
        paired,
        keptProcesses: paired && keptServerProcesses(candidate),
        required: isRequired(p),
      }),
    );
  }
  for (const wc of workloads) summarizeWorkload(wc);
  return assemble({
    alpha,
    alphaSide: level * alphaShare(shape.required > 0, shape),
    m: family.length,
    design,
    notes,
    baselines,
    candidate,
    workloads,
    breakage: findBreakage(candidate, { maxErrorRate: options.maxErrorRate, baselines }),
  });
}

function chooseDesign(
  baselines: readonly ResultsRecord[],
  candidate: ResultsRecord,
  requested: JudgeOptions['design'],
  test: TestRequest,
): 'independent' | 'paired' {
  const allPaired = candidate.design === 'paired' && baselines.every((b) => b.design === 'paired');
  const design = requested ?? (allPaired && baselines.length === 1 ? 'paired' : 'independent');
  if (design === 'paired') {
    if (!allPaired) {
      throw new InputError(
        `the paired design needs two records made side by side (design "paired"); the baseline has design "${baselines.map((b) => b.design).join('", "')}" and this run "${candidate.design}"`,
      );
    }
    if (baselines.length > 1)
      throw new InputError('the paired design compares exactly one baseline record, not a pool');
  }
  if (design === 'independent' && PAIRED_TESTS.includes(test)) {
    throw new InputError(
      `the ${test} test needs the paired design; these records are compared as independent runs`,
    );
  }
  return design;
}

function shell(
  name: string,
  presence: WorkloadComparison['presence'],
  thresholds: Thresholds,
  baseline: readonly RunSample[],
  candidate: readonly RunSample[],
  stopReason: string | undefined | null,
): WorkloadComparison {
  return {
    name,
    presence,
    verdict: 'not-compared',
    runs: { baseline: baseline.length, candidate: candidate.length },
    stopReason: stopReason ?? null,
    thresholds: { ...thresholds },
    metrics: [],
    notes: [],
    samples: { baseline: baseline.map(runRow), candidate: candidate.map(runRow) },
  };
}

function assemble(parts: {
  alpha: number;
  /** One-sided level of each interval bound (alpha / m, less what adaptive looks spent). */
  alphaSide: number;
  m: number;
  design: 'independent' | 'paired';
  notes: ComparisonNote[];
  baselines: readonly ResultsRecord[];
  candidate: ResultsRecord;
  workloads: WorkloadComparison[];
  breakage: Breakage | null;
}): Comparison {
  const metrics = parts.workloads.flatMap((w) => w.metrics).filter((x) => x.gated);
  const count = (s: string) => metrics.filter((x) => x.status === s).length;
  // Only metrics a pass needs keep the headline undecided; the others inform (required.ts).
  const undecided = metrics.filter((x) => x.status === 'inconclusive');
  const counts = {
    workloads: parts.workloads.filter((w) => w.presence === 'both').length,
    gatedMetrics: metrics.filter((x) => x.status !== 'not-measured').length,
    regressions: count('regression'),
    improvements: count('improvement'),
    inconclusive: undecided.filter((x) => x.required !== false).length,
    informing: undecided.filter((x) => x.required === false).length,
    noChange: count('no-change'),
  };
  const verdict = parts.breakage
    ? 'broken'
    : counts.regressions > 0
      ? 'regression'
      : counts.inconclusive > 0 || counts.workloads === 0
        ? 'inconclusive'
        : 'pass';
  checkAlpha(parts.alpha);
  const comparison: Comparison = {
    kind: 'perfgate-comparison',
    version: COMPARISON_VERSION,
    verdict,
    headline: '',
    breakage: parts.breakage,
    counts,
    alpha: parts.alpha,
    familySize: parts.m,
    intervalLevel: 1 - 2 * parts.alphaSide,
    design: parts.design,
    notes: parts.notes,
    baseline: parts.baselines.map(recordInfo),
    candidate: recordInfo(parts.candidate),
    workloads: parts.workloads,
  };
  const note = noiseNote(comparison);
  if (note) comparison.notes.push(note);
  comparison.headline = headline(comparison);
  return comparison;
}

/** The tolerance of a metric in words, for reports ("10%", "0.10% (absolute)", "not gated"). */
export function describeThreshold(metric: MetricComparison): string {
  const def = METRICS.find((d) => d.key === metric.metric) as MetricDef;
  return metric.threshold === null ? 'not gated' : describeTolerance(def, metric.threshold);
}
