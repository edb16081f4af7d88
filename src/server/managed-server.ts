// A started server process tree: exit tracking, CPU and memory readings, and a guaranteed stop.
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { registerServer, unregisterServer, type RegisteredServer } from './cleanup-registry.ts';
import { describeExit, type ExitInfo, type LeftProcess } from './exit-info.ts';
import type { LogCapture } from './log-capture.ts';
import { isAlive, procAvailable, readProcStat, sumTree, TrackedTree } from './process-tree.ts';
import { killGroupSync, stopGroup, killTreeSync, stopTree } from './stop-tree.ts';
import type { RunningServer, ServerUsage } from './types.ts';
import { isPortOpen } from './wait-until-ready.ts';

export { describeExit, type ExitInfo } from './exit-info.ts';

/** How a server's processes are marked and where it listens (for the daemon message). */
export interface ManagedServerMarks {
  /** The environment cookie of its processes (process-cookie.ts). */
  cookie: string | null;
  /** Where it answers, when known: a daemon that keeps this port open is named so. */
  endpoint: { host: string; port: number } | null;
}

/** How often the tree's memory is sampled between usage() calls. */
const RSS_SAMPLE_MS = 100;
/** Longest wait, after the tree is gone, for the leader to be reaped and its output drained. */
const DRAIN_MS = 1_000;
/**
 * What a command that exited left running is named once the same processes were read this many
 * times in a row, SETTLE_EVERY_MS apart (at most SETTLE_MAX_READS reads): 300 ms without change.
 */
const SETTLE_READS = 4;
const SETTLE_EVERY_MS = 100;
const SETTLE_MAX_READS = 20;

/** The RunningServer implementation; startServer() creates it right after spawning. */
export class ManagedServer implements RunningServer, RegisteredServer {
  readonly pid: number;
  readonly startTime: number;
  /** Resolves when the group leader has exited, for whatever reason. */
  readonly exited: Promise<ExitInfo>;
  private ownExit: ExitInfo | null = null;
  private stopping: Promise<void> | null = null;
  private peakRss = 0;
  private readonly sampler: NodeJS.Timeout;
  private readonly logClosed: Promise<unknown>;
  /** Refreshed by every sample, so descendants that leave the group are still known at stop. */
  private readonly tree: TrackedTree;
  /** Aborted by hurry(): the grace period ends now. */
  private readonly hurried = new AbortController();
  /** False without /proc: no CPU or memory readings, and stopping signals the group alone. */
  private readonly measured: boolean;

