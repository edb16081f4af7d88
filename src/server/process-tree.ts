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

/**
 * Where process information lives: /proc, or PERFGATE_PROC_DIR (tests point it at a folder
 * that does not exist to run as on a system without /proc, such as macOS).
 */
export function procDir(): string {
  return process.env.PERFGATE_PROC_DIR ?? '/proc';
}

/** Whether this system shows processes in /proc (Linux); without it CPU and memory are not measured. */
export function procAvailable(): boolean {
  try {
    return readdirSync(procDir()).length > 0 && readProcStat(process.pid) !== null;
  } catch {
    return false;
  }
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
    return parseProcStat(readFileSync(`${procDir()}/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
}

/** Every process currently visible in /proc. */
export function listProcesses(): ProcStat[] {
  let names: string[];
  try {
    names = readdirSync(procDir());
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

/** Sends `signal` to one pid or group (negative pid), ignoring "no such process" and similar. */
function trySignal(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // ESRCH: already gone. EPERM: not ours to signal (e.g. the pid was reused); skip it.
  }
}

/** The environment variable that carries the cookie. */
export const COOKIE_VAR = 'PERFGATE_SERVER_ID';

/** The cookie a process was started with, or null (none, gone, or not ours to read). */
export function readCookie(pid: number): string | null {
  let env: string;
  try {
    env = readFileSync(`/proc/${pid}/environ`, 'latin1');
  } catch {
    return null;
  }
  const key = `${COOKIE_VAR}=`;
  let at = 0;
  if (!env.startsWith(key)) {
    at = env.indexOf(`\0${key}`) + 1;
    if (at === 0) return null;
  }
  const end = env.indexOf('\0', at);
  return env.slice(at + key.length, end < 0 ? undefined : end);
}

/**
 * How often TrackedTree.sample() rescans the whole of /proc. A rescan reads one file per process
 * of the machine (1.3-2.1 ms of CPU with 72 processes, `npm run bench:sampler`; more with more);
 * sampled every 100 ms, that was over 1% of a core per server, taken from the machine being
 * measured.
 */
export const FULL_SCAN_EVERY = 5;

/**
 * The processes of one server's tree, remembered by pid and start time so that a pid reused by
 * an unrelated process after ours exited is never counted or signalled. Every refresh adds new
 * descendants of anything already tracked, so a process stays ours after its parent died and it
 * was re-parented, even outside the process group; the more often it is refreshed, the fewer
 * short-lived gaps.
 */
export class TrackedTree {
  private readonly known = new Map<number, number>();
  /** Processes whose environment was already read for the cookie: `pid:startTime` -> marked. */
  private readonly cookieChecked = new Map<string, boolean>();
  private firstScan = true;
  /** Calls of sample() so far: every FULL_SCAN_EVERY-th rescans /proc. */
  private samples = 0;

  /**
   * `rootPid`: the leader; `pgid`: its process group (the same pid for a detached child);
   * `cookie`: the environment cookie the leader was started with (see process-cookie.ts), which
   * finds descendants that left the tree and the group (a double-forked daemon, `setsid`).
   */
  constructor(
    private readonly rootPid: number,
    private readonly pgid: number = rootPid,
    private readonly cookie: string | null = null,
  ) {}

  /**
   * Rescans /proc once and returns the tree's processes, zombies included (they still hold
   * their CPU time until reaped); filter with isAlive() for the ones that can be signalled.
   */
  refresh(): ProcStat[] {
    const all = listProcesses();
    // Roots: the leader, the group, and every process seen before, so that children of a
    // tracked process that left the group or lost its parent chain are still found.
    // A remembered pid whose start time changed was reused by an unrelated process: not a root.
    const byPid = new Map(all.map((p) => [p.pid, p]));
    const roots = [...this.known]
      .filter(([pid, t]) => byPid.get(pid)?.startTime === t)
      .map(([pid]) => pid);
    if (this.firstScan) roots.push(this.rootPid);
    this.firstScan = false;
    roots.push(...this.markedPids(all));
    const found: ProcStat[] = [];
    for (const p of listTree(roots, this.pgid, all)) {
      if (p.state === 'X') continue;
      const startTime = this.known.get(p.pid);
      if (startTime === undefined) this.known.set(p.pid, p.startTime);
      else if (startTime !== p.startTime) continue; // pid reused by an unrelated process
      found.push(p);
    }
    const foundIds = new Set(found.map((p) => p.pid));
    for (const pid of this.known.keys()) if (!foundIds.has(pid)) this.known.delete(pid);
    return found;
  }

  /**
   * The tree's processes for a periodic sample (peak memory): one call in FULL_SCAN_EVERY (and
   * the first) rescans /proc like refresh(); the others read only the processes already tracked,
   * a few files instead of one per process of the machine. A process started since the last
   * rescan is found by the next one (within FULL_SCAN_EVERY samples); one that exited, or whose
   * pid now belongs to another process, is left out at once.
   */
  sample(): ProcStat[] {
    if (this.firstScan || ++this.samples % FULL_SCAN_EVERY === 0) return this.refresh();
    const found: ProcStat[] = [];
    for (const [pid, startTime] of this.known) {
      const p = readProcStat(pid);
      if (p && p.startTime === startTime && p.state !== 'X') found.push(p);
    }
    return found;
  }

  /**
   * Pids in `all` started with this tree's cookie. Each process's environment is read once (a
   * process's initial environment never changes), so a refresh costs little after the first.
   */
  private markedPids(all: ProcStat[]): number[] {
    if (this.cookie === null) return [];
    const seen = new Set<string>();
    const out: number[] = [];
    for (const p of all) {
      const id = `${p.pid}:${p.startTime}`;
      seen.add(id);
      let marked = this.cookieChecked.get(id);
      if (marked === undefined) {
        marked = p.pid !== process.pid && readCookie(p.pid) === this.cookie;
        this.cookieChecked.set(id, marked);
      }
      if (marked) out.push(p.pid);
    }
    for (const id of this.cookieChecked.keys()) if (!seen.has(id)) this.cookieChecked.delete(id);
    return out;
  }

  /** Sends `signal` to the group and to each live process of `procs` (from refresh()). */
  signal(signal: NodeJS.Signals, procs: ProcStat[]): void {
    const alive = procs.filter(isAlive);
    // Signal the group only while one of our processes is in it, so a reused group id is safe.
    if (alive.some((p) => p.pgid === this.pgid)) trySignal(-this.pgid, signal);
    for (const p of alive) trySignal(p.pid, signal);
  }
}
