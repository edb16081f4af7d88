// A started server process tree: exit tracking, CPU and memory readings, and a guaranteed stop.
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { registerServer, unregisterServer, type RegisteredServer } from './cleanup-registry.ts';
import type { LogCapture } from './log-capture.ts';
import { procAvailable, readProcStat, sumTree, TrackedTree } from './process-tree.ts';
import { killGroupSync, stopGroup, killTreeSync, stopTree } from './stop-tree.ts';
import type { RunningServer, ServerUsage } from './types.ts';

/** How often the tree's memory is sampled between usage() calls. */
const RSS_SAMPLE_MS = 100;
/** Longest wait, after the tree is gone, for the leader to be reaped and its output drained. */
const DRAIN_MS = 1_000;

/** How the group leader ended. */
export interface ExitInfo {
  code: number | null;
  signal: string | null;
}

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
  /** False without /proc: no CPU or memory readings, and stopping signals the group alone. */
  private readonly measured: boolean;

  constructor(
    child: ChildProcess,
    readonly url: string,
    readonly command: string,
    private readonly log: LogCapture,
    private readonly stopTimeoutMs: number,
  ) {
    this.pid = child.pid as number;
    this.measured = procAvailable();
    this.startTime = readProcStat(this.pid)?.startTime ?? 0;
    this.tree = new TrackedTree(this.pid);
    this.tree.refresh();
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        const info = { code, signal };
        if (this.stopping === null) {
          this.ownExit = info;
          log.note(`server exited on its own (${describeExit(info)})`);
        }
        resolve(info);
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

  private async stopNow(): Promise<void> {
    clearInterval(this.sampler);
    try {
      if (this.ownExit === null)
        this.log.note(`stopping the server (SIGTERM, SIGKILL after ${this.stopTimeoutMs} ms)`);
      if (this.measured) await stopTree(this.tree, this.stopTimeoutMs);
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
      this.peakRss = Math.max(this.peakRss, sumTree(this.tree.refresh()).rssBytes);
    } catch {
      // Sampling is best effort; usage() reads again.
    }
  }
}

/** "exit code 1" or "killed by SIGKILL", for messages. */
export function describeExit(info: ExitInfo): string {
  return info.signal !== null ? `killed by ${info.signal}` : `exit code ${info.code}`;
}
