import type { ResolvedWorkload } from '../config/resolve.ts';

/** Latency summary of one run, in microseconds. */
export interface LatencyUs {
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/**
 * What a run's gated latency figures (`latencyUs`) are. corrected: a closed-model run's
 * send-to-answer times corrected for coordinated omission (wrk's expected-interval
 * correction); service: send-to-answer times only; intended: an open-model run, timed from
 * when each request was due.
 */
export type LatencyBasis = 'corrected' | 'service' | 'intended';

/** Which client ran a run: the built-in one's C build or JavaScript one, or autocannon. */
export type LoadClientKind = 'c' | 'javascript' | 'autocannon';

/** What an open-model run delivered against its target rate. */
export interface RateDelivery {
  /** The workload's rate, requests per second. */
  target: number;
  /** Requests sent per second during the run. */
  achieved: number;
  /** Requests due by the end of the run. */
  due: number;
  /** Requests that were due but not sent by the end of the run (the client fell behind). */
  dropped: number;
  /** The least share of `target` the run had to send (the workload's min-rate-share). */
  minShare: number;
}

/** Error counts of one run, by kind. */
export interface ErrorCounts {
  /** Connection refused / reset / closed before a response. */
  connection: number;
  /** No response within the per-request timeout. */
  timeout: number;
  /** Responses whose status was not the expected one (default: not 2xx). */
  status: number;
  /** Responses whose body did not contain the expected text, or lacked a value to capture. */
  body: number;
  /** Bytes that are not an HTTP/1.x response: a garbage status line, broken framing, a cut-off response. */
  protocol: number;
  /** Requests still unanswered when the run ended, after waiting longer than any response of the run. */
  incomplete: number;
}

/** What one load run measured, from the client side. */
export interface LoadResult {
  /** Completed responses (any status). */
  requests: number;
  /** Measured wall time of the run in milliseconds. */
  elapsedMs: number;
  /** Successful (non-error) responses per second. */
  reqPerSec: number;
  /** Response bytes per second. */
  bytesPerSec: number;
  /** The latency that is reported and gated; `latencyBasis` says which one it is. */
  latencyUs: LatencyUs;
  latencyBasis: LatencyBasis;
  /** Send-to-answer times without any correction; null in the open model. */
  serviceLatencyUs: LatencyUs | null;
  /** Open model: the rate delivered; null in the closed model. */
  rate: RateDelivery | null;
  errors: ErrorCounts;
  /** Load generator CPU use during the run, as a fraction of one core (1 = saturated). */
  loadCpu: number;
  /** Responses per status code. */
  statusCounts: Record<string, number>;
  /** Which client ran the run (set by the load process). */
  client?: LoadClientKind;
  /** Peak resident memory of the C client's own process (load-client.c), when it ran the run. */
  clientPeakRssBytes?: number;
  /** Latency per step of a sequence or entry of a mix (built-in client); absent for one request. */
  steps?: { step: string; requests: number; latencyUs: LatencyUs }[];
}

/** Live progress sent while a run is going on. */
export interface LoadProgress {
  elapsedMs: number;
  requests: number;
  reqPerSec: number;
}

/** Options of one load run besides the workload itself. */
export interface LoadRunOptions {
  baseUrl: string;
  /** CPU list to pin the load generator to (taskset syntax), or null. */
  cpus: string | null;
  /** Values captured by the workload's setup steps, available as {{name}}. */
  vars?: Record<string, string>;
  /** Rows of the workload's data file, taken round-robin as {{data.<column>}}. */
  data?: Record<string, string>[];
  onProgress?: (p: LoadProgress) => void;
  signal?: AbortSignal;
}

/** Runs load; the only interface the rest of perfgate uses to drive traffic. */
export interface LoadRunner {
  /** Runs the workload's steps once as a measured run. */
  run(workload: ResolvedWorkload, options: LoadRunOptions): Promise<LoadResult>;
  /** Runs the setup requests once (not measured) and returns the captured values. */
  setup(workload: ResolvedWorkload, options: LoadRunOptions): Promise<Record<string, string>>;
  /**
   * Starts `count` load processes (default 1; 2 for runs made at the same time) for these
   * workloads ahead of their first run (a session calls it before starting the server), pinned
   * to `cpus`; optional.
   */
  prepare?(workloads: ResolvedWorkload[], cpus: string | null, count?: number): void;
  /** Ends the load processes kept between runs, if any (the end of a session). */
  close?(): Promise<void>;
}

/** Why a load run failed as a whole (not per-request errors, which are counted). */
export class LoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LoadError';
  }
}
