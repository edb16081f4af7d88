// Seeded per-run numbers with lognormal noise, for verdict, report and CLI tests: the same seed
// always gives the same runs, so a test's data can be replayed exactly.
import { createRng, randomLognormal } from '../../src/stats/index.ts';
import type { RunNumbers } from './records.ts';

/** Centre and run-to-run noise of the runs to draw. */
export interface NoisySpec {
  /** Number of runs. */
  n: number;
  seed: number;
  reqPerSec?: number;
  p50Us?: number;
  p99Us?: number;
  errorRate?: number;
  /** Coefficient of variation of every metric (sigma of the log); default 0.02. */
  cv?: number;
  /** Extra fields applied to every run (cpuMsPerRequest: null, ...). */
  extra?: Exclude<RunNumbers, number>;
}

/** `n` runs whose req/s, p50, p90 (2 x p50) and p99 scatter lognormally around the given centres. */
export function noisyRuns(spec: NoisySpec): Exclude<RunNumbers, number>[] {
  const rng = createRng(spec.seed);
  const cv = spec.cv ?? 0.02;
  const draw = (centre: number) => centre * randomLognormal(rng, 0, cv);
  return Array.from({ length: spec.n }, () => {
    const p50Us = draw(spec.p50Us ?? 1000);
    return {
      reqPerSec: draw(spec.reqPerSec ?? 1000),
      p50Us,
      p90Us: p50Us * 2,
      p99Us: draw(spec.p99Us ?? 3000),
      maxUs: draw((spec.p99Us ?? 3000) * 2),
      errorRate: spec.errorRate ?? 0,
      cpuMsPerRequest: draw(0.05),
      peakRssBytes: draw(50_000_000),
      ...spec.extra,
    };
  });
}
