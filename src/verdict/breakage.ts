import type { ResultsRecord } from '../record/record.ts';
import { keptRuns } from '../record/record.ts';
import { runCounts } from './error-rate-stats.ts';

// Breakage is a failure, not noise (statistics.md, "Breakage is not noise"): a kept run in which
// no request succeeded, or in which more requests failed than a hard limit allows, fails the gate
// whatever the log-scale statistics can or cannot say about it. The statistics are built to be
// robust to an outlier run, which is exactly what a run against a broken server looks like; and
// a run with no successful response has no latency or throughput to compare at all. Pure.

/** Default of `gate.max-error-rate`: a run in which most requests failed is broken. */
export const DEFAULT_MAX_ERROR_RATE = 0.5;

/** How one workload of the candidate is broken. */
export interface BrokenWorkload {
  name: string;
  /** Kept runs of the workload. */
  runs: number;
  /** Kept runs without a single successful response. */
  noSuccess: number;
  /** Kept runs with at least one success whose error rate is above `limit`. */
  overLimit: number;
  /** The limit applied: max-error-rate, or the baseline's own worst kept run when higher. */
  limit: number;
  /** The highest error rate of a kept run. */
  worstRate: number;
}

/** The broken workloads of a record and the one-line reason, or null when nothing is broken. */
export interface Breakage {
  workloads: BrokenWorkload[];
  /** "broken — hello: 3 of 10 runs had no successful response". */
  summary: string;
}

/** Options of `findBreakage`. */
export interface BreakageOptions {
  /** Hard limit on the error rate of one kept run, a fraction; default 0.5. */
  maxErrorRate?: number;
  /** The baseline records, whose own worst kept run raises the limit of a workload. */
  baselines?: readonly ResultsRecord[];
}

/** A run's error rate from its counts (failures over attempts; 1 when nothing was attempted). */
function runRate(run: Parameters<typeof runCounts>[0]): number {
  const c = runCounts(run);
  return c.attempts > 0 ? c.failures / c.attempts : 1;
}

/**
 * The limit for one workload. A workload whose baseline already had runs above max-error-rate
 * (an endpoint that sheds load with 429s, say) is judged against its own worst kept run, so a
 * known high rate does not fail every pull request as "broken"; the error-rate test still
 * compares the two sides. Runs with no success are broken whatever the baseline did.
 */
function limitFor(name: string, maxErrorRate: number, baselines: readonly ResultsRecord[]): number {
  let limit = maxErrorRate;
  for (const b of baselines) {
    const w = b.workloads.find((x) => x.name === name);
    for (const r of w ? keptRuns(w) : []) if (hasSuccess(r)) limit = Math.max(limit, runRate(r));
  }
  return limit;
}

function hasSuccess(run: Parameters<typeof runCounts>[0]): boolean {
  return run.requests - run.errors.status - run.errors.body > 0;
}

function pct(x: number): string {
  const s = (x * 100).toFixed(1);
  return `${s.endsWith('.0') ? s.slice(0, -2) : s}%`;
}

function describe(w: BrokenWorkload): string {
  const parts: string[] = [];
  if (w.noSuccess > 0)
    parts.push(
      `${w.noSuccess} of ${w.runs} run${w.runs === 1 ? '' : 's'} had no successful response`,
    );
  if (w.overLimit > 0) {
    const of = parts.length ? `${w.overLimit} more` : `${w.overLimit} of ${w.runs} runs`;
    parts.push(`${of} had more than ${pct(w.limit)} errors (worst ${pct(w.worstRate)})`);
  }
  return `${w.name}: ${parts.join(', ')}`;
}

/** The broken workloads of `record`: kept runs without a success or above the error limit. */
export function findBreakage(
  record: ResultsRecord,
  options: BreakageOptions = {},
): Breakage | null {
  const maxErrorRate = options.maxErrorRate ?? DEFAULT_MAX_ERROR_RATE;
  const workloads: BrokenWorkload[] = [];
  for (const w of record.workloads) {
    const runs = keptRuns(w);
    const limit = limitFor(w.name, maxErrorRate, options.baselines ?? []);
    const rates = runs.map(runRate);
    const noSuccess = runs.filter((r) => !hasSuccess(r)).length;
    const overLimit = runs.filter((r, i) => hasSuccess(r) && (rates[i] as number) > limit).length;
    if (noSuccess + overLimit === 0) continue;
    const worstRate = Math.max(...rates);
    workloads.push({ name: w.name, runs: runs.length, noSuccess, overLimit, limit, worstRate });
  }
  if (workloads.length === 0) return null;
  const shown = workloads.slice(0, 3).map(describe).join('; ');
  const more = workloads.length > 3 ? `; +${workloads.length - 3} more workloads` : '';
  return { workloads, summary: `broken — ${shown}${more}` };
}