  constructor(
    child: ChildProcess,
    readonly url: string,
    readonly command: string,
    private readonly log: LogCapture,
    private readonly stopTimeoutMs: number,
    private readonly marks: ManagedServerMarks = { cookie: null, endpoint: null },
  ) {
    this.pid = child.pid as number;
    this.measured = procAvailable();
    this.startTime = readProcStat(this.pid)?.startTime ?? 0;
    this.tree = new TrackedTree(this.pid, this.pid, marks.cookie);
    this.tree.refresh();
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        if (this.stopping !== null) {
          resolve({ code, signal });
          return;
        }
        void this.describeOwnExit({ code, signal }).then((info) => {
          this.ownExit = info;
          log.note(`server exited on its own (${describeExit(info)})`);
          resolve(info);
        });
      });
    });
    this.logClosed = Promise.all(
      [child.stdout, child.stderr].map((s) => (s && !s.closed ? once(s, 'close') : null)),
    );
    this.sampler = setInterval(() => this.samplePeak(), RSS_SAMPLE_MS);
    this.sampler.unref();
    registerServer(this);
  }

  /** Path of the file holding the server's stdout and stderr. */
  get logFile(): string {
    return this.log.file;
  }

  async usage(): Promise<ServerUsage> {
    if (!this.measured) return { measured: false, cpuMs: 0, peakRssBytes: 0 };
    const totals = sumTree(this.tree.refresh());
    this.peakRss = Math.max(this.peakRss, totals.rssBytes);
    return { measured: true, cpuMs: totals.cpuMs, peakRssBytes: this.peakRss };
  }

  resetPeak(): void {
    this.peakRss = 0;
    this.samplePeak();
  }

  exitInfo(): ExitInfo | null {
    return this.ownExit;
  }

  logTail(lines = 20): string {
    return this.log.tail(lines);
  }

  stop(): Promise<void> {
    this.stopping ??= this.stopNow();
    return this.stopping;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }

  /** SIGKILL to the whole tree, synchronously: the last resort when the process exits. */
  killNow(): void {
    if (this.measured) killTreeSync(this.tree);
    else killGroupSync(this.pid);
  }

  /** Ends the grace period of a stop now (a second Ctrl-C): SIGKILL, and still wait. */
  hurry(): void {
    this.hurried.abort();
  }

  /** Adds what the leader left running when it exited: a daemon that forked away. */
  private async describeOwnExit(info: ExitInfo): Promise<ExitInfo> {
    if (this.leftBehind().length === 0) return info;
    // A daemon takes a moment to listen after its launcher returned: watch the port for up to
    // three seconds (a busy runner can take more than one to schedule it).
    const e = this.marks.endpoint;
    let port: number | null = null;
    for (let i = 0; e && port === null && i < 30; i++) {
      if (await isPortOpen(e.host, e.port, 200)) port = e.port;
      else await sleep(100);
    }
    // The intermediate process of a double fork exits moments after starting the daemon: name
    // what is still running once the set has not changed for SETTLE_READS reads in a row.
    let left = this.leftBehind();
    for (let stable = 1, i = 0; stable < SETTLE_READS && i < SETTLE_MAX_READS; i++) {
      await sleep(SETTLE_EVERY_MS);
      const next = this.leftBehind();
      stable = samePids(next, left) ? stable + 1 : 1;
      left = next;
    }
    if (left.length === 0) return info;
    return { ...info, leftRunning: { processes: left, port } };
  }

  /** The processes of the tree still running, the command's own process left out. */
  private leftBehind(): LeftProcess[] {
    return this.tree
      .refresh()
      .filter((p) => isAlive(p) && p.pid !== this.pid)
      .map((p) => ({ pid: p.pid, command: commandLine(p.pid) }));
  }

  private async stopNow(): Promise<void> {
    clearInterval(this.sampler);
    try {
      if (this.ownExit === null)
        this.log.note(`stopping the server (SIGTERM, SIGKILL after ${this.stopTimeoutMs} ms)`);
      if (this.measured) await stopTree(this.tree, this.stopTimeoutMs, this.hurried.signal);
      else await stopGroup(this.pid, this.exited, this.stopTimeoutMs);
      // The tree is gone; give Node a moment to reap the leader and read the last output. The
      // timer is unref'd: once the tree is gone it must not hold perfgate's exit for a second.
      await Promise.race([
        Promise.all([this.exited, this.logClosed]),
        sleep(DRAIN_MS, undefined, { ref: false }),
      ]);
    } finally {
      unregisterServer(this);
    }
  }

  private samplePeak(): void {
    if (!this.measured) return;
    try {
      this.peakRss = Math.max(this.peakRss, sumTree(this.tree.sample()).rssBytes);
    } catch {
      // Sampling is best effort; usage() reads again.
    }
  }
}

function samePids(a: readonly LeftProcess[], b: readonly LeftProcess[]): boolean {
  const pids = new Set(a.map((p) => p.pid));
  return a.length === b.length && b.every((p) => pids.has(p.pid));
}

/** A process's command line, cut to 100 characters, for messages. */
function commandLine(pid: number): string {
  try {
    const text = readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0').join(' ').trim();
    return text.length > 100 ? `${text.slice(0, 99)}\u2026` : text;
  } catch {
    return '?';
  }
}
