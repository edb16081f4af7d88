import * as hdr from 'hdr-histogram-js';
import type { LatencyUs } from './types.ts';

/**
 * Per-response latencies in microseconds, in bounded memory whatever the response count: an
 * HdrHistogram with 3 significant digits (values within 0.1%). The pure JS implementation,
 * not the WebAssembly one, so nothing needs to load a .wasm next to the bundle.
 */
export class LatencyRecorder {
  private readonly histogram = hdr.build({
    bitBucketSize: 32,
    useWebAssembly: false,
    autoResize: true,
    lowestDiscernibleValue: 1,
    highestTrackableValue: 60_000_000,
    numberOfSignificantValueDigits: 3,
  });
  private exactMax = 0;

  /** Records one response time given in (fractional) milliseconds. */
  record(ms: number): void {
    const us = Math.max(1, Math.round(ms * 1000));
    if (us > this.exactMax) this.exactMax = us;
    this.histogram.recordValue(us);
  }

  /** Number of values recorded. */
  get count(): number {
    return this.histogram.totalCount;
  }

  /** Mean, p50, p90, p99 and the exact max in µs; zeros when nothing was recorded. */
  summary(): LatencyUs {
    return summarizeHistogram(this.histogram, this.exactMax);
  }

  /**
   * The summary corrected for coordinated omission, as wrk and HdrHistogram do after a
   * closed-model run: a response that took k expected intervals stands for the k - 1 requests
   * its connection would have sent meanwhile, each recorded at the latency it would have seen
   * (value - interval, value - 2 intervals, ...). Without it a server stall shows only in max.
   * @param expectedIntervalUs the time between requests of one connection when nothing
   *   stalls; wrk uses the run time over the responses per connection
   */
  correctedSummary(expectedIntervalUs: number): LatencyUs {
    if (!(expectedIntervalUs >= 1) || this.histogram.totalCount === 0) return this.summary();
    const corrected = this.histogram.copyCorrectedForCoordinatedOmission(
      Math.round(expectedIntervalUs),
    );
    try {
      return summarizeHistogram(corrected, this.exactMax);
    } finally {
      corrected.destroy();
    }
  }
}

function summarizeHistogram(h: hdr.Histogram, exactMax: number): LatencyUs {
  if (h.totalCount === 0) return { mean: 0, p50: 0, p90: 0, p99: 0, max: 0 };
  // A percentile is its bucket's highest equivalent value: clamp so p99 <= max always holds.
  const at = (p: number) => Math.min(h.getValueAtPercentile(p), exactMax);
  return {
    mean: Math.round(h.mean * 10) / 10,
    p50: at(50),
    p90: at(90),
    p99: at(99),
    max: exactMax,
  };
}
