// Coordinated-omission correction of closed-model latency (wrk's expected-interval correction),
// and the open model's delivery check, on recorded values: no load, no clock.
import { describe, expect, it } from 'vitest';
import { closedModelLatency, deliveredShare, rateShortfall } from '../../src/load/latency-basis.ts';
import { LatencyRecorder } from '../../src/load/latency-recorder.ts';
import type { RateDelivery } from '../../src/load/types.ts';

/** One connection answered in 1 ms 9,000 times and once after a 1 s stall. */
function stalledRun(): LatencyRecorder {
  const r = new LatencyRecorder();
  for (let i = 0; i < 9000; i++) r.record(1);
  r.record(1000);
  return r;
}

describe('closed-model latency', () => {
  it('corrects a stall into the percentiles, as wrk does, and keeps the service time', () => {
    // 10 s of one connection, 9,001 responses: expected interval 10 s / 9001 = 1.11 ms.
    const f = closedModelLatency({ latency: 'corrected' }, stalledRun(), 10_000, 1);
    expect(f.latencyBasis).toBe('corrected');
    // The stall stands for the ~900 requests the connection would have sent meanwhile, at
    // 1000 ms, 998.9 ms, ... down to the interval: ~9% of all values, so p99 is near 900 ms.
    expect(f.latencyUs.p99).toBeGreaterThan(850_000);
    expect(f.latencyUs.p99).toBeLessThan(950_000);
    expect(f.latencyUs.p50).toBeLessThan(1100);
    expect(f.latencyUs.max).toBe(1_000_000);
    // Uncorrected, the stall is one value in 9,001: only max shows it.
    expect(f.serviceLatencyUs?.p99).toBeLessThan(1100);
    expect(f.serviceLatencyUs?.max).toBe(1_000_000);
  });

  it('changes nothing when no response took longer than two intervals', () => {
    const r = new LatencyRecorder();
    for (let i = 0; i < 1000; i++) r.record(1 + (i % 3) * 0.1);
    const f = closedModelLatency({ latency: 'corrected' }, r, 1100, 1);
    expect(f.latencyUs).toEqual(f.serviceLatencyUs);
  });

  it('reports the service time as the gated figure when asked to', () => {
    const f = closedModelLatency({ latency: 'service' }, stalledRun(), 10_000, 1);
    expect(f.latencyBasis).toBe('service');
    expect(f.latencyUs).toEqual(f.serviceLatencyUs);
    expect(f.latencyUs.p99).toBeLessThan(1100);
  });

  it('spreads the expected interval over the connections', () => {
    // 10 connections sharing 9,001 responses: each sent ~900, expected interval 11.1 ms, so the
    // stall stands for ~90 requests: 1% of the values, just below p99.
    const f = closedModelLatency({ latency: 'corrected' }, stalledRun(), 10_000, 10);
    expect(f.latencyUs.p99).toBeLessThan(200_000);
    expect(f.latencyUs.max).toBe(1_000_000);
  });
});

describe('open-model delivery', () => {
  const delivery = (achieved: number): RateDelivery => ({
    target: 20_000,
    achieved,
    due: 200_000,
    dropped: 200_000 - achieved * 10,
    minShare: 0.95,
  });

  it('flags a run below its min-rate-share with the achieved rate and the advice', () => {
    const short = delivery(4750);
    expect(deliveredShare(short)).toBeCloseTo(0.2375, 6);
    expect(rateShortfall(short)).toBe(
      'sent 4750 req/s of the 20000 req/s asked for (24%, below min-rate-share 95%); 152500 requests were due but not sent: give the workload more connections, or a lower rate',
    );
  });

  it('passes a run at or above its share, and the closed model', () => {
    expect(rateShortfall(delivery(19_000))).toBeNull();
    expect(rateShortfall(null)).toBeNull();
  });
});
