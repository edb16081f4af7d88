// Stops a whole process tree: SIGTERM, a grace period, then SIGKILL for whatever is left.
import { setTimeout as sleep } from 'node:timers/promises';
import { isAlive, listProcesses, listTree, type ProcStat } from './process-tree.ts';

const POLL_MS = 50;
/** How long to wait for processes to vanish after SIGKILL before giving up. */
const KILL_WAIT_MS = 5_000;

/** Sends `signal` to one pid or group (negative pid), ignoring "no such process" and similar. */
function trySignal(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // ESRCH: already gone. EPERM: not ours to signal (e.g. the pid was reused); skip it.
  }
}

/**
 * Processes of the tree, remembered by pid and start time so that a pid reused by an unrelated
 * process after ours exited is never signalled. New descendants are added on every refresh,
 * including children of tracked processes that were re-parented after their parent died.
 */
class TrackedTree {
  private readonly known = new Map<number, number>();
  private firstScan = true;

  constructor(
    private readonly rootPid: number,
    private readonly pgid: number,
  ) {}

  /** Rescans /proc once and returns the tracked processes that are still alive. */
  refresh(): ProcStat[] {
    const all = listProcesses();
    // Roots: the leader, the group, and every process seen before, so that children of a
    // tracked process that left the group or lost its parent chain are still found.
    // A remembered pid whose start time changed was reused by an unrelated process: not a root.
    const byPid = new Map(all.map((p) => [p.pid, p]));
    const roots = [...this.known].filter(([pid, t]) => byPid.get(pid)?.startTime === t).map(([pid]) => pid);
    if (this.firstScan) roots.push(this.rootPid);
    this.firstScan = false;
    const alive: ProcStat[] = [];
    for (const p of listTree(roots, this.pgid, all)) {
      if (!isAlive(p)) continue;
      const startTime = this.known.get(p.pid);
      if (startTime === undefined) this.known.set(p.pid, p.startTime);
      else if (startTime !== p.startTime) continue; // pid reused by an unrelated process
      alive.push(p);
    }
    const aliveIds = new Set(alive.map((p) => p.pid));
    for (const pid of this.known.keys()) if (!aliveIds.has(pid)) this.known.delete(pid);
    return alive;
  }

  signal(signal: NodeJS.Signals, alive: ProcStat[]): void {
    // Signal the group only while one of our processes is in it, so a reused group id is safe.
    if (alive.some((p) => p.pgid === this.pgid)) trySignal(-this.pgid, signal);
    for (const p of alive) trySignal(p.pid, signal);
  }
}

/**
 * Sends SIGTERM to process group `pgid` and to every process of the tree rooted at `rootPid`
 * (descendants may have moved to other groups), waits up to `graceMs` for all of them to exit,
 * then sends SIGKILL to the rest. Resolves when none is left (or, should a process survive
 * SIGKILL, e.g. stuck in uninterruptible I/O, after a few more seconds).
 */
export async function stopTree(rootPid: number, pgid: number, graceMs: number): Promise<void> {
  const tree = new TrackedTree(rootPid, pgid);
  let alive = tree.refresh();
  if (alive.length === 0) return;
  tree.signal('SIGTERM', alive);
  const termDeadline = Date.now() + graceMs;
  while (alive.length > 0 && Date.now() < termDeadline) {
    await sleep(POLL_MS);
    alive = tree.refresh();
  }
  const killDeadline = Date.now() + KILL_WAIT_MS;
  while (alive.length > 0 && Date.now() < killDeadline) {
    tree.signal('SIGKILL', alive);
    await sleep(POLL_MS);
    alive = tree.refresh();
  }
}

/** Sends SIGKILL to the group and the whole tree at once, synchronously (for process 'exit'). */
export function killTreeSync(rootPid: number, pgid: number): void {
  const tree = new TrackedTree(rootPid, pgid);
  tree.signal('SIGKILL', tree.refresh());
}
