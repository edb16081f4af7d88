// Resolving stages, weighted mixes and objectives (see resolve.ts for the rest of a workload).
import type { GatedMetric } from './gated-metrics.ts';
import type { ObjectivesSpec, RequestSpec } from './schema.ts';

/** Stages of a run: targets of one kind, each reached linearly over its duration. */
export interface ResolvedStages {
  kind: 'connections' | 'rate';
  stages: { durationMs: number; target: number }[];
  /** Length of a run: the sum of the stages. */
  totalMs: number;
  /** The highest target: the connections opened, or the highest rate. */
  peak: number;
}

type StageInput = { duration: number; connections?: number; rate?: number }[];

/** Stages as the engines use them, or undefined when there are none. */
export function resolveStages(stages: StageInput | undefined): ResolvedStages | undefined {
  if (!stages || stages.length === 0) return undefined;
  const kind = stages.some((s) => s.rate !== undefined) ? 'rate' : 'connections';
  const list = stages.map((s) => ({
    durationMs: s.duration,
    target: (kind === 'rate' ? s.rate : s.connections) ?? 0,
  }));
  return {
    kind,
    stages: list,
    totalMs: list.reduce((sum, s) => sum + s.durationMs, 0),
    peak: Math.max(...list.map((s) => s.target)),
  };
}

/**
 * A weighted mix as one cycle of steps, interleaved by smooth weighted round-robin (nginx's
 * upstream algorithm): weights 3 and 1 give A A B A, so every stretch of a run holds the
 * proportions, and every run sends the same requests in the same order.
 */
export function mixSteps(mix: (RequestSpec & { weight: number })[]): RequestSpec[] {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const unit = mix.reduce((g, m) => gcd(g, m.weight), 0) || 1;
  const weights = mix.map((m) => m.weight / unit);
  const total = weights.reduce((sum, w) => sum + w, 0);
  const current = mix.map(() => 0);
  const out: RequestSpec[] = [];
  for (let n = 0; n < total; n++) {
    let best = 0;
    weights.forEach((w, i) => {
      current[i] = (current[i] as number) + w;
      if ((current[i] as number) > (current[best] as number)) best = i;
    });
    current[best] = (current[best] as number) - total;
    const { weight: _w, ...request } = mix[best] as RequestSpec & { weight: number };
    out.push(request);
  }
  return out;
}

/** Objectives in the record's units, the workload's over the config's; undefined when none. */
export function resolveObjectives(
  ...layers: (ObjectivesSpec | undefined)[]
): Partial<Record<GatedMetric, number>> | undefined {
  const out: Partial<Record<GatedMetric, number>> = {};
  for (const layer of layers) {
    if (!layer) continue;
    for (const [metric, value] of Object.entries(layer) as [GatedMetric, number | undefined][]) {
      if (value === undefined) continue;
      // Latency in the record is in µs, CPU per request in ms, memory in bytes.
      out[metric] = metric === 'p50' || metric === 'p90' || metric === 'p99' ? value * 1000 : value;
    }
  }
  return Object.keys(out).length ? out : undefined;
}
