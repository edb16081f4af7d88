import type { ExitInfo } from './exit-info.ts';

/** Resource use of the server's whole process tree, read from /proc. */
export interface ServerUsage {
  /**
   * False when there is nothing to read it from (no /proc, as on macOS, or a running server
   * without a pid): cpuMs and peakRssBytes are then 0 and reported as not measured.
   */
  measured: boolean;
  /** User + system CPU time of every process in the tree since it started, in milliseconds. */
  cpuMs: number;
  /** Largest summed resident set size of the tree seen so far, in bytes. */
  peakRssBytes: number;
}

/** A started server. Always stop it: `await using` or try/finally. */
export interface RunningServer extends AsyncDisposable {
  /** PID of the process-group leader (the shell that ran the command). */
  readonly pid: number;
  /** Base URL the workloads are sent to. */
  readonly url: string;
  /** Path of the file holding the server's stdout and stderr. */
  readonly logFile: string;
  /** Current totals for the tree; callers diff two readings to get one run's CPU time. */
  usage(): Promise<ServerUsage>;
  /** Resets the peak-RSS watermark so the next reading covers one run only. */
  resetPeak(): void;
  /** Set when the server has exited on its own (not by stop()). */
  exitInfo(): ExitInfo | null;
  /** The last lines of the server's output. */
  logTail(lines?: number): string;
  /** SIGTERM to the whole tree, SIGKILL after the grace period; idempotent. */
  stop(): Promise<void>;
}

/** Why a server could not be started or kept running; carries the log tail for the message. */
export class ServerError extends Error {
  /** Which build's server failed when two are measured side by side ("base"), else undefined. */
  side?: string;

  constructor(
    message: string,
    readonly logTail: string,
  ) {
    super(message);
    this.name = 'ServerError';
  }
}
