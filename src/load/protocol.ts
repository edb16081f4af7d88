import type { ResolvedWorkload } from '../config/resolve.ts';
import type { LoadProgress, LoadResult } from './types.ts';

// The messages between the parent (load-runner.ts) and the load worker (worker.ts), sent over
// Node's IPC channel as JSON. A worker runs jobs one at a time, as many as the parent sends:
//   parent -> worker: { type: 'job', job }
//   worker -> parent: { type: 'progress', progress } about every second, then exactly one of
//                     { type: 'result', result } or { type: 'error', message }.
// The parent sends the next job only after the answer to the previous one. The worker exits on
// its own when the channel closes (the parent died, gave up or ended the session).

/** Everything the worker needs for one measured run. */
export interface LoadJob {
  workload: ResolvedWorkload;
  baseUrl: string;
  /** Values captured by setup steps, available as {{name}}. */
  vars: Record<string, string>;
  /** Rows of the workload's data file, taken round-robin as {{data.<column>}}. */
  data?: Record<string, string>[];
  /** false: the built-in client in JavaScript even where the C client could run the job. */
  cClient?: boolean;
}

/** Parent to worker. */
export type ParentMessage = { type: 'job'; job: LoadJob };

/** Worker to parent. */
export type WorkerMessage =
  | { type: 'progress'; progress: LoadProgress }
  | { type: 'result'; result: LoadResult }
  | { type: 'error'; message: string };
