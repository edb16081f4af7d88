import type { SessionEvent } from '../run/session-deps.ts';
import { formatLatencyUs, formatRate } from '../report/format.ts';

/** Where progress goes: a terminal gets one line rewritten in place, a log gets a line per run. */
export interface ProgressSink {
  write(text: string): void;
  isTTY: boolean;
}

/** "1m20s", "45s". */
function formatLeft(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/**
 * Time left in the session from the plan: runs left times each workload's run length (its
 * duration, or for a run that ends after a request count the mean of its runs so far); null
 * while a count-bounded workload has no run yet. Load only: server starts and setup add to it.
 */
class TimeLeft {
  private readonly plan = new Map<string, { left: number; runMs: number | null; done: number[] }>();

  set(workloads: { name: string; runs: number; runMs: number | null }[]): void {
    for (const w of workloads) this.plan.set(w.name, { left: w.runs, runMs: w.runMs, done: [] });
  }

  ended(workload: string, elapsedMs: number): void {
    const p = this.plan.get(workload);
    if (!p) return;
    p.left = Math.max(0, p.left - 1);
    p.done.push(elapsedMs);
  }

  /** Milliseconds left, `current` ms into the running run of `workload`. */
  left(workload: string, current: number): number | null {
    let total = 0;
    for (const [name, p] of this.plan) {
      const mean = p.done.length ? p.done.reduce((a, b) => a + b, 0) / p.done.length : null;
      const runMs = p.runMs ?? mean;
      if (p.left > 0 && runMs === null) return null;
      total += p.left * (runMs ?? 0) - (name === workload ? Math.min(current, runMs ?? 0) : 0);
    }
    return this.plan.size ? total : null;
  }
}

/** Turns session events into terminal progress: workload, run i of n, live req/s, time left. */
export function createProgressPrinter(out: ProgressSink): (e: SessionEvent) => void {
  // The run in progress on each side: in a duet (gate.pairing: duet) both sides run at once.
  const current = new Map<string, string>();
  const label = (side: string | undefined) => current.get(side ?? '') ?? '';
  let live = false;
  const time = new TimeLeft();
  const leftText = (workload: string, elapsedMs: number) => {
    const ms = time.left(workload, elapsedMs);
    return ms === null || ms < 1000 ? '' : `  ~${formatLeft(ms)} left`;
  };
  const clear = () => {
    if (live) out.write('\r\x1b[2K');
    live = false;
  };
  return (e) => {
    switch (e.type) {
      case 'server-start':
        clear();
        if (e.running) {
          out.write(`measuring the running server at ${e.running} (not started by perfgate)\n`);
          break;
        }
        out.write(
          `${e.side ? `[${e.side}] ` : ''}${e.workload ? `starting the server for "${e.workload}"` : 'starting the server'}\n`,
        );
        break;
      case 'base-checkout':
        clear();
        out.write(
          `[base] checked out ${e.sha.slice(0, 12)} in ${e.dir} (removed afterwards)${e.build ? `; building: ${e.build}` : ''}\n`,
        );
        break;
      case 'run-start':
        current.set(
          e.side ?? '',
          `${e.side ? `[${e.side}] ` : ''}${e.workload}  run ${e.run}/${e.of}${e.warmup ? ' (warm-up)' : ''}`,
        );
        if (out.isTTY) {
          clear();
          out.write(label(e.side));
          live = true;
        }
        break;
      case 'run-progress':
        if (out.isTTY) {
          clear();
          out.write(
            `${label(e.side)}  ${formatRate(e.reqPerSec)} req/s  ${(e.elapsedMs / 1000).toFixed(0)}s${leftText(e.workload, e.elapsedMs)}`,
          );
          live = true;
        }
        break;
      case 'session-plan':
        time.set(e.workloads);
        break;
      case 'run-end': {
        clear();
        const s = e.sample;
        time.ended(e.workload, s.elapsedMs);
        const errors = s.errorRate > 0 ? `  errors ${(s.errorRate * 100).toFixed(2)}%` : '';
        // The open model: what was sent against what was asked for, and what was not sent.
        const rate = s.rate
          ? `  sent ${formatRate(s.rate.achieved)} of ${formatRate(s.rate.target)} req/s${s.rate.dropped ? `, ${s.rate.dropped} due but not sent` : ''}`
          : '';
        out.write(
          `${label(e.side)}  ${formatRate(s.reqPerSec)} req/s  p50 ${formatLatencyUs(s.latencyUs.p50)}  p99 ${formatLatencyUs(s.latencyUs.p99)}${rate}${errors}${leftText(e.workload, 0)}\n`,
        );
        break;
      }
      case 'warning':
        clear();
        out.write(`warning${e.workload ? ` (${e.workload})` : ''}: ${e.message}\n`);
        break;
    }
  };
}
