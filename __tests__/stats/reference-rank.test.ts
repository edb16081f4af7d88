import { describe, expect, it } from 'vitest';
import {
  hodgesLehmannLocation,
  hodgesLehmannShift,
  mannWhitneyU,
  signedRankTest,
  type Alternative,
} from '../../src/stats/index.ts';
import { expectClose, loadReference } from './reference.ts';

type Method = 'exact' | 'asymptotic';
interface MwCase {
  name: string;
  x: number[];
  y: number[];
  alternative: Alternative;
  method: Method;
  expected: { statistic: number; pValue: number };
}
interface SrCase {
  name: string;
  d: number[];
  mu: number;
  alternative: Alternative;
  method: Method;
  continuity: boolean;
  expected: { statistic: number; pValue: number };
}
interface HlExpected {
  estimate: number;
  ci: [number, number];
}
interface Hl2Case {
  name: string;
  x: number[];
  y: number[];
  method: Method;
  alpha: number;
  continuity: boolean;
  expected: HlExpected;
}
interface Hl1Case {
  name: string;
  d: number[];
  method: Method;
  alpha: number;
  continuity: boolean;
  expected: HlExpected;
}

const ranks = loadReference<{ mannWhitney: MwCase[]; signedRank: SrCase[] }>('rank-tests.json');
const hl = loadReference<{ twoSample: Hl2Case[]; oneSample: Hl1Case[] }>('hodges-lehmann.json');

describe('Mann-Whitney U matches scipy mannwhitneyu (and R wilcox.test)', () => {
  it.each(ranks.mannWhitney.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = mannWhitneyU(c.x, c.y, { alternative: c.alternative, method: c.method });
    expect(r.method).toBe(c.method);
    expect(r.statistic).toBe(c.expected.statistic);
    // Exact p-values: 1e-12 relative; the normal approximation: 1e-9.
    expectClose(r.pValue, c.expected.pValue, c.method === 'exact' ? 1e-12 : 1e-9, 0, c.name);
  });
});

describe('signed-rank test matches R wilcox.test(d, mu)', () => {
  it.each(ranks.signedRank.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = signedRankTest(c.d, c.mu, {
      alternative: c.alternative,
      method: c.method,
      continuity: c.continuity,
    });
    expect(r.method).toBe(c.method);
    expect(r.statistic).toBe(c.expected.statistic);
    expectClose(r.pValue, c.expected.pValue, c.method === 'exact' ? 1e-12 : 1e-9, 0, c.name);
  });
});

describe('Hodges-Lehmann shift and interval match R wilcox.test(x, y, conf.int = TRUE)', () => {
  it.each(hl.twoSample.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = hodgesLehmannShift(c.x, c.y, {
      alpha: c.alpha,
      method: c.method,
      continuity: c.continuity,
    });
    expect(r.method).toBe(c.method);
    expectClose(r.estimate, c.expected.estimate, 1e-12, 1e-15, `${c.name} estimate`);
    expectClose(r.ci[0], c.expected.ci[0], 1e-12, 1e-15, `${c.name} lower`);
    expectClose(r.ci[1], c.expected.ci[1], 1e-12, 1e-15, `${c.name} upper`);
  });
});

describe('one-sample Hodges-Lehmann matches R wilcox.test(d, conf.int = TRUE)', () => {
  it.each(hl.oneSample.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = hodgesLehmannLocation(c.d, {
      alpha: c.alpha,
      method: c.method,
      continuity: c.continuity,
    });
    expect(r.method).toBe(c.method);
    expectClose(r.estimate, c.expected.estimate, 1e-12, 1e-15, `${c.name} estimate`);
    expectClose(r.ci[0], c.expected.ci[0], 1e-12, 1e-15, `${c.name} lower`);
    expectClose(r.ci[1], c.expected.ci[1], 1e-12, 1e-15, `${c.name} upper`);
  });
});
