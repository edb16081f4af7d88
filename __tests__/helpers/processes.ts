// Process helpers for tests: which processes a test left behind, read from Linux /proc.
// Deliberately independent of src/server/process-tree.ts, so they can check it.
import { readFileSync, readdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Environment variable marking every process this test process starts (children inherit it).
 * It finds leftovers even after their parent died and they were re-parented to init, where a
 * walk down from process.pid no longer reaches them.
 */
export const TEST_OWNER_VAR = 'PERFGATE_TEST_OWNER';
const ownerToken = `${process.pid}-${Date.now()}`;
process.env[TEST_OWNER_VAR] = ownerToken;

/** A process seen in /proc. */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  pgid: number;
  /** One-letter state; Z is a zombie (exited, not yet reaped). */
  state: string;
  /** The command line, for readable failure messages. */
  cmdline: string;
}

/** Reads one process from /proc, or null when it does not exist. */
export function readProcess(pid: number): ProcessInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    } catch {
      // Exited between the two reads.
    }
    return {
      pid,
      ppid: Number(fields[1]),
      pgid: Number(fields[2]),
      state: fields[0] ?? '?',
      cmdline,
    };
  } catch {
    return null;
  }
}

/** Every process in /proc (zombies included). */
export function allProcesses(): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const p = readProcess(Number(name));
    if (p) out.push(p);
  }
  return out;
}

/** True when `pid` exists and is not a zombie. */
export function isRunning(pid: number): boolean {
  const p = readProcess(pid);
  return p !== null && p.state !== 'Z' && p.state !== 'X';
}

/** Live (non-zombie) descendants of `root` (default: this process), children first. */
export function descendants(root = process.pid): ProcessInfo[] {
  const all = allProcesses().filter((p) => p.state !== 'Z' && p.state !== 'X');
  const out: ProcessInfo[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const parent = queue.shift() as number;
    for (const p of all) {
      if (p.ppid === parent) {
        out.push(p);
        queue.push(p.pid);
      }
    }
  }
  return out;
}

/** True when `pid` was started with this test process's owner marker in its environment. */
function hasOwnerMarker(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'latin1')
      .split('\0')
      .includes(`${TEST_OWNER_VAR}=${ownerToken}`);
  } catch {
    return false; // gone, or not ours to read
  }
}

/**
 * Live processes this test process is responsible for: its descendants, plus any process that
 * inherited its owner marker (an orphan re-parented to init). Excludes this process itself.
 */
export function leftoverProcesses(): ProcessInfo[] {
  const found = new Map(descendants().map((p) => [p.pid, p]));
  for (const p of allProcesses()) {
    if (p.pid === process.pid || found.has(p.pid) || p.state === 'Z' || p.state === 'X') continue;
    if (hasOwnerMarker(p.pid)) found.set(p.pid, p);
  }
  return [...found.values()];
}

/** Pids of the live descendants of `root` (default: this process). */
export function childPids(root = process.pid): number[] {
  return descendants(root).map((p) => p.pid);
}

/**
 * Waits up to `timeoutMs` for `pids` to be gone (exited or zombie); throws naming the survivors.
 */
export async function waitForExit(pids: readonly number[], timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let left = pids.filter(isRunning);
  while (left.length > 0 && Date.now() < deadline) {
    await sleep(50);
    left = left.filter(isRunning);
  }
  if (left.length > 0) {
    const names = left.map((pid) => `${pid} ${readProcess(pid)?.cmdline ?? ''}`).join('\n  ');
    throw new Error(`processes still running after ${timeoutMs} ms:\n  ${names}`);
  }
}

/**
 * "No process left": waits up to `timeoutMs` for leftoverProcesses() to be empty, then throws
 * listing any that remain. Use in afterEach of tests that start processes. Pids in
 * `ignore` (e.g. a helper started once in beforeAll) are not counted, nor are their children.
 */
export async function expectNoChildProcesses(
  timeoutMs = 3_000,
  ignore: readonly number[] = [],
): Promise<void> {
  const ignored = new Set(ignore);
  const current = () =>
    leftoverProcesses().filter((p) => !ignored.has(p.pid) && !ignored.has(p.ppid));
  const deadline = Date.now() + timeoutMs;
  let left = current();
  while (left.length > 0 && Date.now() < deadline) {
    await sleep(50);
    left = current();
  }
  if (left.length > 0) {
    const names = left.map((p) => `${p.pid} (parent ${p.ppid}) ${p.cmdline}`).join('\n  ');
    throw new Error(`child processes left running:\n  ${names}`);
  }
}

/**
 * Live processes started with the server cookie (PERFGATE_SERVER_ID) of the perfgate process
 * `ownerPid`: every process of every server it started, wherever they moved.
 */
export function markedProcesses(ownerPid: number): ProcessInfo[] {
  const key = `PERFGATE_SERVER_ID=${ownerPid}.`;
  return allProcesses().filter((p) => {
    if (p.state === 'Z' || p.state === 'X') return false;
    try {
      const env = readFileSync(`/proc/${p.pid}/environ`, 'latin1');
      return env.startsWith(key) || env.includes(`\0${key}`);
    } catch {
      return false;
    }
  });
}

/** Waits up to `timeoutMs` until markedProcesses(ownerPid) is empty; throws naming the rest. */
export async function expectNoMarkedProcesses(ownerPid: number, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let left = markedProcesses(ownerPid);
  while (left.length > 0 && Date.now() < deadline) {
    await sleep(50);
    left = markedProcesses(ownerPid);
  }
  if (left.length > 0) {
    const names = left.map((p) => `${p.pid} (parent ${p.ppid}) ${p.cmdline}`).join('\n  ');
    throw new Error(`processes of perfgate ${ownerPid} still running:\n  ${names}`);
  }
}
