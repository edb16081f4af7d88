// Marks every process a server starts with an environment cookie, so they can be found whatever
// they do: fork, double fork, setsid, re-parenting to init. Children inherit the environment and
// /proc/<pid>/environ keeps what the process was started with (as Jenkins' ProcessTreeKiller
// finds a build's processes by BUILD_ID). The cookie names its owner, the perfgate process, by pid
// and start time, so a later run can prove that a process whose owner is gone was left by perfgate.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { isAlive, listProcesses, readCookie, readProcStat, type ProcStat } from './process-tree.ts';

/** `<owner pid>.<owner start time>`: who started the process, stable across pid reuse. */
let ownTag: string | undefined;

/** The tag of this perfgate process, the first part of every cookie it hands out. */
export function ownerTag(): string {
  ownTag ??= `${process.pid}.${readProcStat(process.pid)?.startTime ?? 0}`;
  return ownTag;
}

/** A fresh cookie value under `prefix` (a watchdog's tag), unique per server. */
export function newCookie(prefix: string): string {
  return `${prefix}.${randomBytes(6).toString('hex')}`;
}

/** Live processes (not this one) whose cookie satisfies `match`. */
export function findMarked(
  match: (cookie: string) => boolean,
  all: ProcStat[] = listProcesses(),
): ProcStat[] {
  return all.filter((p) => {
    if (p.pid === process.pid || !isAlive(p)) return false;
    const cookie = readCookie(p.pid);
    return cookie !== null && match(cookie);
  });
}

/**
 * True when the perfgate process named by the cookie's owner tag may still run: its pid is alive
 * with the start time the tag gives. A tag with start time 0 comes from an owner that could not
 * read its own (a /proc it could not see); then only its pid tells, and a live one counts as the
 * owner, since nothing proves otherwise and stopping a running perfgate's server would break it.
 */
export function ownerAlive(cookie: string): boolean {
  const [pid, start] = cookie.split('.').map(Number);
  if (!Number.isInteger(pid) || (pid as number) <= 0) return false;
  const stat = readProcStat(pid as number);
  return isAlive(stat) && (start === 0 || stat.startTime === start);
}

/**
 * Processes provably left behind by a perfgate process that is gone: their cookie names an
 * owner (pid and start time) that no longer runs.
 */
export function findOrphans(all?: ProcStat[]): ProcStat[] {
  return findMarked((cookie) => !ownerAlive(cookie), all);
}

/**
 * SIGTERM to every process `find` returns, up to `graceMs` for them to exit, then SIGKILL to
 * the rest until none is left (at most 5 s more). Returns how many were signalled. Each pid is
 * checked again before every signal, so a pid reused meanwhile is not hit.
 */
export async function stopMarked(find: () => ProcStat[], graceMs: number): Promise<number> {
  const first = find();
  const signal = (procs: ProcStat[], sig: NodeJS.Signals) => {
    for (const p of procs) {
      try {
        process.kill(p.pid, sig);
      } catch {
        // Gone meanwhile.
      }
    }
  };
  signal(first, 'SIGTERM');
  let left = first;
  const termDeadline = Date.now() + graceMs;
  while (left.length > 0 && Date.now() < termDeadline) {
    await sleep(50);
    left = find();
  }
  const killDeadline = Date.now() + 5_000;
  while (left.length > 0 && Date.now() < killDeadline) {
    signal(left, 'SIGKILL');
    await sleep(50);
    left = find();
  }
  return first.length;
}
