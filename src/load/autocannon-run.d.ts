// Types for autocannon's internal runner (lib/run.js), which perfgate imports instead of the
// package entry: the entry crashes when bundled as ESM (a leftover `require.main === module`)
// and drags in the worker-thread manager perfgate never uses. Only what perfgate touches.
declare module 'autocannon/lib/run.js' {
  import type { EventEmitter } from 'node:events';

  /** Response headers as autocannon hands them to onResponse: name (original case) to value. */
  export type RawHeaders = Record<string, string | string[]>;

  /** One entry of `requests`: a request template with optional hooks. */
  export interface AcRequest {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    /** Returns the request to send, or a falsy value to restart the sequence at step 0. */
    setupRequest?: (req: AcRequest, context: Record<string, string>) => AcRequest | null;
    onResponse?: (
      status: number,
      body: string,
      context: Record<string, string>,
      headers: RawHeaders,
    ) => void;
  }

  /** Histogram interface autocannon records into; perfgate passes no-op ones. */
  export interface AcHistogram {
    __custom?: boolean;
    recordValue(v: number): void;
    recordValueWithExpectedInterval(v: number, i: number): void;
    reset(): void;
    destroy(): void;
  }

  export interface AcOptions {
    url: string;
    connections: number;
    pipelining: number;
    /** Seconds; fractions work. */
    duration: number;
    amount: number;
    /** Seconds; fractions work when lib/run.js is called directly (the CLI validator wants >= 1). */
    timeout: number;
    overallRate: number;
    /** Called with each per-connection client right after it is made, before it connects. */
    setupClient?: (client: unknown) => void;
    sampleInt: number;
    requests: AcRequest[];
    initialContext: Record<string, string>;
    skipAggregateResult: boolean;
    histograms: { latencies: AcHistogram; requests: AcHistogram; throughput: AcHistogram };
    [key: string]: unknown;
  }

  /** The event emitter run() returns: 'response', 'reqError', 'tick', 'done'; stop() ends the run. */
  export interface AcTracker extends EventEmitter {
    stop(): void;
  }

  export interface AcRawResult {
    errors: number;
    timeouts: number;
    totalCompletedRequests: number;
    totalBytes: number;
  }

  export default function run(
    opts: AcOptions,
    tracker: EventEmitter | undefined,
    cb: (err: Error | null, result: AcRawResult) => void,
  ): AcTracker;
}
