import type { GatedMetric, ResolvedWorkload } from '../config/resolve.ts';
import { METRICS } from './metrics.ts';

// How the family-wise alpha is shared among the gated metrics (statistics.md, "Sharing alpha").
// Every gated metric can fail the gate, so all of them stay in one family and the family-wise
// false-alarm rate stays at alpha. The metrics a pass needs (gate.required) are the ones the
// verdict rests on: they get REQUIRED_WEIGHT times the share of a metric that only informs, via
// weighted Holm (Holm 1979). With the defaults (CPU/req and the error rate required; req/s,
// p50, p99 and peak RSS informing) CPU/req is tested at alpha / 3 instead of alpha / 6 on its
// first Holm step: its interval is ~10% narrower at the same false-alarm rate, so the same runs
// catch more real regressions and pass identical code more often. Equal weights (every gated
// metric required, or none) are Holm's procedure.

/** Weight of a metric a pass needs, against 1 for a gated metric that only informs. */
export const REQUIRED_WEIGHT = 4;

/** The gated metrics of a family, by role: what the share of each metric depends on. */
export interface FamilyShape {
  required: number;
  informing: number;
}

/** Weight of one gated metric before normalising. */
export function metricWeight(required: boolean): number {
  return required ? REQUIRED_WEIGHT : 1;
}

/** Total weight of a family. */
export function familyWeight(shape: FamilyShape): number {
  return shape.required * REQUIRED_WEIGHT + shape.informing;
}

/** The share of alpha of one metric of a family: its weight over the family's. */
export function alphaShare(required: boolean, shape: FamilyShape): number {
  const total = familyWeight(shape);
  return total > 0 ? metricWeight(required) / total : 1;
}

/** The family shape of these flags (one per gated metric: whether a pass needs it). */
export function shapeOf(required: readonly boolean[]): FamilyShape {
  const r = required.filter(Boolean).length;
  return { required: r, informing: required.length - r };
}

/** The gated metrics of these workloads together, by role: the family their comparison tests. */
export function gatedFamily(
  workloads: readonly Pick<ResolvedWorkload, 'thresholds'>[],
  required: readonly GatedMetric[],
): FamilyShape {
  const shape = { required: 0, informing: 0 };
  for (const w of workloads) {
    for (const d of METRICS) {
      if (d.gate === null || w.thresholds[d.gate] === null) continue;
      if (required.includes(d.gate)) shape.required++;
      else shape.informing++;
    }
  }
  return shape;
}
