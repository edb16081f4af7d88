import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  PLACEHOLDER,
  findPlaceholders
} from "./chunk-5MSJA75B.js";

// src/load/request-template.ts
function templateNames(text) {
  return findPlaceholders(text);
}
function renderTemplate(text, values, json = false) {
  let missing = false;
  const out = text.replace(PLACEHOLDER, (_m, name) => {
    const v = values[name];
    if (v === void 0) {
      missing = true;
      return "";
    }
    return json ? JSON.stringify(v).slice(1, -1) : v;
  });
  return missing ? null : out;
}
function hasHeader(headers, name) {
  const lower = name.toLowerCase();
  return Object.keys(headers).some((k) => k.toLowerCase() === lower);
}
function requestParts(step) {
  const headers = { ...step.headers ?? {} };
  let body;
  let jsonBody = false;
  if (typeof step.body === "string") body = step.body;
  else if (step.body !== void 0) {
    body = JSON.stringify(step.body);
    jsonBody = true;
    if (!hasHeader(headers, "content-type")) headers["content-type"] = "application/json";
  }
  return { method: step.method ?? "GET", path: step.path, headers, body, jsonBody };
}
function isTemplated(parts) {
  const texts = [parts.path, parts.body ?? "", ...Object.values(parts.headers)];
  return texts.some((t) => templateNames(t).length > 0);
}
function renderParts(parts, values) {
  const path = renderTemplate(parts.path, values);
  if (path === null) return null;
  const headers = {};
  for (const [k, v] of Object.entries(parts.headers)) {
    const r = renderTemplate(v, values);
    if (r === null) return null;
    headers[k] = r;
  }
  let body;
  if (parts.body !== void 0) {
    const r = renderTemplate(parts.body, values, parts.jsonBody);
    if (r === null) return null;
    body = r;
  }
  return { ...parts, path, headers, body };
}
function isExpectedStatus(step, status) {
  const want = step.expect?.status;
  if (want === void 0) return status >= 200 && status < 300;
  return Array.isArray(want) ? want.includes(status) : want === status;
}
function isExpectedBody(step, body) {
  const want = step.expect?.body;
  return want === void 0 || body.includes(want);
}
function headerValue(headers, name) {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() === lower) return Array.isArray(v) ? v[0] : v;
  }
  return void 0;
}
function bodyValue(body, fieldPath) {
  if (fieldPath.length === 0) return body;
  let node;
  try {
    node = JSON.parse(body);
  } catch {
    return void 0;
  }
  for (const key of fieldPath) {
    if (node === null || typeof node !== "object") return void 0;
    node = node[key];
  }
  if (node === void 0 || node === null) return void 0;
  return typeof node === "object" ? JSON.stringify(node) : String(node);
}
function readCapture(source, status, body, headers) {
  if (source === "status") return String(status);
  if (source.startsWith("headers.")) return headerValue(headers, source.slice("headers.".length));
  if (source === "body" || source.startsWith("body."))
    return bodyValue(body, source.split(".").slice(1));
  return void 0;
}
function applyCaptures(step, status, body, headers, into) {
  let complete = true;
  for (const [name, source] of Object.entries(step.capture ?? {})) {
    const v = readCapture(source, status, body, headers);
    if (v === void 0) complete = false;
    else into[name] = v;
  }
  return complete;
}
function unresolvedNames(steps, vars, label = "steps") {
  const known = new Set(Object.keys(vars));
  const problems = [];
  steps.forEach((step, i) => {
    const parts = requestParts(step);
    const texts = [parts.path, parts.body ?? "", ...Object.values(parts.headers)];
    for (const name of new Set(texts.flatMap(templateNames))) {
      if (!known.has(name)) {
        problems.push(
          `${label}[${i}] (${parts.method} ${parts.path}) uses {{${name}}}, which no earlier step captures`
        );
      }
    }
    for (const name of Object.keys(step.capture ?? {})) known.add(name);
  });
  return problems;
}

// src/load/latency-recorder.ts
var SUB_BUCKET_HALF_MAGNITUDE = 10;
var SUB_BUCKET_HALF = 1 << SUB_BUCKET_HALF_MAGNITUDE;
var HIGHEST_US = 6e7;
function indexOf(v) {
  const b = Math.max(0, 31 - Math.clz32(v) - SUB_BUCKET_HALF_MAGNITUDE);
  return (b + 1) * SUB_BUCKET_HALF + ((v >>> b) - SUB_BUCKET_HALF);
}
function rangeOf(index) {
  let b = Math.floor(index / SUB_BUCKET_HALF) - 1;
  let sub = index % SUB_BUCKET_HALF + SUB_BUCKET_HALF;
  if (b < 0) {
    sub -= SUB_BUCKET_HALF;
    b = 0;
  }
  return [sub * (1 << b), 1 << b];
}
var LENGTH = indexOf(HIGHEST_US) + 1;
var LatencyRecorder = class _LatencyRecorder {
  counts = new Float64Array(LENGTH);
  total = 0;
  exactMax = 0;
  /**
   * A recorder holding the given counts by bucket index and exact maximum in µs: the histogram
   * of the C client (load-client.c), which uses this bucket layout.
   */
  static fromBuckets(buckets, maxUs) {
    const r = new _LatencyRecorder();
    for (const [index, count] of buckets) {
      if (!Number.isInteger(index) || index < 0 || index >= LENGTH || !(count > 0)) {
        throw new Error(`latency bucket ${index} (count ${count}) is outside the histogram`);
      }
      r.counts[index] += count;
      r.total += count;
    }
    r.exactMax = maxUs;
    return r;
  }
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
    errors: { connection: 0, timeout: 0, status: 0, body: 0, protocol: 0, incomplete: 0 }
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
function overdueMs(latency, windowMs) {
  const longest = latency.count > 0 ? latency.summary().max / 1e3 : 0;
  return Math.max(longest, windowMs / 2);
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
  requestParts,
  isTemplated,
  renderParts,
  isExpectedStatus,
  isExpectedBody,
  applyCaptures,
  unresolvedNames,
  LatencyRecorder,
  newTally,
  startProgress,
  overdueMs,
  summarize2 as summarize
};
