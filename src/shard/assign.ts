import { createHash } from 'node:crypto';
import type { ResolvedWorkload } from '../config/resolve.ts';

// Which shard measures which workload. Pure and deterministic: every shard job and the merge
// compute the same assignment from the config alone, with nothing to coordinate.
//
// The rule is rendezvous hashing with bounded loads (Thaler and Ravishankar 1998 for the
// hashing; Mirrokni, Thorup and Zadimoghaddam 2018, "Consistent hashing with bounded loads",
// for the cap):
// 1. every (workload name, shard) pair gets a score, the sha256 of the name and the shard
//    number; a workload prefers the shards in descending order of its scores;
// 2. workloads are placed heaviest first (expected load time, then by the hash of the name, so
//    the order does not depend on the config's order), each in the first shard of its
//    preference that stays within CAP_SLACK of the average load; when none has room, in the
//    least loaded shard;
// 3. a shard left empty takes the lightest workload of the fullest shard holding two or more.
// A plain hash would be stable but unbalanced (6 workloads on 3 shards often split 3/2/1); a
// plain longest-job-first balance would reshuffle most workloads whenever one is added. With
// the cap, a shard is at most ~10% over the average (or one workload over it) and adding a
// workload moves few others (the test measures how many).

/** How far over the average expected load a shard may go before a workload tries its next choice. */
export const CAP_SLACK = 0.1;

/** What the assignment needs of a workload. */
export interface WeightedWorkload {
  name: string;
  /** Expected load time in ms (only the proportions matter). */
  expectedMs: number;
}

/**
 * Expected load time of a workload: (warm-up + kept runs) x the length of one run. A run
 * bounded by `requests` lasts requests / rate with a rate, else it counts as `duration`;
 * `runs: auto` counts max-runs, bounded by its budget.
 */
export function expectedLoadMs(w: ResolvedWorkload): number {
  const perRun =
    w.requests !== null && w.rate !== null ? (w.requests / w.rate) * 1000 : w.durationMs;
  const kept = w.runs === 'auto' ? Math.min(w.maxRuns * perRun, w.budgetMs) : w.runs * perRun;
  return Math.max(1, w.warmup * perRun + kept);
}

function score(name: string, shard: number): bigint {
  const digest = createHash('sha256').update(`${name}\u0000${shard}`).digest();
  return digest.readBigUInt64BE(0);
}

function nameHash(name: string): bigint {
  return createHash('sha256').update(name).digest().readBigUInt64BE(0);
}

/**
 * The shard (1 to count) of every workload, in the order given. Throws a RangeError when
 * count is not a positive integer.
 */
export function assignShards(workloads: readonly WeightedWorkload[], count: number): number[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`shard count ${count}`);
  const total = workloads.reduce((s, w) => s + w.expectedMs, 0);
  const cap = (total / count) * (1 + CAP_SLACK);
  const order = workloads
    .map((w, i) => ({ i, w, h: nameHash(w.name) }))
    .sort(
      (a, b) =>
        b.w.expectedMs - a.w.expectedMs ||
        (a.h < b.h ? -1 : a.h > b.h ? 1 : 0) ||
        (a.w.name < b.w.name ? -1 : 1),
    );
  const load = new Array<number>(count).fill(0);
  const members: number[][] = Array.from({ length: count }, () => []);
  const result = new Array<number>(workloads.length).fill(0);
  for (const { i, w } of order) {
    const prefs = Array.from({ length: count }, (_, s) => ({ s, score: score(w.name, s + 1) }))
      .sort((a, b) => (a.score > b.score ? -1 : a.score < b.score ? 1 : a.s - b.s))
      .map((p) => p.s);
    let chosen = prefs.find((s) => (load[s] as number) + w.expectedMs <= cap * (1 + 1e-12));
    if (chosen === undefined) {
      chosen = prefs.reduce((best, s) => ((load[s] as number) < (load[best] as number) ? s : best));
    }
    load[chosen] = (load[chosen] as number) + w.expectedMs;
    (members[chosen] as number[]).push(i);
    result[i] = chosen + 1;
  }
  fillEmptyShards(workloads, members, load, result);
  return result;
}

function fillEmptyShards(
  workloads: readonly WeightedWorkload[],
  members: number[][],
  load: number[],
  result: number[],
): void {
  for (let empty = 0; empty < members.length; empty++) {
    if ((members[empty] as number[]).length > 0) continue;
    let donor = -1;
    for (let s = 0; s < members.length; s++) {
      if ((members[s] as number[]).length < 2) continue;
      if (donor < 0 || (load[s] as number) > (load[donor] as number)) donor = s;
    }
    if (donor < 0) return; // fewer workloads than shards
    const from = members[donor] as number[];
    const lightest = from.reduce((a, b) => {
      const wa = (workloads[a] as WeightedWorkload).expectedMs;
      const wb = (workloads[b] as WeightedWorkload).expectedMs;
      return wb < wa || (wb === wa && b > a) ? b : a;
    });
    from.splice(from.indexOf(lightest), 1);
    (members[empty] as number[]).push(lightest);
    const ms = (workloads[lightest] as WeightedWorkload).expectedMs;
    load[donor] = (load[donor] as number) - ms;
    load[empty] = ms;
    result[lightest] = empty + 1;
  }
}

/** The names of the workloads one shard measures, in config order. */
export function workloadsOfShard(
  workloads: readonly ResolvedWorkload[],
  shard: { index: number; count: number },
): string[] {
  const assigned = assignShards(
    workloads.map((w) => ({ name: w.name, expectedMs: expectedLoadMs(w) })),
    shard.count,
  );
  return workloads.filter((_, i) => assigned[i] === shard.index).map((w) => w.name);
}
