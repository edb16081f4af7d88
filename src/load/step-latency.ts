// Latency per step of a sequence or entry of a mix, for the built-in client: one recorder per
// distinct step (method and path as configured), so a step repeated in a mix's cycle is one row.
import { LatencyRecorder } from './latency-recorder.ts';
import type { Step } from './request-bytes.ts';
import type { LoadResult } from './types.ts';

/** One recorder per distinct step (method and path as configured) when there are several. */
export function stepRecorders(steps: Step[]): Map<Step, LatencyRecorder> | null {
  const label = (s: Step) => `${s.spec.method ?? 'GET'} ${s.spec.path}`;
  const labels = new Map<string, LatencyRecorder>();
  for (const s of steps) if (!labels.has(label(s))) labels.set(label(s), new LatencyRecorder());
  if (labels.size < 2) return null;
  return new Map(steps.map((s) => [s, labels.get(label(s)) as LatencyRecorder]));
}

/** The result with each step's latency, in the order the steps first appear. */
export function withSteps(
  result: LoadResult,
  recorders: Map<Step, LatencyRecorder> | null,
): LoadResult {
  if (!recorders) return result;
  const seen = new Map<LatencyRecorder, string>();
  for (const [s, r] of recorders)
    if (!seen.has(r)) seen.set(r, `${s.spec.method ?? 'GET'} ${s.spec.path}`);
  const steps = [...seen].map(([r, step]) => ({ step, requests: r.count, latencyUs: r.summary() }));
  return { ...result, steps };
}
