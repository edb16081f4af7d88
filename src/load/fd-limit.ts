import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { LoadError } from './types.ts';

// Every connection of a run is a file descriptor of the load process. Under the common soft
// limit of 1024, 5,000 connections fail by the thousand with EMFILE and the run reports
// connection errors instead of the server's behaviour. Node cannot call setrlimit, so the
// load process is started through `sh -c 'ulimit -n N; exec ...'` when its soft limit is too
// low: raising the soft limit up to the hard limit needs no privilege (Go's runtime does the
// same at start). Above the hard limit the run is refused before any load is sent.

/** File descriptors the load process uses besides its connections (stdio, IPC, epoll, ...). */
export const FD_OVERHEAD = 64;

/** The open-files limits of this process (the load process inherits them). */
export interface FdLimits {
  soft: number;
  hard: number;
}

const parseLimit = (text: string | undefined): number =>
  text === undefined || /^unlimited$/i.test(text.trim()) ? Infinity : Number(text.trim());

/** Reads the limits from /proc (Linux), else from the shell's `ulimit`; null when unknown. */
export function readFdLimits(): FdLimits | null {
  try {
    const m = /^Max open files\s+(\S+)\s+(\S+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    if (m) return { soft: parseLimit(m[1]), hard: parseLimit(m[2]) };
  } catch {
    // not Linux: ask the shell
  }
  const r = spawnSync('sh', ['-c', 'ulimit -Sn; ulimit -Hn'], { encoding: 'utf8' });
  const [soft, hard] = (r.stdout ?? '').trim().split(/\s+/);
  if (r.status !== 0 || soft === undefined || hard === undefined) return null;
  const limits = { soft: parseLimit(soft), hard: parseLimit(hard) };
  return Number.isNaN(limits.soft) || Number.isNaN(limits.hard) ? null : limits;
}

/**
 * The soft limit to start the load process with for `connections`: null when the current one
 * suffices (or the limits are unknown), else the number to raise it to. Throws a LoadError,
 * naming `ulimit -n` and the number needed, when even the hard limit is too low.
 */
export function fdLimitFor(connections: number, limits: FdLimits | null): number | null {
  const needed = connections + FD_OVERHEAD;
  if (limits === null || needed <= limits.soft) return null;
  if (needed > limits.hard) {
    throw new LoadError(
      `${connections} connections need about ${needed} open files, but this process may open at most ${limits.hard} (ulimit -n, hard limit): raise it with \`ulimit -n ${needed}\` (or more) before starting perfgate, or use fewer connections`,
    );
  }
  // Raise it as far as allowed, so later runs with more connections reuse the process.
  return Number.isFinite(limits.hard) ? limits.hard : Math.max(needed, 1_048_576);
}
