// The order in which a session made its runs, read back from a results record, and the order
// the scheduler gives a seed: together they check that `--seed` replays a session's order.
import type { ResultsRecord } from '../../src/record/record.ts';
import { nextRound, type ScheduleWorkload } from '../../src/run/schedule.ts';
import { createRng } from '../../src/stats/random.ts';

/** The workload indices of every round, in the order the runs started. */
export function roundOrders(record: ResultsRecord): number[][] {
  const runs = record.workloads.flatMap((w, wi) => w.runs.map((r) => ({ wi, r })));
  const rounds: number[][] = [];
  for (const { wi, r } of runs.sort((a, b) => a.r.startedAt.localeCompare(b.r.startedAt))) {
    (rounds[r.round] ??= []).push(wi);
  }
  return rounds;
}

/** The round orders the scheduler gives `seed` with interleaved rounds (restart never or per-run). */
export function expectedRoundOrders(workloads: ScheduleWorkload[], seed: number): number[][] {
  const rng = createRng(seed);
  const progress = workloads.map(() => ({ made: 0, stopReason: null }));
  const rounds: number[][] = [];
  for (;;) {
    const order = nextRound(workloads, progress, rng);
    if (order.length === 0) return rounds;
    for (const wi of order) (progress[wi] as { made: number }).made += 1;
    rounds.push(order);
  }
}
