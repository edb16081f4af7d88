// A broken run fails the gate whatever the statistics say (src/verdict/breakage.ts), in the
// comparison (verdict "broken", the reason in the headline) and in the gate decision, also
// without a baseline.
import { describe, expect, it } from 'vitest';
import { decideGate } from '../../src/gate/outcome.ts';
import { renderGateText } from '../../src/report/gate-report.ts';
import { renderHeadline } from '../../src/report/comparison-report.ts';
import { TEXT } from '../../src/report/comparison-flavor.ts';
import { comparisonSchema, compareRecords, findBreakage } from '../../src/verdict/index.ts';
import { noisyRuns } from '../helpers/noisy-runs.ts';
import { makeRecord } from '../helpers/records.ts';
import type { RunNumbers } from '../helpers/records.ts';

/** A run in which every attempt failed (a server answering garbage). */
const DEAD: RunNumbers = { reqPerSec: 0, requests: 0, errors: { protocol: 4000 } };

/** `n` healthy noisy runs, with `broken(i)` replacing run i when it returns one. */
function runs(n: number, seed: number, broken: (i: number) => RunNumbers | null = () => null) {
  return noisyRuns({ n, seed }).map((r, i) => broken(i) ?? r);
}

const HEALTHY = makeRecord({ workloads: { hello: runs(10, 1) } });

describe('findBreakage', () => {
  it('finds nothing in healthy runs', () => {
    expect(findBreakage(HEALTHY)).toBeNull();
  });

  it('names the runs without a successful response', () => {
    const head = makeRecord({ workloads: { hello: runs(10, 2, (i) => (i < 3 ? DEAD : null)) } });
    const b = findBreakage(head);
    expect(b?.summary).toBe('broken — hello: 3 of 10 runs had no successful response');
    expect(b?.workloads[0]).toMatchObject({ noSuccess: 3, overLimit: 0 });
  });

  it('counts responses that all failed their check as no success', () => {
    const all500: RunNumbers = { requests: 5000, errors: { status: 5000 } };
    const head = makeRecord({ workloads: { hello: runs(4, 3, (i) => (i === 0 ? all500 : null)) } });
    expect(findBreakage(head)?.summary).toBe(
      'broken — hello: 1 of 4 runs had no successful response',
    );
  });

  it('applies the hard limit to runs that still had successes, and its setting', () => {
    const mostly: RunNumbers = { requests: 1000, errors: { status: 700 } }; // 70%
    const head = makeRecord({ workloads: { hello: runs(5, 4, (i) => (i === 1 ? mostly : null)) } });
    expect(findBreakage(head)?.summary).toBe(
      'broken — hello: 1 of 5 runs had more than 50% errors (worst 70%)',
    );
    expect(findBreakage(head, { maxErrorRate: 0.8 })).toBeNull();
  });

  it("raises the limit to the baseline's own worst kept run, but never excuses no success", () => {
    const shedding: RunNumbers = { requests: 1000, errors: { status: 650 } }; // 65%
    const base = makeRecord({
      workloads: { hello: runs(5, 5, (i) => (i === 0 ? shedding : null)) },
    });
    const sixty: RunNumbers = { requests: 1000, errors: { status: 600 } };
    const head = makeRecord({ workloads: { hello: runs(5, 6, (i) => (i === 0 ? sixty : null)) } });
    expect(findBreakage(head, { baselines: [base] })).toBeNull();
    expect(findBreakage(head)).not.toBeNull();
    const dead = makeRecord({ workloads: { hello: runs(5, 7, (i) => (i === 0 ? DEAD : null)) } });
    expect(findBreakage(dead, { baselines: [base] })?.workloads[0]?.noSuccess).toBe(1);
  });

  it('ignores warm-up runs', () => {
    const head = makeRecord({
      workloads: { hello: runs(5, 8, (i) => (i === 0 ? { ...DEAD, warmup: true } : null)) },
    });
    expect(findBreakage(head)).toBeNull();
  });
});

describe('a broken candidate in a comparison', () => {
  it('is broken although the statistics alone are inconclusive (3 of 10 runs at 100% errors)', () => {
    const head = makeRecord({
      workloads: { hello: runs(10, 9, (i) => (i % 3 === 0 && i < 9 ? DEAD : null)) },
    });
    const c = compareRecords(HEALTHY, head);
    expect(comparisonSchema.parse(c)).toEqual(c);
    const errors = c.workloads[0]?.metrics.find((m) => m.metric === 'errors');
    expect(errors?.status).not.toBe('regression'); // three outlier runs: the test is not sure
    expect(c.verdict).toBe('broken');
    expect(renderHeadline(c, TEXT)).toBe(
      '🔴 perfgate: broken — hello: 3 of 10 runs had no successful response',
    );
    const gate = decideGate({
      comparison: c,
      compared: true,
      onMissing: 'pass',
      failOnInconclusive: false,
      breakage: c.breakage ?? null,
    });
    expect(gate).toEqual({
      verdict: 'broken',
      fail: true,
      failReason: 'broken — hello: 3 of 10 runs had no successful response',
    });
  });

  it('fails the gate without a baseline, with the reason as the report headline', () => {
    const head = makeRecord({ workloads: { hello: runs(4, 10, () => DEAD) } });
    const breakage = findBreakage(head);
    const gate = decideGate({
      comparison: null,
      compared: true,
      onMissing: 'pass',
      failOnInconclusive: false,
      breakage,
    });
    expect(gate.verdict).toBe('broken');
    expect(gate.fail).toBe(true);
    const text = renderGateText({
      verdict: gate.verdict,
      comparison: null,
      record: head,
      notices: [],
      breakage,
    });
    expect(text.split('\n')[0]).toBe(
      '🔴 perfgate: broken — hello: 4 of 4 runs had no successful response',
    );
  });
});
