// Stages of a run (`stages:`): a target of connections or of a rate, reached linearly over each
// stage from the level before (0 at the start). Pure arithmetic over the resolved stages; the
// engines ask it when to open a connection (closed model) or when the next request is due
// (open model, staged-pacer.ts).
import type { ResolvedStages } from '../config/resolve-extras.ts';

/** The target (connections or requests/s) `tMs` after the start of the run. */
export function targetAt(s: ResolvedStages, tMs: number): number {
  let from = 0;
  let start = 0;
  for (const stage of s.stages) {
    const end = start + stage.durationMs;
    if (tMs < end) return from + ((stage.target - from) * (tMs - start)) / stage.durationMs;
    from = stage.target;
    start = end;
  }
  return from;
}

/** Whether connection `index` (from 0) is open `tMs` after the start: the target exceeds it. */
export function isConnectionActive(s: ResolvedStages, index: number, tMs: number): boolean {
  return targetAt(s, tMs) >= index + 1;
}

/** When the target first reaches `level` (ms after the start), or null when it never does. */
export function firstReachAt(s: ResolvedStages, level: number): number | null {
  let from = 0;
  let start = 0;
  for (const stage of s.stages) {
    if (stage.target >= level && from < level) {
      return start + (stage.durationMs * (level - from)) / (stage.target - from);
    }
    if (from >= level) return start;
    from = stage.target;
    start += stage.durationMs;
  }
  return from >= level ? start : null;
}

/**
 * When the k-th request (from 0) of a staged open-model run is due, in ms after the start, or
 * null past the end of the run. The expected count of requests by time t is the integral of the
 * rate; request k is due where that integral reaches k + 1/2 (a constant rate r gives
 * (k + 0.5) / r seconds: the schedule of wrk2 shifted by half an interval).
 */
export function dueAt(s: ResolvedStages, k: number): number | null {
  let remaining = k + 0.5;
  let from = 0;
  let start = 0;
  for (const stage of s.stages) {
    const d = stage.durationMs / 1000;
    const a = from;
    const b = stage.target;
    const count = ((a + b) / 2) * d;
    if (remaining <= count && count > 0) {
      // Solve a x + (b - a) x² / (2 d) = remaining for x in [0, d] (seconds into the stage).
      const slope = (b - a) / d;
      const x =
        Math.abs(slope) < 1e-12
          ? remaining / a
          : (-a + Math.sqrt(Math.max(0, a * a + 2 * slope * remaining))) / slope;
      return start + Math.min(d, Math.max(0, x)) * 1000;
    }
    remaining -= count;
    from = b;
    start += stage.durationMs;
  }
  return null;
}
