import { mad, mean, median } from '../stats/index.ts';
import type { TestRequest } from '../config/gate-schema.ts';
import type { TestName } from './comparison-schema.ts';

// Which test judges a metric, and the MAD rule that names outlier runs in reports (it never
// changes the test: see chooseRelativeTest).

export { TEST_REQUESTS } from '../config/gate-schema.ts';
export type { TestRequest };

/** Tests that need the paired design. */
export const PAIRED_TESTS: readonly TestRequest[] = ['paired-t', 'trimmed', 'signed-rank', 'sign'];

/**
 * Modified z-score above which a run is an outlier. Iglewicz & Hoaglin (1993, "How to Detect
 * and Handle Outliers", sec. 3.3) suggest 3.5 for large samples; with 5-10 runs the MAD is so
 * variable that 3.5 flags 10-20% of perfectly normal samples (seeded simulation), while 6 flags
 * 2-4% from 6 runs on. A run hit by a noisy neighbour is typically tens of MADs away.
 */
export const OUTLIER_Z = 6;

/** Fewer runs than this are never searched for outliers: their MAD says too little. */
export const OUTLIER_MIN_RUNS = 6;

/**
 * Indices of outliers by the MAD rule: |x - median| / (1.4826 MAD) > OUTLIER_Z. When more than half
 * the values are equal (MAD = 0) the mean absolute deviation stands in, scaled by 1.2533
 * (sqrt(pi/2)), as Iglewicz & Hoaglin suggest; when that is 0 too, nothing is an outlier.
 */
export function findOutliers(values: readonly number[]): number[] {
  if (values.length < OUTLIER_MIN_RUNS) return [];
  const m = median(values);
  let scale = 1.4826 * mad(values);
  if (scale === 0) scale = 1.2533 * mean(values.map((v) => Math.abs(v - m)));
  if (scale === 0) return [];
  return values.flatMap((v, i) => (Math.abs(v - m) / scale > OUTLIER_Z ? [i] : []));
}

/** The test chosen for one metric and the reason shown in the report. */
export interface TestChoice {
  test: TestName;
  reason: string;
}

const DESCRIPTION: Record<TestName, string> = {
  welch: 'Welch t on log values',
  'mann-whitney': 'Mann-Whitney + Hodges-Lehmann on log values',
  'paired-t': 'paired t on per-pair log ratios',
  trimmed: '20% trimmed-mean t on per-pair log ratios',
  'signed-rank': 'Wilcoxon signed-rank + Hodges-Lehmann on per-pair log ratios',
  sign: 'sign test + median on per-pair log ratios',
  session: 't on session summaries against the spread between sessions',
  'welch-absolute': 'Welch t on the raw rates',
  'paired-t-absolute': 'paired t on the per-pair differences of the raw rates',
  exact: 'exact comparison',
};

/**
 * The request as a design can honour it: a paired test asked for in a comparison without pairs (a
 * stored baseline), or an unpaired one for records made side by side, falls back to 'auto'.
 */
export function testForDesign(requested: TestRequest, paired: boolean): TestRequest {
  return PAIRED_TESTS.includes(requested) === paired || requested === 'auto' ? requested : 'auto';
}

/** A short human name of a test. */
export function describeTest(test: TestName): string {
  return DESCRIPTION[test];
}

/**
 * The test of a relative metric, fixed before the data are seen: a switch on what the data look
 * like (an outlier found, then a robust test) changes the level in exactly the trials where it
 * fires (a seeded simulation found 99.17% intervals covering 79-95% of the time there). Default
 * ('auto'): for records made side by side the Wilcoxon signed-rank test with the Hodges-Lehmann
 * shift of the per-pair log ratios: exact whatever the noise looks like (symmetric under A/A:
 * either side of a pair can be the one a noisy neighbour hits) and robust to such pairs, where
 * a t test widens until nothing passes and a trimmed-mean t runs 30-60% above its level at 5-20
 * pairs (seeded simulation); for independent records the session-level t (the spread between
 * sessions dominates any one run).
 */
export function chooseRelativeTest(
  requested: TestRequest,
  paired: boolean,
  sessions: boolean,
  design: { pairs: number; alphaSide: number } = { pairs: Infinity, alphaSide: 0 },
): TestChoice {
  if (requested !== 'auto') {
    return { test: requested, reason: `${DESCRIPTION[requested]}: asked for` };
  }
  if (paired) {
    // With n pairs the signed-rank test's smallest one-sided p is 2^-n: below the level it can
    // never decide, so the paired t stands in. Both n and the level are fixed by the design
    // (runs, family, looks), not by the values, so the choice is still made in advance.
    if (2 ** -design.pairs > design.alphaSide) {
      return {
        test: 'paired-t',
        reason: `${DESCRIPTION['paired-t']} (${design.pairs} pairs are too few for the signed-rank test at this level)`,
      };
    }
    return { test: 'signed-rank', reason: DESCRIPTION['signed-rank'] };
  }
  if (sessions) return { test: 'session', reason: DESCRIPTION.session };
  return { test: 'welch', reason: DESCRIPTION.welch };
}
