// Process-wide list of running servers, so that none outlives perfgate: stopped on SIGINT/SIGTERM,
// killed on process exit, and recorded in a pid file for the action's post step (which runs
// after a cancelled job, when this process may already be gone).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { findMarked, ownerTag, stopMarked } from './process-cookie.ts';
import { isAlive, listProcesses, readProcStat } from './process-tree.ts';
import { releaseWatchdog } from './watchdog.ts';

/** What the registry needs to know about one started server. */
export interface RegisteredServer {
  /** Pid of the group leader; also the process group id. */
  pid: number;
  /** Start time of the leader in clock ticks after boot (from /proc), to detect pid reuse. */
  startTime: number;
  command: string;
  /** Graceful stop of the whole tree. */
  stop(): Promise<void>;
  /** Immediate SIGKILL of the whole tree, synchronous (used in the process 'exit' handler). */
  killNow(): void;
  /** Cuts a running stop's grace period short: SIGKILL now; stop() still waits for the end. */
  hurry(): void;
}

const servers = new Set<RegisteredServer>();
let pidFile: string | null = null;
let handlersInstalled = false;
/** Servers being spawned and not yet registered (holdSignalHandlers). */
let starting = 0;
let exitHandlerInstalled = false;
/** Set once a first SIGINT/SIGTERM started stopping every server. */
let interrupted = false;

/** Adds a started server; installs the signal and exit handlers while any server runs. */
export function registerServer(server: RegisteredServer): void {
  servers.add(server);
  updateHandlers();
  syncPidFile();
}

/**
 * Installs the signal handlers before a server is spawned (call the returned function once it
 * is registered, or failed to start): a SIGINT that comes while the new process runs but before
 * it is registered then still stops it, instead of ending perfgate with the default action and
 * leaving the server behind.
 */
export function holdSignalHandlers(): () => void {
  starting += 1;
  updateHandlers();
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    starting -= 1;
    updateHandlers();
  };
}

/** Removes a server once it has been stopped. */
export function unregisterServer(server: RegisteredServer): void {
  servers.delete(server);
  updateHandlers();
  syncPidFile();
  releaseWatchdogIfIdle();
}

/** Ends the watchdog once no server runs (it cleans up whatever still carries its cookie). */
export function releaseWatchdogIfIdle(): void {
  if (servers.size === 0) releaseWatchdog();
}

/** Pids (= process group ids) of the servers started by this process and not yet stopped. */
export function runningServerPids(): number[] {
  return [...servers].map((s) => s.pid);
}

/** Stops every registered server gracefully, in parallel. */
export async function stopAllServers(): Promise<void> {
  await Promise.allSettled([...servers].map((s) => s.stop()));
}

/** Keeps `file` up to date with the running servers from now on (null stops doing so). */
export function setPidFile(file: string | null): void {
  pidFile = file;
  syncPidFile();
}

/** One server in a pid file. */
interface PidRecord {
  pgid: number;
  startTime: number;
  command: string;
}

/**
 * Writes the running servers to `file` as JSON
 * (`{"owner":"<pid>.<start>","servers":[{pgid,startTime,command}]}`); `owner` is the first part
 * of the environment cookie of every process they start (process-cookie.ts).
 */
export function writePidFile(file: string): void {
  const records: PidRecord[] = [...servers].map((s) => ({
    pgid: s.pid,
    startTime: s.startTime,
    command: s.command,
  }));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ owner: ownerTag(), servers: records }, null, 2) + '\n');
}

function syncPidFile(): void {
  if (pidFile === null) return;
  try {
    writePidFile(pidFile);
  } catch {
    // The pid file is a backstop; failing to write it must not stop a run.
  }
}

/**
 * Kills the process groups recorded in `file` by another (possibly killed) perfgate process,
 * and every process carrying that process's cookie (a daemon or a `setsid` child that left the
 * group): SIGTERM, up to `graceMs` to exit, then SIGKILL. A group is signalled only if it still
 * looks like ours: its leader alive with the recorded start time, or the leader gone and members
 * of the group started after it. Returns how many groups and marked processes were signalled;
 * a missing file means nothing to do (0).
 */
