import type { ResolvedWorkload } from '../config/resolve.ts';
import type { LatencyRecorder } from './latency-recorder.ts';
import type { LatencyFields } from './run-tally.ts';
import type { RateDelivery } from './types.ts';

// Which latency a run reports and gates, decided in one place for both load engines.
//
// A closed-model connection sends its next request only after the previous answer, so while
// the server stalls each connection waits on one slow request instead of the hundreds it would
// have sent: a 1 s freeze in a 10 s run touches a few dozen of ~500,000 samples and vanishes
// from p99 (coordinated omission, Gil Tene). wrk corrects its histogram after the run with
// HdrHistogram's expected-interval correction, the expected interval being the run time over
// the responses per connection; perfgate does the same, so its corrected p99 and wrk's agree
// (`npm run bench:stall`).

/**
 * The latency fields of a closed-model run: corrected (the default) or service time as the
 * gated figures, the service time always kept alongside.
 * @param windowMs the measured time of the run
 * @param connections connections that ran concurrently
 */
export function closedModelLatency(
  w: Pick<ResolvedWorkload, 'latency'>,
  latency: LatencyRecorder,
  windowMs: number,
  connections: number,
): LatencyFields {
  const service = latency.summary();
  if (w.latency === 'service') {
    return { latencyUs: service, latencyBasis: 'service', serviceLatencyUs: service, rate: null };
  }
  const perConnection = latency.count / Math.max(1, connections);
  const intervalUs = perConnection >= 1 ? (windowMs * 1000) / perConnection : 0;
  return {
    latencyUs: latency.correctedSummary(intervalUs),
    latencyBasis: 'corrected',
    serviceLatencyUs: service,
    rate: null,
  };
}

/** The latency fields of an open-model run: timed from when each request was due. */
export function openModelLatency(latency: LatencyRecorder, rate: RateDelivery): LatencyFields {
  return { latencyUs: latency.summary(), latencyBasis: 'intended', serviceLatencyUs: null, rate };
}

/** The share of its target rate a run delivered (1 = all of it). */
export function deliveredShare(rate: RateDelivery): number {
  return rate.target > 0 ? rate.achieved / rate.target : 1;
}

/**
 * A message when an open-model run sent less than its min-rate-share of its rate, else null: its
 * latency describes a lighter load than the one asked for.
 */
export function rateShortfall(rate: RateDelivery | null | undefined): string | null {
  if (!rate || deliveredShare(rate) >= rate.minShare) return null;
  const minShare = rate.minShare;
  const pct = (x: number) => `${(x * 100).toFixed(x < 0.1 ? 1 : 0)}%`;
  return (
    `sent ${Math.round(rate.achieved)} req/s of the ${rate.target} req/s asked for ` +
    `(${pct(deliveredShare(rate))}, below min-rate-share ${pct(minShare)}); ` +
    `${rate.dropped} requests were due but not sent: give the workload more connections, or a lower rate`
  );
}
