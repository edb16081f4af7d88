// Stops a whole process tree: SIGTERM, a grace period, then SIGKILL for whatever is left.
import { setTimeout as sleep } from 'node:timers/promises';
import { isAlive, type TrackedTree } from './process-tree.ts';

const POLL_MS = 50;
/** How long to wait for processes to vanish after SIGKILL before giving up. */
const KILL_WAIT_MS = 5_000;

/**
 * Sends SIGTERM to the tree's process group and to every process of the tree (descendants may
 * have moved to other groups), waits up to `graceMs` for all of them to exit (cut short when
 * `hurry` is aborted: a second Ctrl-C), then sends SIGKILL to the rest. Resolves when none is
 * left (or, should a process survive SIGKILL, e.g. stuck in uninterruptible I/O, after a few
 * more seconds).
 */
export async function stopTree(
  tree: TrackedTree,
  graceMs: number,
  hurry?: AbortSignal,
): Promise<void> {
  const live = () => tree.refresh().filter(isAlive);
  let alive = live();
  if (alive.length === 0) return;
  tree.signal('SIGTERM', alive);
  const termDeadline = Date.now() + graceMs;
  while (alive.length > 0 && Date.now() < termDeadline && !hurry?.aborted) {
    await sleep(POLL_MS);
    alive = live();
  }
  const killDeadline = Date.now() + KILL_WAIT_MS;
  while (alive.length > 0 && Date.now() < killDeadline) {
    tree.signal('SIGKILL', alive);
    await sleep(POLL_MS);
    alive = live();
  }
}

/** Sends SIGKILL to the group and the whole tree at once, synchronously (for process 'exit'). */
export function killTreeSync(tree: TrackedTree): void {
  tree.signal('SIGKILL', tree.refresh());
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is gone already.
  }
}

/**
 * Without /proc (macOS, BSD) the tree cannot be listed: SIGTERM to the process group, wait for
 * the leader to exit or the grace period, then SIGKILL to the group. Descendants that left the
 * group are out of reach there; on Linux stopTree() finds them.
 */
export async function stopGroup(
  pgid: number,
  exited: Promise<unknown>,
  graceMs: number,
): Promise<void> {
  signalGroup(pgid, 'SIGTERM');
  const gone = await Promise.race([exited.then(() => true), sleep(graceMs, false, { ref: false })]);
  // The leader may be gone while the rest of its group still runs: SIGKILL to what is left.
  signalGroup(pgid, 'SIGKILL');
  if (!gone) await Promise.race([exited, sleep(KILL_WAIT_MS, undefined, { ref: false })]);
}

/** SIGKILL to a process group at once, synchronously (for process 'exit', without /proc). */
export function killGroupSync(pgid: number): void {
  signalGroup(pgid, 'SIGKILL');
}
