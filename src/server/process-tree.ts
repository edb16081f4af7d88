// Reads process trees, CPU time and memory from Linux /proc. Every reader tolerates processes
// that vanish between listing and reading (ENOENT/ESRCH): a dead process simply is not counted.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

/** One process as /proc/<pid>/stat describes it (see proc(5), "/proc/pid/stat"). */
export interface ProcStat {
  pid: number;
  ppid: number;
  /** Process group id. */
  pgid: number;
  /** One-letter state: R, S, D, Z (zombie), T, ... */
  state: string;
  /** utime + stime, in clock ticks. */
  cpuTicks: number;
  /** cutime + cstime: CPU of children this process has already waited for, in clock ticks. */
  childCpuTicks: number;
  /** Start time after boot, in clock ticks; with pid it identifies a process across pid reuse. */
  startTime: number;
  /** Resident set size, in pages. */
  rssPages: number;
}

let clockTicks: number | undefined;
let pageSize: number | undefined;

function getconf(name: string, fallback: number): number {
  try {
    const n = Number(execFileSync('getconf', [name], { encoding: 'utf8' }).trim());
    return Number.isInteger(n) && n > 0 ? n : fallback;
  } catch {
    return fallback;
  }
}

/** Clock ticks per second (USER_HZ) used by /proc CPU times; read once, 100 when unknown. */
export function clockTicksPerSecond(): number {
  clockTicks ??= getconf('CLK_TCK', 100);
  return clockTicks;
}

/** Memory page size in bytes; read once, 4096 when unknown. */
export function pageSizeBytes(): number {
  pageSize ??= getconf('PAGESIZE', 4096);
  return pageSize;
}

/** Parses one /proc/<pid>/stat line; the command name may contain spaces and parentheses. */
export function parseProcStat(text: string): ProcStat | null {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  const pid = Number(text.slice(0, open).trim());
  // Fields after the command, starting at field 3 (state): index = field number - 3.
  const f = text
    .slice(close + 2)
    .trim()
    .split(' ');
  const n = (field: number) => Number(f[field - 3]);
  if (f.length < 22) return null;
  return {
    pid,
    ppid: n(4),
    pgid: n(5),
    state: f[0] ?? '?',
    cpuTicks: n(14) + n(15),
    childCpuTicks: n(16) + n(17),
    startTime: n(22),
    rssPages: n(24),
  };
}

/** Reads /proc/<pid>/stat; null when the process does not exist (any more). */
export function readProcStat(pid: number): ProcStat | null {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
}

/** Every process currently visible in /proc. */
export function listProcesses(): ProcStat[] {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return [];
  }
  const out: ProcStat[] = [];
  for (const name of names) {
    if (name.charCodeAt(0) < 48 || name.charCodeAt(0) > 57) continue;
    const stat = readProcStat(Number(name));
    if (stat) out.push(stat);
  }
  return out;
}

/** True when the process exists and is not a zombie (a zombie has exited but not been reaped). */
export function isAlive(stat: ProcStat | null): stat is ProcStat {
  return stat !== null && stat.state !== 'Z' && stat.state !== 'X';
}

/**
 * The processes `roots`, all their descendants, and every member of process group `pgid` with
 * its descendants (a group member whose parent died is re-parented away from the tree but is
 * still ours). Zombies are included; filter with isAlive(). `all` defaults to a fresh scan.
 */
export function listTree(
  roots: number | readonly number[],
  pgid: number | null = null,
  all: ProcStat[] = listProcesses(),
): ProcStat[] {
  const rootSet = new Set(typeof roots === 'number' ? [roots] : roots);
  const children = new Map<number, ProcStat[]>();
  for (const p of all) {
    const list = children.get(p.ppid);
    if (list) list.push(p);
    else children.set(p.ppid, [p]);
  }
  const found = new Map<number, ProcStat>();
  const queue = all.filter((p) => rootSet.has(p.pid) || p.pgid === pgid);
  while (queue.length > 0) {
    const p = queue.pop() as ProcStat;
    if (found.has(p.pid)) continue;
    found.set(p.pid, p);
    for (const c of children.get(p.pid) ?? []) queue.push(c);
  }
  return [...found.values()];
}

/** Summed CPU time and resident memory of a set of processes. */
export interface TreeTotals {
  /**
   * utime + stime + cutime + cstime of every process, in milliseconds. Including cutime/cstime
   * keeps the total from dropping when a descendant exits and its parent in the tree reaps it.
   * CPU of a descendant re-parented outside the tree (its parent died first) is lost when it
   * exits; a process that has exited but not yet been reaped still shows its own time.
   */
  cpuMs: number;
  /** Summed RSS of the live processes, in bytes. Shared pages are counted once per process. */
  rssBytes: number;
}

/** Sums CPU time and RSS over `procs` (as listed by listTree). */
export function sumTree(procs: ProcStat[]): TreeTotals {
  let ticks = 0;
  let pages = 0;
  for (const p of procs) {
    ticks += p.cpuTicks + p.childCpuTicks;
    if (isAlive(p)) pages += p.rssPages;
  }
  return { cpuMs: (ticks * 1000) / clockTicksPerSecond(), rssBytes: pages * pageSizeBytes() };
}
