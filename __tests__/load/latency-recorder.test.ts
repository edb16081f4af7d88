// perfgate's own latency histogram against hdr-histogram-js, the reference implementation of
// HdrHistogram in JavaScript: the same percentiles, mean and coordinated-omission correction on
// the same seeded values (heavy-tailed, with rare stalls).
import * as hdr from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import { LatencyRecorder } from '../../src/load/latency-recorder.ts';
import { createRng } from '../../src/stats/random.ts';

function filled(): { mine: LatencyRecorder; reference: hdr.Histogram; max: number } {
  const reference = hdr.build({
    bitBucketSize: 32,
    useWebAssembly: false,
    autoResize: true,
    lowestDiscernibleValue: 1,
    highestTrackableValue: 60_000_000,
    numberOfSignificantValueDigits: 3,
  });
  const mine = new LatencyRecorder();
  const rng = createRng(11);
  let max = 0;
  for (let i = 0; i < 50_000; i++) {
    const ms = rng() < 0.002 ? 500 + rng() * 1500 : Math.exp(rng() * 8) / 100;
    const us = Math.max(1, Math.round(ms * 1000));
    max = Math.max(max, us);
    reference.recordValue(us);
    mine.record(ms);
  }
  return { mine, reference, max };
}

function summaryOf(h: hdr.Histogram, max: number) {
  const at = (p: number) => Math.min(h.getValueAtPercentile(p), max);
  return { mean: Math.round(h.mean * 10) / 10, p50: at(50), p90: at(90), p99: at(99), max };
}

describe('LatencyRecorder', () => {
  it('summarizes as HdrHistogram does', () => {
    const { mine, reference, max } = filled();
    expect(mine.count).toBe(reference.totalCount);
    expect(mine.summary()).toEqual(summaryOf(reference, max));
  });

  it.each([50, 800, 5000])(
    'corrects for coordinated omission as HdrHistogram does, interval %i µs',
    (interval) => {
      const { mine, reference, max } = filled();
      const corrected = reference.copyCorrectedForCoordinatedOmission(interval);
      expect(mine.correctedSummary(interval)).toEqual(summaryOf(corrected, max));
    },
  );

  it('gives zeros when nothing was recorded', () => {
    expect(new LatencyRecorder().correctedSummary(100)).toEqual({
      mean: 0,
      p50: 0,
      p90: 0,
      p99: 0,
      max: 0,
    });
  });
});
