// A server runs in a session of its own (it is started detached, so that its whole tree can be
// signalled). Linux's autogroup scheduling gives every new session a group of its own at nice 0,
// whatever perfgate's niceness, and shares the CPU between groups first: a server started by
// `nice -n 10 perfgate run` would take the CPU like any other session. Its group gets perfgate's
// niceness instead.
import { writeFileSync } from 'node:fs';
import os from 'node:os';

/**
 * Gives the autogroup of `pid` (the leader of a new session) this process's niceness, when it is
 * above 0. Does nothing where there is no autogroup (disabled, not Linux) or the write is refused.
 */
export function keepNiceness(pid: number): void {
  let nice: number;
  try {
    nice = os.getPriority();
  } catch {
    return;
  }
  if (nice <= 0) return;
  try {
    writeFileSync(`/proc/${pid}/autogroup`, String(nice));
  } catch {
    // No autogroup for this process: its niceness already applies as it is.
  }
}