export async function killRecordedServers(file: string, graceMs = 5_000): Promise<number> {
  let records: PidRecord[];
  let owner: unknown;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as {
      owner?: unknown;
      servers: PidRecord[];
    };
    records = parsed.servers;
    owner = parsed.owner;
    if (!Array.isArray(records)) throw new Error('expected {"servers": [...]}');
    records = records.filter((r) => Number.isInteger(r?.pgid) && r.pgid > 1);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw new Error(`cannot read pid file ${file}: ${(err as Error).message}`);
  }
  const groupAlive = (r: PidRecord) => {
    const leader = readProcStat(r.pgid);
    if (isAlive(leader) && leader.pgid === r.pgid) return leader.startTime === r.startTime;
    return listProcesses().some(
      (p) => isAlive(p) && p.pgid === r.pgid && p.startTime >= r.startTime,
    );
  };
  const signalled = records.filter(groupAlive).map((r) => r.pgid);
  const send = (sig: NodeJS.Signals, pgids: number[]) => {
    for (const g of pgids) {
      try {
        process.kill(-g, sig);
      } catch {
        // Already gone.
      }
    }
  };
  send('SIGTERM', signalled);
  const deadline = Date.now() + graceMs;
  let left = signalled;
  while (left.length > 0 && Date.now() < deadline) {
    await sleep(50);
    left = records.filter((r) => left.includes(r.pgid) && groupAlive(r)).map((r) => r.pgid);
  }
  send('SIGKILL', left);
  // Let the killed groups vanish first, so that only processes outside them count as marked.
  const goneBy = Date.now() + 1_000;
  while (left.length > 0 && Date.now() < goneBy) {
    await sleep(20);
    left = records.filter((r) => left.includes(r.pgid) && groupAlive(r)).map((r) => r.pgid);
  }
  const marked =
    typeof owner === 'string' && /^\d+\.\d+$/.test(owner)
      ? await stopMarked(() => findMarked((c) => c.startsWith(`${owner}.`)), graceMs)
      : 0;
  return signalled.length + marked;
}

// Exit codes follow the shell convention 128 + signal number.
const signalExitCodes = { SIGINT: 130, SIGTERM: 143 } as const;

function onSignal(signal: NodeJS.Signals): void {
  if (interrupted) {
    // A second Ctrl-C must not abandon the servers: end their grace period, keep waiting.
    process.stderr.write(
      `\nperfgate: ${signal} again: killing ${servers.size} server(s) now (SIGKILL); waiting for them to exit\n`,
    );
    for (const s of servers) s.hurry();
    return;
  }
  interrupted = true;
  const code = signalExitCodes[signal as keyof typeof signalExitCodes] ?? 1;
  // Say why the run ends: nothing was written, and the servers are being stopped.
  process.stderr.write(
    `\nperfgate: ${signal} received: stopping ${servers.size} server(s); no results were written\n`,
  );
  void stopAllServers().finally(() => process.exit(code));
}

function killAllSync(): void {
  for (const s of servers) s.killNow();
}

function removeSignalHandlers(): void {
  if (!handlersInstalled) return;
  handlersInstalled = false;
  for (const signal of Object.keys(signalExitCodes)) process.off(signal, onSignal);
}

/**
 * The SIGINT/SIGTERM handlers are installed only while a server runs or is being started, so
 * that perfgate's own embedding (CLI, action, tests) keeps the default behaviour the rest of the
 * time.
 */
function updateHandlers(): void {
  // After an interruption the handlers stay until exit: more signals only hurry the stop.
  if (servers.size === 0 && starting === 0 && !interrupted) {
    removeSignalHandlers();
    return;
  }
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of Object.keys(signalExitCodes)) process.on(signal, onSignal);
  // Last resort: nothing asynchronous runs in 'exit', so kill whatever is left at once.
  if (!exitHandlerInstalled) {
    exitHandlerInstalled = true;
    process.on('exit', killAllSync);
  }
}
