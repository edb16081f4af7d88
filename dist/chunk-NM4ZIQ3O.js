import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);

// src/load/latency-basis.ts
function closedModelLatency(w, latency, windowMs, connections) {
  const service = latency.summary();
  if (w.latency === "service") {
    return { latencyUs: service, latencyBasis: "service", serviceLatencyUs: service, rate: null };
  }
  const perConnection = latency.count / Math.max(1, connections);
  const intervalUs = perConnection >= 1 ? windowMs * 1e3 / perConnection : 0;
  return {
    latencyUs: latency.correctedSummary(intervalUs),
    latencyBasis: "corrected",
    serviceLatencyUs: service,
    rate: null
  };
}
function openModelLatency(latency, rate) {
  return { latencyUs: latency.summary(), latencyBasis: "intended", serviceLatencyUs: null, rate };
}
function deliveredShare(rate) {
  return rate.target > 0 ? rate.achieved / rate.target : 1;
}
function rateShortfall(rate) {
  if (!rate || deliveredShare(rate) >= rate.minShare) return null;
  const minShare = rate.minShare;
  const pct = (x) => `${(x * 100).toFixed(x < 0.1 ? 1 : 0)}%`;
  return `sent ${Math.round(rate.achieved)} req/s of the ${rate.target} req/s asked for (${pct(deliveredShare(rate))}, below min-rate-share ${pct(minShare)}); ${rate.dropped} requests were due but not sent: give the workload more connections, or a lower rate`;
}

export {
  closedModelLatency,
  openModelLatency,
  rateShortfall
};
