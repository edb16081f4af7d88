import { createLoadRunner } from '../load/load-runner.ts';
import { startServer } from '../server/start-server.ts';
import type { ResolvedServer, ResolvedWorkload } from '../config/resolve.ts';
import type { RunSample } from '../record/record.ts';
import type { LoadRunner } from '../load/types.ts';
import type { RunningServer } from '../server/types.ts';

/** Progress events for a terminal or a log; `side` is set when two builds are compared. */
export type SessionEvent =
  | {
      type: 'server-start';
      workload: string | null;
      side?: string;
      /** Set for a server perfgate did not start: the URL it measures. */
      running?: string;
    }
  | {
      type: 'run-start';
      workload: string;
      run: number;
      of: number;
      warmup: boolean;
      round: number;
      side?: string;
    }
  | { type: 'run-progress'; workload: string; reqPerSec: number; elapsedMs: number; side?: string }
  | { type: 'run-end'; workload: string; sample: RunSample; side?: string }
  /**
   * Sent once before the first run: the runs planned per workload (max-runs for runs: auto)
   * over every side, and how long one lasts (null when a request count ends it).
   */
  | { type: 'session-plan'; workloads: { name: string; runs: number; runMs: number | null }[] }
  | { type: 'warning'; workload: string | null; message: string }
  /** The base commit was checked out (into a temporary worktree, removed afterwards). */
  | { type: 'base-checkout'; sha: string; dir: string; build: string | null };

/**
 * Asked at checkpoints of `runs: auto`; returns a stop reason, or null to keep sampling.
 * `kept` are this build's kept runs; `partner` the other build's, pair by pair, when two builds
 * are measured side by side.
 */
export type SamplingJudge = (
  workload: ResolvedWorkload,
  kept: RunSample[],
  partner?: RunSample[],
) => string | null;

/** Collaborators of a session, passed in so tests can use real fakes. */
export interface SessionDeps {
  startServer: (
    spec: ResolvedServer,
    options: { logFile: string; signal?: AbortSignal },
  ) => Promise<RunningServer>;
  load: LoadRunner;
  now: () => number;
}

/** The real collaborators: processes on this machine, the load process (src/load/), the clock. */
export function createSessionDeps(): SessionDeps {
  return { startServer, load: createLoadRunner(), now: Date.now };
}
