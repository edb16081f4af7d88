// The session (runSides) with fakes: restart policies, pairing of two builds, when sampling
// stops, failures of a server, warnings. Milliseconds each; the real session runs in the
// integration tests (__tests__/cli/run.test.ts, run-restart.test.ts, seeds.test.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ResolvedServer } from '../../src/config/resolve.ts';
import type { RestartPolicy } from '../../src/run/schedule.ts';
import type { SessionSide } from '../../src/run/run-session.ts';
import { runSides } from '../../src/run/run-session.ts';
import type { SamplingJudge, SessionEvent } from '../../src/run/session-deps.ts';
import { ServerError } from '../../src/server/types.ts';
import type { RunCall, RunFigures } from '../helpers/fakes.ts';
import { fakeWorld, makeConfig } from '../helpers/fakes.ts';
import { expectedRoundOrders, roundOrders } from '../helpers/run-order.ts';

const logDir = mkdtempSync(path.join(os.tmpdir(), 'perfgate-session-test-'));
afterAll(() => rmSync(logDir, { recursive: true, force: true }));

const TWO_WORKLOADS = {
  workloads: [
    { name: 'a', path: '/a' },
    { name: 'b', path: '/b' },
  ],
};

function sidesOf(server: ResolvedServer, paired: boolean): SessionSide[] {
  if (!paired) return [{ label: '', server }];
  return [
    { label: 'base', server: { ...server, cwd: '/fake/base' }, partner: true },
    { label: 'this', server },
  ];
}

async function session(
  o: {
    sections?: Record<string, unknown>;
    restart?: RestartPolicy;
    paired?: boolean;
    script?: (c: RunCall) => RunFigures;
    judge?: SamplingJudge;
    exitAfterRuns?: number;
    silent?: boolean;
    seed?: number;
    duet?: boolean;
  } = {},
) {
  const config = makeConfig({ ...TWO_WORKLOADS, ...o.sections });
  const world = fakeWorld(o.script, {
    servers: { script: () => ({ exitAfterRuns: o.exitAfterRuns, silent: o.silent }) },
  });
  const events: SessionEvent[] = [];
  const run = runSides(
    config.resolved,
    sidesOf(config.resolved.server, o.paired ?? false),
    world.deps,
    {
      seed: o.seed ?? 7,
      restart: o.restart ?? 'never',
      logDir,
      onEvent: (e) => events.push(e),
      judge: o.judge,
      duet: o.duet,
    },
  );
  return { config, world, events, run };
}

describe('restart policies', () => {
  it('never: one server for the whole session', async () => {
    const s = await session({ restart: 'never' });
    const [results] = await s.run;
    expect(s.world.servers.started).toHaveLength(1);
    expect(results?.map((r) => r.runs.length)).toEqual([4, 4]);
    expect(s.world.servers.allStopped()).toBe(true);
    // A load generator at 30% of a core is no reason to warn.
    expect(s.events.filter((e) => e.type === 'warning')).toEqual([]);
  });

  it('per-workload: a fresh server for each workload, whose runs form one block', async () => {
    const s = await session({ restart: 'per-workload' });
    await s.run;
    expect(s.world.servers.started).toHaveLength(2);
    const order = s.world.load.calls.map((c) => c.workload);
    expect(order.join('')).toMatch(/^(aaaabbbb|bbbbaaaa)$/);
    expect(s.world.servers.started.map((srv) => srv.runs)).toEqual([4, 4]);
  });

  it('per-run: a fresh server for every run', async () => {
    const s = await session({ restart: 'per-run' });
    await s.run;
    expect(s.world.servers.started).toHaveLength(8);
    expect(s.world.servers.started.every((srv) => srv.runs === 1 && srv.stopped)).toBe(true);
    const starts = s.events.filter((e) => e.type === 'server-start');
    expect(starts).toHaveLength(8);
  });

  it('names the log file of every server start after its side and count', async () => {
    const s = await session({ restart: 'per-workload', paired: true });
    await s.run;
    const logs = s.world.servers.started.map((srv) => path.basename(srv.logFile)).sort();
    expect(logs).toEqual([
      'server-base-1.log',
      'server-base-2.log',
      'server-this-1.log',
      'server-this-2.log',
    ]);
  });
});

