import { describe, it } from 'vitest';
import {
  pairedLogTest,
  trimmedOneSampleLogTest,
  welchLogTest,
  type Direction,
  type TChangeResult,
} from '../../src/stats/index.ts';
import { expectClose, loadReference } from './reference.ts';

interface Expected {
  logEstimate: number;
  estimate?: number;
  logCi: [number, number];
  ci?: [number, number];
  pWorse: number;
  pBetter: number;
  t?: number;
  df: number;
  se?: number;
}
interface TwoSampleCase {
  name: string;
  baseline: number[];
  candidate: number[];
  direction: Direction;
  tau: number;
  alpha: number;
  expected: Expected;
}
interface TrimmedCase {
  name: string;
  d: number[];
  trim: number;
  tau: number;
  alpha: number;
  expected: Expected;
}
const ref = loadReference<{
  welch: TwoSampleCase[];
  paired: TwoSampleCase[];
  trimmed: TrimmedCase[];
}>('t-tests.json');

// 1e-9 relative; an absolute floor of 1e-13 on the log scale for estimates that are ~0.
const REL = 1e-9;
const ABS = 1e-13;

function check(r: TChangeResult, e: Expected, name: string): void {
  expectClose(r.logEstimate, e.logEstimate, REL, ABS, `${name} logEstimate`);
  if (e.estimate !== undefined) expectClose(r.estimate, e.estimate, REL, ABS, `${name} estimate`);
  expectClose(r.logCi[0], e.logCi[0], REL, ABS, `${name} logCi[0]`);
  expectClose(r.logCi[1], e.logCi[1], REL, ABS, `${name} logCi[1]`);
  if (e.ci) {
    expectClose(r.ci[0], e.ci[0], REL, ABS, `${name} ci[0]`);
    expectClose(r.ci[1], e.ci[1], REL, ABS, `${name} ci[1]`);
  }
  expectClose(r.pWorse, e.pWorse, REL, 0, `${name} pWorse`);
  expectClose(r.pBetter, e.pBetter, REL, 0, `${name} pBetter`);
  if (e.t !== undefined) expectClose(r.t, e.t, REL, ABS, `${name} t`);
  expectClose(r.df, e.df, REL, 0, `${name} df`);
  if (e.se !== undefined) expectClose(r.se, e.se, REL, 0, `${name} se`);
}

describe('Welch t on logs matches scipy ttest_ind(equal_var=False) + statsmodels', () => {
  it.each(ref.welch.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    check(welchLogTest(c.baseline, c.candidate, c), c.expected, c.name);
  });
});

describe('paired t on log ratios matches scipy ttest_1samp', () => {
  it.each(ref.paired.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    check(pairedLogTest(c.baseline, c.candidate, c), c.expected, c.name);
  });
});

describe('trimmed-mean t matches scipy.stats.mstats.trimmed_mean_ci / trimmed_stde', () => {
  it.each(ref.trimmed.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    check(trimmedOneSampleLogTest(c.d, c.trim, c.tau, c.alpha), c.expected, c.name);
  });
});
