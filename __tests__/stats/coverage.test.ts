import { describe, expect, it } from 'vitest';
import {
  createRng,
  hodgesLehmannLocation,
  hodgesLehmannShift,
  pairedLogRatios,
  pairedLogTest,
  pairedTrimmedLogTest,
  randomLognormal,
  rankLogTest,
  signedRankLogTest,
  welchLogTest,
  type ChangeResult,
  type Interval,
  type Rng,
} from '../../src/stats/index.ts';

// Do the 95% intervals cover the true change 95% of the time? (The check tachometer makes of
// its own intervals.) 2000 seeded lognormal datasets per method; the Monte Carlo standard error
// of a 95% rate is 0.49%, so the +-2% band is ~4 standard errors wide.

const DATASETS = 2000;
const TRUE_CHANGE = 0.07; // +7%: the candidate is 7% slower
const SIGMA = 0.05; // ~5% run-to-run CV

function lognormalSample(rng: Rng, n: number, median: number, sigma: number): number[] {
  return Array.from({ length: n }, () => randomLognormal(rng, Math.log(median), sigma));
}

function coverage(seed: number, make: (rng: Rng) => Pick<ChangeResult, 'ci'>): number {
  const rng = createRng(seed);
  let covered = 0;
  for (let i = 0; i < DATASETS; i++) {
    const r = make(rng);
    if (r.ci[0] <= TRUE_CHANGE && TRUE_CHANGE <= r.ci[1]) covered++;
  }
  return covered / DATASETS;
}

function unpaired(rng: Rng, n: number): [number[], number[]] {
  return [
    lognormalSample(rng, n, 1000, SIGMA),
    lognormalSample(rng, n, 1000 * (1 + TRUE_CHANGE), SIGMA),
  ];
}

function paired(rng: Rng, n: number): [number[], number[]] {
  // A shared per-round factor (drift, noisy neighbour) that the paired design cancels.
  const rounds = lognormalSample(rng, n, 1, 0.2);
  const base = rounds.map((r) => 1000 * r * randomLognormal(rng, 0, SIGMA));
  const cand = rounds.map((r) => 1000 * (1 + TRUE_CHANGE) * r * randomLognormal(rng, 0, SIGMA));
  return [base, cand];
}

const direction = 'lower-is-better' as const;

// The rank p-values are not needed here: take the interval straight from the estimator.
function logInterval(ci: Interval): Pick<ChangeResult, 'ci'> {
  return { ci: [Math.expm1(ci[0]), Math.expm1(ci[1])] };
}

describe('95% intervals cover the true change 95% +- 2% of the time', () => {
  it.each([
    ['Welch on logs, n = 10', 1, (rng: Rng) => welchLogTest(...unpaired(rng, 10), { direction })],
    [
      'Welch on logs, n = 4 vs 8, unequal spread',
      2,
      (rng: Rng) =>
        welchLogTest(
          lognormalSample(rng, 4, 1000, 2 * SIGMA),
          lognormalSample(rng, 8, 1000 * (1 + TRUE_CHANGE), SIGMA),
          { direction },
        ),
    ],
    ['paired t, n = 10', 3, (rng: Rng) => pairedLogTest(...paired(rng, 10), { direction })],
    ['paired t, n = 5', 4, (rng: Rng) => pairedLogTest(...paired(rng, 5), { direction })],
    [
      'paired 20% trimmed t, n = 20',
      5,
      (rng: Rng) => pairedTrimmedLogTest(...paired(rng, 20), { direction }),
    ],
    [
      'Hodges-Lehmann exact, n = 10',
      6,
      (rng: Rng) => rankLogTest(...unpaired(rng, 10), { direction }),
    ],
    [
      'Hodges-Lehmann asymptotic, n = 50',
      7,
      (rng: Rng) => {
        const [base, cand] = unpaired(rng, 50);
        return logInterval(hodgesLehmannShift(cand.map(Math.log), base.map(Math.log)).ci);
      },
    ],
    [
      'one-sample Hodges-Lehmann exact, n = 10',
      8,
      (rng: Rng) => signedRankLogTest(...paired(rng, 10), { direction }),
    ],
    [
      'one-sample Hodges-Lehmann asymptotic, n = 50',
      9,
      (rng: Rng) =>
        logInterval(hodgesLehmannLocation(pairedLogRatios(...paired(rng, 50), direction)).ci),
    ],
  ] as const)('%s', (_name, seed, make) => {
    const rate = coverage(seed, make);
    expect(rate).toBeGreaterThanOrEqual(0.93);
    expect(rate).toBeLessThanOrEqual(0.97);
  });
});
