import type { LatencyUs } from './types.ts';

// Per-response latencies in microseconds, in bounded memory whatever the response count: a
// log-linear histogram with HdrHistogram's layout and 3 significant digits (values within
// 0.1%), written here rather than loaded from hdr-histogram-js, whose module (a WebAssembly
// build in base64 and number formatters made at import) costs the load process more to load
// than a short run spends recording. Semantics follow HdrHistogram (Gil Tene): the same bucket
// layout, percentiles as the highest value equivalent to the bucket, the mean from bucket
// midpoints, and copyCorrectedForCoordinatedOmission for the expected-interval correction.

/** 2 x 10^3 sub-buckets rounded up to a power of two: 3 significant digits. */
const SUB_BUCKET_HALF_MAGNITUDE = 10;
const SUB_BUCKET_HALF = 1 << SUB_BUCKET_HALF_MAGNITUDE;
/** The largest value kept: 60 s (longer responses are clamped to it). */
const HIGHEST_US = 60_000_000;

/** Index in the counts array of a value (integer µs, 1 to HIGHEST_US, below 2^31). */
function indexOf(v: number): number {
  const b = Math.max(0, 31 - Math.clz32(v) - SUB_BUCKET_HALF_MAGNITUDE);
  return (b + 1) * SUB_BUCKET_HALF + ((v >>> b) - SUB_BUCKET_HALF);
}

/** The lowest value of the bucket at `index`, and the bucket's width. */
function rangeOf(index: number): [lowest: number, size: number] {
  let b = Math.floor(index / SUB_BUCKET_HALF) - 1;
  let sub = (index % SUB_BUCKET_HALF) + SUB_BUCKET_HALF;
  if (b < 0) {
    sub -= SUB_BUCKET_HALF;
    b = 0;
  }
  return [sub * (1 << b), 1 << b];
}

const LENGTH = indexOf(HIGHEST_US) + 1;

/** Counts of latencies by bucket, with the exact maximum. */
export class LatencyRecorder {
  private counts = new Float64Array(LENGTH);
  private total = 0;
  private exactMax = 0;

  /**
   * A recorder holding the given counts by bucket index and exact maximum in µs: the histogram
   * of the C client (load-client.c), which uses this bucket layout.
   */
  static fromBuckets(buckets: [index: number, count: number][], maxUs: number): LatencyRecorder {
    const r = new LatencyRecorder();
    for (const [index, count] of buckets) {
      if (!Number.isInteger(index) || index < 0 || index >= LENGTH || !(count > 0)) {
        throw new Error(`latency bucket ${index} (count ${count}) is outside the histogram`);
      }
      (r.counts[index] as number) += count;
      r.total += count;
    }
    r.exactMax = maxUs;
    return r;
  }

  /** Records one response time given in (fractional) milliseconds. */
  record(ms: number): void {
    const us = Math.min(HIGHEST_US, Math.max(1, Math.round(ms * 1000)));
    if (us > this.exactMax) this.exactMax = us;
    (this.counts[indexOf(us)] as number)++;
    this.total++;
  }

  /** Number of values recorded. */
  get count(): number {
    return this.total;
  }

  /** Mean, p50, p90, p99 and the exact max in µs; zeros when nothing was recorded. */
  summary(): LatencyUs {
    return summarize(this.counts, this.total, this.exactMax);
  }

  /**
   * The summary corrected for coordinated omission, as wrk and HdrHistogram do after a
   * closed-model run: a response that took k expected intervals stands for the k - 1 requests
   * its connection would have sent meanwhile, each recorded at the latency it would have seen
   * (value - interval, value - 2 intervals, ... down to the interval). Without it a server
   * stall shows only in max.
   * @param expectedIntervalUs the time between requests of one connection when nothing
   *   stalls; wrk uses the run time over the responses per connection
   */
  correctedSummary(expectedIntervalUs: number): LatencyUs {
    const step = Math.round(expectedIntervalUs);
    if (!(step >= 1) || this.total === 0) return this.summary();
    const corrected = Float64Array.from(this.counts);
    let total = this.total;
    for (let i = 0; i < LENGTH; i++) {
      const c = this.counts[i] as number;
      if (c === 0) continue;
      const [lowest, size] = rangeOf(i);
      const v = lowest + size - 1; // HdrHistogram iterates values as the highest equivalent
      if (v < 2 * step) continue;
      total += c * addMissing(corrected, v, step, c);
    }
    return summarize(corrected, total, this.exactMax);
  }
}

/**
 * Adds `count` at v - step, v - 2 step, ... down to `step` (HdrHistogram's
 * recordValueWithCountAndExpectedInterval); returns how many values that was, per count. Walks
 * the values or the buckets they fall in, whichever is fewer.
 */
function addMissing(counts: Float64Array, v: number, step: number, count: number): number {
  const kMax = Math.floor((v - step) / step);
  const lo = indexOf(step);
  const hi = indexOf(v - step);
  if (kMax <= hi - lo + 1) {
    for (let k = 1; k <= kMax; k++) (counts[indexOf(v - k * step)] as number) += count;
    return kMax;
  }
  for (let j = lo; j <= hi; j++) {
    const [lowest, size] = rangeOf(j);
    const first = Math.max(1, Math.ceil((v - (lowest + size - 1)) / step));
    const last = Math.min(kMax, Math.floor((v - lowest) / step));
    if (last >= first) (counts[j] as number) += count * (last - first + 1);
  }
  return kMax;
}

function summarize(counts: Float64Array, total: number, exactMax: number): LatencyUs {
  if (total === 0) return { mean: 0, p50: 0, p90: 0, p99: 0, max: 0 };
  const targets = [50, 90, 99].map((p) => Math.max(1, Math.ceil((p / 100) * total - 1e-9)));
  const found: number[] = [];
  let seen = 0;
  let sum = 0;
  for (let i = 0; i < LENGTH; i++) {
    const c = counts[i] as number;
    if (c === 0) continue;
    const [lowest, size] = rangeOf(i);
    sum += (lowest + Math.floor(size / 2)) * c;
    seen += c;
    // A percentile is its bucket's highest equivalent value, clamped so p99 <= max holds.
    while (found.length < targets.length && seen >= (targets[found.length] as number)) {
      found.push(Math.min(lowest + size - 1, exactMax));
    }
  }
  const [p50 = 0, p90 = 0, p99 = 0] = found;
  return { mean: Math.round((sum / total) * 10) / 10, p50, p90, p99, max: exactMax };
}
