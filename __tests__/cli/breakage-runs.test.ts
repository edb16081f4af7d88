// A server that answers 500 to everything in 3 of 10 runs: the real `perfgate run` exits 1 with
// "broken" and the count of runs in the headline, against a baseline recorded with the healthy
// server. fixtures/servers/hostile.mjs tells runs apart by their connections (a run's first
// request on a connection while none of the previous run's is open starts the next run). The
// file runs in the serial group (vitest.config.ts): its runs last 100 ms.
import { describe, expect, it } from 'vitest';
import { setUpHostileRuns } from './hostile-runs.ts';

const RUNS = 10;
const { perfgate, baseline } = setUpHostileRuns(RUNS);

describe('perfgate run against a server that fails in some runs', () => {
  it('a server that errors in 3 of 10 runs: exit 1, broken', async () => {
    const r = await perfgate(['--baseline', baseline()], {
      MODE: 'flaky-runs',
      FAIL_RUNS: '2,5,8',
    });
    expect(r.code, `${r.out}\n${r.err}`).toBe(1);
    expect(r.out).toContain(
      `\n🔴 perfgate: broken — hello: 3 of ${RUNS} runs had no successful response`,
    );
    const rates = (r.record.workloads[0]?.runs ?? []).map((x) => x.errorRate);
    expect(rates.filter((x) => x === 1)).toHaveLength(3);
    expect(rates.filter((x) => x === 0)).toHaveLength(RUNS - 3);
  }, 120_000);
});
