import { mad, mean, median } from '../stats/index.ts';
import type { TestName } from './comparison-schema.ts';

// Which test judges a metric. Default ('auto'): the t test on log values (Welch unpaired, Student
// paired on the log ratios), which is the most powerful when runs are roughly lognormal; a
// robust test as soon as one run is an outlier by the MAD rule, because a single run hit by a
// noisy neighbour must not decide the gate (statistics.md, principle 7): Mann-Whitney with the
// Hodges-Lehmann shift unpaired, the 20% trimmed-mean t on the log ratios paired.

/** Tests a user can ask for; 'auto' applies the rule above. */
export type TestRequest =
  'auto' | 'welch' | 'mann-whitney' | 'paired-t' | 'trimmed' | 'signed-rank';

/** Every accepted test request, for argument checking. */
export const TEST_REQUESTS: readonly TestRequest[] = [
  'auto',
  'welch',
  'mann-whitney',
  'paired-t',
  'trimmed',
  'signed-rank',
];

/** Tests that need the paired design. */
export const PAIRED_TESTS: readonly TestRequest[] = ['paired-t', 'trimmed', 'signed-rank'];

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
  'welch-absolute': 'Welch t on the raw rates',
  'paired-t-absolute': 'paired t on the per-pair differences of the raw rates',
  exact: 'exact comparison',
};

/** A short human name of a test. */
export function describeTest(test: TestName): string {
  return DESCRIPTION[test];
}

/**
 * Chooses the test of a relative metric from the oriented log values: `baseline`/`candidate`
 * (independent) or the per-pair log ratios `d` (paired).
 */
export function chooseRelativeTest(
  requested: TestRequest,
  data: { paired: false; baseline: number[]; candidate: number[] } | { paired: true; d: number[] },
): TestChoice {
  if (requested !== 'auto') {
    return { test: requested, reason: `${DESCRIPTION[requested]}: asked for` };
  }
  if (!data.paired) {
    const outB = findOutliers(data.baseline);
    const outC = findOutliers(data.candidate);
    if (outB.length + outC.length > 0) {
      const where = [
        outB.length ? `baseline run${plural(outB)} ${runList(outB)}` : '',
        outC.length ? `this run's run${plural(outC)} ${runList(outC)}` : '',
      ]
        .filter(Boolean)
        .join(' and ');
      return {
        test: 'mann-whitney',
        reason: `Mann-Whitney + Hodges-Lehmann: an outlier run was detected (MAD rule: ${where})`,
      };
    }
    return { test: 'welch', reason: 'Welch t on log values' };
  }
  const out = findOutliers(data.d);
  if (out.length > 0) {
    return {
      test: 'trimmed',
      reason: `20% trimmed-mean t on per-pair log ratios: an outlier pair was detected (MAD rule: pair${plural(out)} ${runList(out)})`,
    };
  }
  return { test: 'paired-t', reason: 'paired t on per-pair log ratios' };
}

function plural(list: readonly number[]): string {
  return list.length === 1 ? '' : 's';
}

function runList(indices: readonly number[]): string {
  return indices.map((i) => `#${i + 1}`).join(', ');
}
