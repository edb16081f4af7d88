// Comparisons a reviewer would get, for report and screenshot tests: N workloads of which the
// first regresses (CPU per request and p99), the second improves, the third stays undecided
// (too noisy), the rest do not change; with stored records for the trend. Seeded, so every
// rendering of a scenario is the same.
import type { GateReportInput } from '../../src/report/gate-report.ts';
import { trendOf } from '../../src/report/trend.ts';
import type { ResultsRecord } from '../../src/record/record.ts';
import { compareRecords } from '../../src/verdict/index.ts';
import { noisyRuns } from './noisy-runs.ts';
import { fakeSha, makeRecord } from './records.ts';

const NAMES = [
  'hello',
  'create user',
  'todo crud',
  'list tasks',
  'search',
  'login',
  'upload avatar',
  'feed page',
  'checkout',
  'health',
];

function runsOf(i: number, seed: number, side: 'base' | 'head') {
  const n = 12;
  if (side === 'head' && i === 0) {
    return noisyRuns({ n, seed, p99Us: 4200, extra: {} }).map((r) => ({
      ...r,
      cpuMsPerRequest: (r.cpuMsPerRequest ?? 0.05) * 1.3,
    }));
  }
  if (side === 'head' && i === 1) return noisyRuns({ n, seed, reqPerSec: 1250, p50Us: 800 });
  if (i === 2) return noisyRuns({ n, seed, cv: 0.12, reqPerSec: side === 'head' ? 960 : 1000 });
  return noisyRuns({ n, seed });
}

function recordOf(count: number, side: 'base' | 'head', seed: number, day: number): ResultsRecord {
  const names = NAMES.slice(0, count);
  return makeRecord({
    workloads: Object.fromEntries(names.map((name, i) => [name, runsOf(i, seed * 100 + i, side)])),
    commit: side === 'head' ? '9f1c2e4' + 'b'.repeat(33) : fakeSha(day),
    ref: side === 'head' ? 'feature/faster-login' : 'main',
    createdAt: new Date(Date.UTC(2026, 10, day, 9, 30)),
  });
}

/** The gate report for `count` workloads (1..10), with 12 stored records on main for the trend. */
export function reviewerScenario(count: number): GateReportInput {
  const history = Array.from({ length: 12 }, (_, d) => recordOf(count, 'base', d + 1, d + 1));
  const base = history.at(-1) as ResultsRecord;
  const head = recordOf(count, 'head', 99, 30);
  const comparison = compareRecords([base], head, { runnerNoise: 0 });
  return {
    verdict: comparison.verdict,
    comparison,
    record: head,
    notices: [],
    runUrl: 'https://github.com/acme/shop/actions/runs/123456',
    repoUrl: 'https://github.com/acme/shop',
    trend: trendOf(history),
  };
}
