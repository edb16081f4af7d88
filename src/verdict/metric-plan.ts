import type { Thresholds } from '../config/resolve.ts';
import type { RunSample } from '../record/record.ts';
import { median } from '../stats/index.ts';
import type { MetricComparison } from './comparison-schema.ts';
import { runCounts } from './error-rate-stats.ts';
import type { RunCounts } from './metric-input.ts';
import { unusableReason } from './metric-stats.ts';
import type { MetricStats } from './metric-input.ts';
import { decideMetric, describeEstimate, type VerdictContext } from './metric-verdict.ts';
import type { MetricDef } from './metrics.ts';
import { metricValues } from './workload-runs.ts';

// One (workload, metric) of compareRecords: planned before the family-wide Holm step (the values
// to test, or the reason there is nothing to test), then turned into its MetricComparison.

/** One metric of one workload waiting for the family-wide step. */
export interface Plan {
  workload: number;
  def: MetricDef;
  tau: number | null;
  baseline: number[];
  candidate: number[];
  /** Failures and attempts per run, aligned with the values: the error rate only. */
  counts: { baseline: RunCounts[]; candidate: RunCounts[] } | null;
  /** Set when the metric is decided without a test (not measured, too few runs). */
  fixed: Pick<MetricComparison, 'status' | 'reason'> | null;
  stats: MetricStats | null;
  /** Independent design: the values per session, for the session-level test. */
  sessions?: { baseline: number[][]; history: number[][] };
}

/** The plan of one metric: its values and counts, or why it is decided without a test. */
export function planMetric(
  workload: number,
  def: MetricDef,
  thresholds: Thresholds,
  base: RunSample[],
  cand: RunSample[],
  paired: boolean,
  tooFew: boolean,
): Plan {
  const tau = def.gate === null ? null : thresholds[def.gate];
  const values = tooFew ? { baseline: [], candidate: [] } : metricValues(def, base, cand, paired);
  // The error rate is never null, so its runs are the runs given, aligned as given.
  const counts =
    def.scale === 'absolute' && !tooFew
      ? { baseline: base.map(runCounts), candidate: cand.map(runCounts) }
      : null;
  const plan: Plan = { workload, def, tau, ...values, counts, fixed: null, stats: null };
  const gated = tau !== null;
  const noBase = base.every((r) => def.value(r) === null);
  const noCand = cand.every((r) => def.value(r) === null);
  if (tooFew) {
    plan.fixed = gated
      ? { status: 'inconclusive', reason: 'fewer than 2 kept runs on one side: nothing to test' }
      : { status: 'not-gated', reason: 'fewer than 2 kept runs on one side' };
  } else if (noBase && noCand) {
    plan.fixed = { status: 'not-measured', reason: 'not measured on either side' };
  } else if (noBase || noCand) {
    // Measured on one side only: a gated metric stays in the verdict as undecided, so a metric
    // that stopped being measured cannot turn a comparison green by leaving it.
    const where = noBase
      ? 'in this run but not in the baseline'
      : 'in the baseline but not in this run';
    plan.fixed = {
      status: gated ? 'inconclusive' : 'not-gated',
      reason: `measured ${where}: cannot be compared`,
    };
  } else if (values.baseline.length < 2 || values.candidate.length < 2) {
    plan.fixed = {
      status: gated ? 'inconclusive' : 'not-gated',
      reason: 'fewer than 2 runs with a value on one side',
    };
  } else {
    const bad = unusableReason(def, values.baseline) ?? unusableReason(def, values.candidate);
    if (bad) plan.fixed = { status: gated ? 'inconclusive' : 'not-gated', reason: bad };
  }
  return plan;
}

export function metricComparison(
  p: Plan,
  adjusted: { pWorse: number; pBetter: number } | null,
  ctx: Required<VerdictContext> & { required: boolean },
): MetricComparison {
  const s = p.stats;
  const side = (values: number[], center: number | undefined) => ({
    n: values.length,
    median: values.length ? median(values) : null,
    center: center ?? null,
  });
  const base = {
    metric: p.def.key,
    label: p.def.label,
    direction: p.def.direction,
    scale: p.def.scale,
    threshold: p.tau,
    gated: p.tau !== null,
    required: p.tau !== null && ctx.required,
    baseline: side(p.baseline, s?.centers?.baseline),
    candidate: side(p.candidate, s?.centers?.candidate),
    change: s?.change ?? null,
    interval: s?.interval ?? null,
    intervalLevel: s ? 1 - 2 * ctx.alphaSide : null,
    pWorse: p.tau !== null ? (s?.pWorse ?? null) : null,
    pBetter: p.tau !== null ? (s?.pBetter ?? null) : null,
    pWorseAdjusted: adjusted?.pWorse ?? null,
    pBetterAdjusted: adjusted?.pBetter ?? null,
    test: s?.test ?? null,
    testReason: s?.testReason ?? 'no test',
    noiseFloor: s?.noiseFloor ?? null,
    between: s?.between ?? null,
  };
  if (p.fixed || !s) {
    const fixed = p.fixed ?? { status: 'inconclusive' as const, reason: 'no test' };
    return { ...base, ...fixed, moreRunsNeeded: null };
  }
  if (p.tau === null || adjusted === null) {
    return {
      ...base,
      status: 'not-gated',
      reason: `${describeEstimate(p.def, s)}; not gated`,
      moreRunsNeeded: null,
    };
  }
  const d = decideMetric(p.def, p.tau, s, adjusted, ctx);
  const reason =
    d.status === 'inconclusive' && !base.required
      ? `${d.reason} (informs only: a pass does not wait for ${p.def.label})`
      : d.reason;
  return { ...base, status: d.status, reason, moreRunsNeeded: d.moreRunsNeeded };
}
