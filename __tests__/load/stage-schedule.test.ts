import { describe, expect, it } from 'vitest';
import { mixSteps, resolveStages } from '../../src/config/resolve-extras.ts';
import type { ResolvedStages } from '../../src/config/resolve-extras.ts';
import {
  dueAt,
  firstReachAt,
  isConnectionActive,
  targetAt,
} from '../../src/load/stage-schedule.ts';

const stages = (kind: 'connections' | 'rate', list: [number, number][]): ResolvedStages =>
  resolveStages(list.map(([duration, target]) => ({ duration, [kind]: target }))) as ResolvedStages;

describe('stages of connections', () => {
  // JMeter's thread group: 100 users in 2 s, held for 2 s, then down to 0 in 1 s.
  const s = stages('connections', [
    [2000, 100],
    [2000, 100],
    [1000, 0],
  ]);

  it('resolve to a run of the sum of the stages, at the peak number of connections', () => {
    expect(s.totalMs).toBe(5000);
    expect(s.peak).toBe(100);
  });

  it('ramp linearly from 0, hold, and ramp down', () => {
    expect(targetAt(s, 0)).toBe(0);
    expect(targetAt(s, 1000)).toBe(50);
    expect(targetAt(s, 3000)).toBe(100);
    expect(targetAt(s, 4500)).toBe(50);
    expect(targetAt(s, 9000)).toBe(0);
  });

  it('open connection i when the ramp reaches i + 1, and idle it on the way down', () => {
    expect(firstReachAt(s, 1)).toBe(20);
    expect(firstReachAt(s, 100)).toBe(2000);
    expect(firstReachAt(s, 101)).toBeNull();
    expect(isConnectionActive(s, 49, 1000)).toBe(true);
    expect(isConnectionActive(s, 50, 1000)).toBe(false);
    expect(isConnectionActive(s, 99, 4500)).toBe(false);
  });
});

describe('stages of a rate', () => {
  it('ramp as the integral of the rate says, and hold a rate at (k + 0.5) / rate', () => {
    const s = stages('rate', [[10_000, 100]]);
    // A ramp from 0 to 100/s over 10 s: N(t) = 5 t², so request k is due at sqrt((k + 0.5) / 5) s.
    expect(dueAt(s, 0)).toBeCloseTo(Math.sqrt(0.1) * 1000, 6);
    expect(dueAt(s, 499)).toBeCloseTo(Math.sqrt(99.9) * 1000, 6);
    expect(dueAt(s, 500)).toBeNull();
    const flat = stages('rate', [
      [1, 200],
      [1000, 200],
    ]);
    expect(dueAt(flat, 100)).toBeCloseTo(1 + (100.5 - 0.1) / 0.2, 3);
  });

  it('send the integral of the rate: 0 -> 100/s in 1 s, 100/s for 1 s is 150 requests', () => {
    const s = stages('rate', [
      [1000, 100],
      [1000, 100],
    ]);
    const due: number[] = [];
    for (let k = 0; ; k++) {
      const at = dueAt(s, k);
      if (at === null) break;
      due.push(at);
    }
    expect(due).toHaveLength(150);
    expect(due.every((t, i) => i === 0 || t > (due[i - 1] as number))).toBe(true);
  });
});

describe('a weighted mix', () => {
  const r = (path: string, weight: number) => ({ method: 'GET' as const, path, weight });

  it('interleaves the entries in proportion, in one fixed order', () => {
    expect(mixSteps([r('/a', 3), r('/b', 1)]).map((s) => s.path)).toEqual(['/a', '/a', '/b', '/a']);
    expect(mixSteps([r('/a', 500), r('/b', 500)]).map((s) => s.path)).toEqual(['/a', '/b']);
  });
});
