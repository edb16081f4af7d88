// A server perfgate did not start (`server:` without `command`): one already running at
// server.url, e.g. started by docker compose, a `services:` container or an earlier step.
// perfgate waits until it answers, measures it, and never stops it. CPU and memory come from
// the process tree of `server.pid` when given (and /proc exists), else are not measured.
import type { ResolvedServer } from '../config/resolve.ts';
import { procAvailable, readProcStat, sumTree, TrackedTree } from './process-tree.ts';
import { ServerError, type RunningServer, type ServerUsage } from './types.ts';
import { describeReadiness, waitUntilReady } from './wait-until-ready.ts';
import type { LogCapture } from './log-capture.ts';

/** How often the tree's memory is sampled between usage() calls. */
const RSS_SAMPLE_MS = 100;

/** The RunningServer of a server perfgate did not start. */
class ExternalServer implements RunningServer {
  readonly logFile = '';
  private peakRss = 0;
  private readonly tree: TrackedTree | null;
  private readonly startTime: number | null;
  private readonly sampler: NodeJS.Timeout | null;

  constructor(
    readonly url: string,
    readonly pid: number,
  ) {
    const stat = pid > 0 && procAvailable() ? readProcStat(pid) : null;
    this.startTime = stat?.startTime ?? null;
    // The given process and its descendants; not its group, which may hold a whole shell.
    this.tree = stat ? new TrackedTree(pid, -1) : null;
    this.sampler = this.tree ? setInterval(() => this.sample(), RSS_SAMPLE_MS) : null;
    this.sampler?.unref();
  }

  async usage(): Promise<ServerUsage> {
    if (!this.tree) return { measured: false, cpuMs: 0, peakRssBytes: 0 };
    const totals = sumTree(this.tree.refresh());
    this.peakRss = Math.max(this.peakRss, totals.rssBytes);
    return { measured: true, cpuMs: totals.cpuMs, peakRssBytes: this.peakRss };
  }

  resetPeak(): void {
    this.peakRss = 0;
    this.sample();
  }

  exitInfo(): { code: number | null; signal: string | null } | null {
    if (this.startTime === null) return null;
    const now = readProcStat(this.pid);
    const gone = now === null || now.startTime !== this.startTime || now.state === 'Z';
    return gone ? { code: null, signal: null } : null;
  }

  logTail(): string {
    return '';
  }

  /** Leaves the server running: perfgate did not start it. */
  async stop(): Promise<void> {
    if (this.sampler) clearInterval(this.sampler);
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }

  private sample(): void {
    try {
      if (this.tree) this.peakRss = Math.max(this.peakRss, sumTree(this.tree.sample()).rssBytes);
    } catch {
      // Best effort; usage() reads again.
    }
  }
}

/** A log that never has text: readiness of a running server never waits for a log line. */
const NO_LOG = { waitForText: () => new Promise<void>(() => {}) } as unknown as LogCapture;

/**
 * Waits until the running server at `spec.url` is ready (spec.ready, within the ready timeout)
 * and returns it. ServerError when it does not answer in time, naming what was waited for.
 */
export async function attachRunningServer(
  spec: ResolvedServer,
  signal?: AbortSignal,
): Promise<RunningServer> {
  const wait = new AbortController();
  const timer = setTimeout(() => wait.abort(new Error('timeout')), spec.readyTimeoutMs);
  const onAbort = () => wait.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await waitUntilReady(spec.ready, NO_LOG, wait.signal);
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ServerError(
      `the running server at ${spec.url} was not ready within ${spec.readyTimeoutMs / 1000}s (waiting for ${describeReadiness(spec.ready)}); start it before perfgate runs, or set server.command to let perfgate start it`,
      '',
    );
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
  return new ExternalServer(spec.url, spec.pid ?? 0);
}
