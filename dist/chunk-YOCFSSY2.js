import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);

// src/load/latency-recorder.ts
var SUB_BUCKET_HALF_MAGNITUDE = 10;
var SUB_BUCKET_HALF = 1 << SUB_BUCKET_HALF_MAGNITUDE;
var HIGHEST_US = 6e7;
function bucketOf(v) {
  return Math.max(0, Math.floor(Math.log2(v)) - SUB_BUCKET_HALF_MAGNITUDE);
}
function indexOf(v) {
  const b = bucketOf(v);
  const sub = Math.floor(v / 2 ** b);
  return (b + 1) * SUB_BUCKET_HALF + (sub - SUB_BUCKET_HALF);
}
function rangeOf(index) {
  let b = Math.floor(index / SUB_BUCKET_HALF) - 1;
  let sub = index % SUB_BUCKET_HALF + SUB_BUCKET_HALF;
  if (b < 0) {
    sub -= SUB_BUCKET_HALF;
    b = 0;
  }
  return [sub * 2 ** b, 2 ** b];
}
var LENGTH = indexOf(HIGHEST_US) + 1;
var LatencyRecorder = class {
  counts = new Float64Array(LENGTH);
  total = 0;
  exactMax = 0;
  /** Records one response time given in (fractional) milliseconds. */
  record(ms) {
    const us = Math.min(HIGHEST_US, Math.max(1, Math.round(ms * 1e3)));
    if (us > this.exactMax) this.exactMax = us;
    this.counts[indexOf(us)]++;
    this.total++;
  }
  /** Number of values recorded. */
  get count() {
    return this.total;
  }
  /** Mean, p50, p90, p99 and the exact max in µs; zeros when nothing was recorded. */
  summary() {
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
  correctedSummary(expectedIntervalUs) {
    const step = Math.round(expectedIntervalUs);
    if (!(step >= 1) || this.total === 0) return this.summary();
    const corrected = Float64Array.from(this.counts);
    let total = this.total;
    for (let i = 0; i < LENGTH; i++) {
      const c = this.counts[i];
      if (c === 0) continue;
      const [lowest, size] = rangeOf(i);
      const v = lowest + size - 1;
      if (v < 2 * step) continue;
      total += c * addMissing(corrected, v, step, c);
    }
    return summarize(corrected, total, this.exactMax);
  }
};
function addMissing(counts, v, step, count) {
  const kMax = Math.floor((v - step) / step);
  const lo = indexOf(step);
  const hi = indexOf(v - step);
  if (kMax <= hi - lo + 1) {
    for (let k = 1; k <= kMax; k++) counts[indexOf(v - k * step)] += count;
    return kMax;
  }
  for (let j = lo; j <= hi; j++) {
    const [lowest, size] = rangeOf(j);
    const first = Math.max(1, Math.ceil((v - (lowest + size - 1)) / step));
    const last = Math.min(kMax, Math.floor((v - lowest) / step));
    if (last >= first) counts[j] += count * (last - first + 1);
  }
  return kMax;
}
function summarize(counts, total, exactMax) {
  if (total === 0) return { mean: 0, p50: 0, p90: 0, p99: 0, max: 0 };
  const targets = [50, 90, 99].map((p) => Math.max(1, Math.ceil(p / 100 * total - 1e-9)));
  const found = [];
  let seen = 0;
  let sum = 0;
  for (let i = 0; i < LENGTH; i++) {
    const c = counts[i];
    if (c === 0) continue;
    const [lowest, size] = rangeOf(i);
    sum += (lowest + Math.floor(size / 2)) * c;
    seen += c;
    while (found.length < targets.length && seen >= targets[found.length]) {
      found.push(Math.min(lowest + size - 1, exactMax));
    }
  }
  const [p50 = 0, p90 = 0, p99 = 0] = found;
  return { mean: Math.round(sum / total * 10) / 10, p50, p90, p99, max: exactMax };
}

// src/load/run-tally.ts
import { performance } from "node:perf_hooks";
function newTally() {
  return {
    measuring: true,
    responses: 0,
    bytes: 0,
    statusCounts: [],
    errors: { connection: 0, timeout: 0, status: 0, body: 0 }
  };
}
function statusCountsRecord(counts) {
  const out = {};
  counts.forEach((n, code) => {
    if (n) out[String(code)] = n;
  });
  return out;
}
function startProgress(tally, t0, onProgress) {
  let lastTick = t0;
  let lastResponses = 0;
  return setInterval(() => {
    const now = performance.now();
    const rate = (tally.responses - lastResponses) * 1e3 / Math.max(1, now - lastTick);
    onProgress({ elapsedMs: Math.round(now - t0), requests: tally.responses, reqPerSec: rate });
    lastTick = now;
    lastResponses = tally.responses;
  }, 1e3);
}
function summarize2(tally, latency, windowMs, cpu, fields) {
  const elapsedMs = Math.max(1, Math.round(windowMs * 1e3)) / 1e3;
  const seconds = elapsedMs / 1e3;
  const ok = tally.responses - tally.errors.status - tally.errors.body;
  return {
    requests: tally.responses,
    elapsedMs,
    reqPerSec: Math.max(0, ok) / seconds,
    bytesPerSec: tally.bytes / seconds,
    ...fields ?? serviceOnly(latency),
    errors: tally.errors,
    loadCpu: (cpu.user + cpu.system) / 1e3 / elapsedMs,
    statusCounts: statusCountsRecord(tally.statusCounts)
  };
}
function serviceOnly(latency) {
  const service = latency.summary();
  return { latencyUs: service, latencyBasis: "service", serviceLatencyUs: service, rate: null };
}

export {
  LatencyRecorder,
  newTally,
  startProgress,
  summarize2 as summarize
};