describe('pairing two builds', () => {
  it('makes one run of each build per round, kept runs share pair indices', async () => {
    const s = await session({ paired: true });
    const [base, head] = await s.run;
    for (const side of [base, head]) {
      for (const w of side ?? []) {
        expect(w.runs.map((r) => r.pair)).toEqual([undefined, 0, 1, 2]);
        expect(w.runs.map((r) => r.warmup)).toEqual([true, false, false, false]);
      }
    }
    // Within a round the two builds' runs of a workload follow each other.
    const calls = s.world.load.calls;
    for (let i = 0; i < calls.length; i += 2) {
      expect(calls[i]?.workload).toBe(calls[i + 1]?.workload);
      expect(calls[i]?.server).not.toBe(calls[i + 1]?.server);
    }
    expect(s.events.find((e) => e.type === 'session-plan')).toMatchObject({
      workloads: [
        { name: 'a', runs: 8 },
        { name: 'b', runs: 8 },
      ],
    });
  });

  it('gives the sampling judge this build as its own and the base as the partner', async () => {
    const seen: { mine: number[]; partner: number[] | undefined }[] = [];
    const s = await session({
      paired: true,
      sections: {
        ...TWO_WORKLOADS,
        defaults: { runs: 'auto', warmup: 0, duration: '1s', 'min-runs': 2, 'max-runs': 10 },
      },
      script: (c) => ({ reqPerSec: c.server.spec.cwd === '/fake/base' ? 111 : 222 }),
      judge: (_w, mine, partner) => {
        seen.push({
          mine: mine.map((r) => r.reqPerSec),
          partner: partner?.map((r) => r.reqPerSec),
        });
        return 'decided';
      },
    });
    const [base, head] = await s.run;
    expect(seen[0]).toEqual({ mine: [222, 222], partner: [111, 111] });
    expect(base?.[0]?.stopReason).toBe('decided');
    expect(head?.[0]?.stopReason).toBe('decided');
  });

  it('tags a failure of the base server with its side, and stops every server', async () => {
    const config = makeConfig(TWO_WORKLOADS);
    const world = fakeWorld(undefined, { servers: { failIn: '/fake/base' } });
    const err = await runSides(config.resolved, sidesOf(config.resolved.server, true), world.deps, {
      seed: 1,
      restart: 'never',
      logDir,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect((err as ServerError).side).toBe('base');
    expect(world.servers.allStopped()).toBe(true);
    expect(world.load.closed).toBe(true);
  });
});

describe('pairing two builds in a duet (gate.pairing: duet)', () => {
  it('runs both builds of a round at the same time, with a load process each', async () => {
    const s = await session({ paired: true, duet: true });
    const [base, head] = await s.run;
    for (const side of [base, head]) {
      for (const w of side ?? []) expect(w.runs.map((r) => r.pair)).toEqual([undefined, 0, 1, 2]);
    }
    expect(s.world.load.maxInFlight).toBe(2);
    expect(s.world.load.prepared).toEqual([{ cpus: null, count: 2 }]);
    // Both servers were up before the first run, and each round measured both of them.
    const calls = s.world.load.calls;
    expect(calls).toHaveLength(16);
    for (let i = 0; i < calls.length; i += 2) {
      expect(calls[i]?.workload).toBe(calls[i + 1]?.workload);
      expect(calls[i]?.server).not.toBe(calls[i + 1]?.server);
    }
    expect(s.world.servers.allStopped()).toBe(true);
  });

  it('with restart: per-run, fresh servers for both builds before every round', async () => {
    const s = await session({ paired: true, duet: true, restart: 'per-run' });
    await s.run;
    // 2 workloads x 4 runs (1 warm-up) x 2 builds, every one on a server of its own.
    expect(s.world.servers.started).toHaveLength(16);
    expect(s.world.load.maxInFlight).toBe(2);
    expect(s.world.servers.allStopped()).toBe(true);
  });

  it('alternating, one run at a time and one load process', async () => {
    const s = await session({ paired: true });
    await s.run;
    expect(s.world.load.maxInFlight).toBe(1);
    expect(s.world.load.prepared).toEqual([{ cpus: null, count: 1 }]);
  });

  it("a failed run of one build waits for the other build's run, then fails the session", async () => {
    // The base's second run fails at once; this build's run beside it takes 5 turns longer.
    const s = await session({
      paired: true,
      duet: true,
      script: (c) =>
        c.server.spec.cwd === '/fake/base'
          ? { fail: c.run === 1 ? 'the load generator broke' : undefined }
          : { turns: 6 },
    });
    const err = await s.run.catch((e: unknown) => e);
    expect((err as Error).message).toBe('the load generator broke');
    // Nothing was still running when the session failed, and every server was stopped.
    expect(s.world.load.inFlight).toBe(0);
    expect(s.world.load.maxInFlight).toBe(2);
    expect(s.world.servers.allStopped()).toBe(true);
    expect(s.world.load.closed).toBe(true);
  });
});

describe('when sampling stops (runs: auto)', () => {
  const AUTO = (more: Record<string, unknown> = {}) => ({
    defaults: { runs: 'auto', warmup: 1, duration: '1s', 'min-runs': 3, 'max-runs': 7, ...more },
  });

  it('without a judge: at min-runs, saying there was no baseline', async () => {
    const s = await session({ sections: AUTO() });
    const [results] = await s.run;
    expect(results?.[0]?.runs.filter((r) => !r.warmup)).toHaveLength(3);
    expect(results?.[0]?.stopReason).toMatch(
      /no baseline to compare with: stopped at min-runs \(3\)/,
    );
  });

  it('asks the judge at min-runs and every 5 kept runs after, until max-runs', async () => {
    const asked: number[] = [];
    const s = await session({
      sections: AUTO({ 'max-runs': 14 }),
      judge: (_w, mine) => {
        asked.push(mine.length);
        return null;
      },
    });
    const [results] = await s.run;
    expect([...new Set(asked)]).toEqual([3, 8, 13]);
    expect(results?.[0]?.stopReason).toBe('reached max-runs (14)');
    expect(results?.[0]?.runs.filter((r) => !r.warmup)).toHaveLength(14);
  });

  it("stops when the workload's time budget is used (the clock moves with every run)", async () => {
    const s = await session({
      sections: AUTO({ 'max-runs': 50, budget: '5s' }),
      judge: () => null,
      script: () => ({ elapsedMs: 2000 }),
    });
    const [results] = await s.run;
    expect(results?.[0]?.stopReason).toMatch(/time budget of 5s used/);
    expect(results?.[0]?.runs.length).toBeLessThan(50);
  });
});

describe('failures and warnings', () => {
  it('a server that exits during a run fails the session and names the run', async () => {
    const s = await session({ exitAfterRuns: 2 });
    await expect(s.run).rejects.toThrow(
      /the server exited during run \d of "(a|b)" \(exit code 1\)\n--- last lines of \S+server-1\.log ---\nlog of http/,
    );
    expect(s.world.servers.allStopped()).toBe(true);
  });

  it('a server that exits during a run without a word: says so, and names its log', async () => {
    const s = await session({ exitAfterRuns: 2, silent: true });
    await expect(s.run).rejects.toThrow(
      /exited during run \d of "(a|b)" \(exit code 1\)\n\(the server printed nothing; log: \S+server-1\.log\)$/,
    );
  });

  it('a saturated load generator is warned about once per workload', async () => {
    const s = await session({ script: () => ({ loadCpu: 0.97 }) });
    const [results] = await s.run;
    const warnings = s.events.filter((e) => e.type === 'warning');
    expect(warnings).toHaveLength(2);
    expect(results?.[0]?.warnings).toEqual([
      expect.stringMatching(/load generator used 97% of a core/),
    ]);
  });

  it('a saturated load generator is warned about once, whatever each run read', async () => {
    const s = await session({ script: (c) => ({ loadCpu: 0.91 + c.run / 100 }) });
    const [results] = await s.run;
    expect(results?.[0]?.warnings).toEqual([
      expect.stringMatching(/load generator used 91% of a core/),
    ]);
  });

  it('in a duet, warns when the two load processes saturate a core together', async () => {
    const s = await session({ paired: true, duet: true, script: () => ({ loadCpu: 0.5 }) });
    const [base, head] = await s.run;
    for (const side of [base, head]) {
      expect(side?.[0]?.warnings).toEqual([
        expect.stringMatching(/the two load processes of the duet used 100% of a core together/),
      ]);
    }
    const alternating = await session({ paired: true, script: () => ({ loadCpu: 0.5 }) });
    const [b] = await alternating.run;
    expect(b?.[0]?.warnings).toBeUndefined();
  });

  it('the same seed gives the same order of runs', async () => {
    const a = await session({ seed: 99 });
    const b = await session({ seed: 99 });
    await Promise.all([a.run, b.run]);
    expect(b.world.load.calls.map((c) => c.workload)).toEqual(
      a.world.load.calls.map((c) => c.workload),
    );
  });
});

describe('the order of a session', () => {
  it('replays the scheduler order of its seed', async () => {
    const { executeRun } = await import('../../src/run/execute-run.ts');
    const config = makeConfig({
      workloads: [
        { name: 'a', path: '/a' },
        { name: 'b', path: '/b' },
        { name: 'c', path: '/c' },
      ],
    });
    const world = fakeWorld();
    const record = await executeRun(config, world.deps, { seed: 1234, logDir });
    expect(roundOrders(record)).toEqual(expectedRoundOrders(config.resolved.workloads, 1234));
  });
});
