// Breakage is a failure, not noise, end to end: a baseline recorded against a healthy server,
// then the same config against a server that answers garbage, never finishes its chunked body or
// answers one byte per second. Each makes the real `perfgate run` exit 1 with the reason in the
// headline, with a baseline and without one. (A server that fails in some runs only is in
// breakage-runs.test.ts: the fixture tells runs apart by their connections, which a client that
// waits for the CPU can open late.) The server and the config are in hostile-runs.ts.
import { describe, expect, it } from 'vitest';
import type { ResultsRecord } from '../../src/record/record.ts';
import { setUpHostileRuns } from './hostile-runs.ts';

/** Enough to show that every run is broken; each costs up to the 400 ms request timeout. */
const RUNS = 4;
const { perfgate, baseline } = setUpHostileRuns(RUNS);

/** The sum of one error kind over the kept runs. */
function total(
  record: ResultsRecord,
  kind: keyof ResultsRecord['workloads'][0]['runs'][0]['errors'],
) {
  return (record.workloads[0]?.runs ?? []).reduce((a, r) => a + (r.errors[kind] ?? 0), 0);
}

const ALL_RUNS = `🔴 perfgate: broken — hello: ${RUNS} of ${RUNS} runs had no successful response`;

describe('perfgate run against a broken server, compared with a healthy baseline', () => {
  it.each([
    ['answers garbage bytes', 'garbage', 'protocol'],
    ['never finishes its chunked body', 'endless-chunked', 'incomplete'],
    ['answers one byte per second', 'trickle', 'incomplete'],
  ] as const)(
    'a server that %s: exit 1, broken',
    async (_what, mode, kind) => {
      const r = await perfgate(['--baseline', baseline()], { MODE: mode });
      expect(r.code, `${r.out}\n${r.err}`).toBe(1);
      expect(r.out).toContain(`\n${ALL_RUNS}`);
      expect(r.err).toContain('perfgate: gate failed: broken — hello');
      expect(total(r.record, kind)).toBeGreaterThan(0);
      for (const run of r.record.workloads[0]?.runs ?? []) expect(run.errorRate).toBe(1);
    },
    120_000,
  );
});

describe('perfgate run against a broken server without a baseline', () => {
  it('garbage bytes and no baseline at all: exit 1, broken', async () => {
    const r = await perfgate([], { MODE: 'garbage' });
    expect(r.code, `${r.out}\n${r.err}`).toBe(1);
    expect(r.out).toContain(`\n${ALL_RUNS}`);
    expect(r.out).toContain('No baseline yet for this config');
  }, 120_000);
});
