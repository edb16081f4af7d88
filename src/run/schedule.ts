import { shuffle } from '../stats/random.ts';

// Pure scheduling of runs: which workload runs next, whether a run is warm-up, when a workload
// is done. Kept apart from the I/O so the order can be tested and replayed from a seed.

/** How often a fresh server is started. */
export type RestartPolicy = 'never' | 'per-workload' | 'per-run';

/** What the scheduler needs to know of a workload. */
export interface ScheduleWorkload {
  warmup: number;
  runs: number | 'auto';
  minRuns: number;
  maxRuns: number;
}

/** Progress of one workload during a session. */
export interface WorkloadProgress {
  /** Runs made so far, warm-up included. */
  made: number;
  /** Set once sampling has stopped, with the reason shown in the report. */
  stopReason: string | null;
}

/** The number of kept runs a workload is aiming for now (for progress display). */
export function targetKeptRuns(w: ScheduleWorkload): number {
  return w.runs === 'auto' ? w.maxRuns : w.runs;
}

/** True when the workload needs no more runs. */
export function isDone(w: ScheduleWorkload, p: WorkloadProgress): boolean {
  if (p.stopReason !== null) return true;
  return p.made >= w.warmup + targetKeptRuns(w);
}

/** Whether the next run of this workload is a warm-up run. */
export function nextIsWarmup(w: ScheduleWorkload, p: WorkloadProgress): boolean {
  return p.made < w.warmup;
}

/**
 * With runs: auto, whether the judge should be asked after the latest run: at min-runs and
 * then every `batch` kept runs (statistics.md: looks after 5, 10, 15, 20 runs).
 */
export function isCheckpoint(w: ScheduleWorkload, p: WorkloadProgress, batch = 5): boolean {
  if (w.runs !== 'auto') return false;
  const kept = p.made - w.warmup;
  return kept >= w.minRuns && (kept - w.minRuns) % batch === 0;
}

/**
 * The order of the next round: the indices of the workloads not yet done, shuffled with `rng`
 * (Fisher-Yates), so that drift over the session does not fall on one workload.
 */
export function nextRound(
  workloads: readonly ScheduleWorkload[],
  progress: readonly WorkloadProgress[],
  rng: () => number,
): number[] {
  const active = workloads.flatMap((w, i) =>
    isDone(w, progress[i] as WorkloadProgress) ? [] : [i],
  );
  return shuffle(active, rng);
}
