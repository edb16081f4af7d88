// Every branch of runGate with fakes (__tests__/helpers/fakes.ts): no process, no socket, no git,
// a few milliseconds each. The real paths are covered end to end by __tests__/cli/run.test.ts
// (alone), record-baselines.test.ts (recording) and same-runner/compare-to-base.test.ts (side
// by side, confirm).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ConfigOverrides } from '../../src/config/overrides.ts';
import { BaselineMismatchError } from '../../src/baseline/store.ts';
import { InputError } from '../../src/errors.ts';
import type { GateInput } from '../../src/gate/run-gate.ts';
import { runGate } from '../../src/gate/run-gate.ts';
import type { PlanInput, RunPlace } from '../../src/gate/plan.ts';
import { planGate } from '../../src/gate/plan.ts';
import { mayMeasureSideBySide, tooFewRuns } from '../../src/gate/preflight.ts';
import type { ResultsRecord } from '../../src/record/record.ts';
import { ServerError } from '../../src/server/types.ts';
import type { RunCall, RunFigures } from '../helpers/fakes.ts';
import { fakeWorld, FAKE_BASE_DIR, isBase, makeConfig, MemoryStore } from '../helpers/fakes.ts';
import { makeRecord } from '../helpers/records.ts';

const LOCAL: RunPlace = { event: 'local', ref: null, defaultBranch: null };
const PUSH_MAIN: RunPlace = { event: 'push', ref: 'refs/heads/main', defaultBranch: 'main' };
const PR: RunPlace = {
  event: 'pull_request',
  ref: 'refs/pull/7/merge',
  defaultBranch: 'main',
  baseSha: 'ba5e0000000000000000000000000000000000aa',
};

const logDir = mkdtempSync(path.join(os.tmpdir(), 'perfgate-gate-test-'));
afterAll(() => rmSync(logDir, { recursive: true, force: true }));

/** A little noise around a rate, so that intervals have a spread. */
const around = (rate: number) => (c: RunCall) => ({ reqPerSec: rate + ((c.run * 7) % 5) * 3 });
const HEALTHY = around(1000);
/** Much slower and much later: a regression any test stands behind. */
const SLOW: RunFigures = { reqPerSec: 400, p50Us: 3000, p99Us: 9000 };
const slow = (c: RunCall) => ({ ...SLOW, reqPerSec: 400 + ((c.run * 7) % 5) * 3 });

/** A stored baseline of `config`: three records of healthy runs. */
function storedBaseline(configHash: string): ResultsRecord[] {
  return [0, 1, 2].map((i) =>
    makeRecord({
      configHash,
      createdAt: new Date(Date.UTC(2025, 0, 1 + i)),
      workloads: { hello: [1000, 1010, 990, 1005].map((r) => ({ reqPerSec: r + i })) },
    }),
  );
}

function input(
  overrides: ConfigOverrides = {},
  rest: Partial<GateInput> & { sections?: Record<string, unknown> } = {},
): GateInput {
  const { sections, ...others } = rest;
  return {
    config: makeConfig(sections, overrides),
    place: LOCAL,
    store: null,
    execute: { logDir, seed: 1 },
    ...others,
  };
}

describe('the plan', () => {
  it('records on a push to the default branch and compares on a pull request', () => {
    const config = makeConfig();
    const plan = (place: RunPlace, more: Partial<Parameters<typeof planGate>[0]> = {}) =>
      planGate({ config, place, explicitBaseline: false, hasStore: true, ...more });
    expect(plan(PUSH_MAIN)).toMatchObject({ record: true, compare: true, path: 'alone' });
    expect(plan(PR)).toMatchObject({ record: false, compare: true, base: { sha: PR.baseSha } });
    expect(plan(PUSH_MAIN, { explicitBaseline: true }).record).toBe(false);
    expect(plan(PUSH_MAIN, { hasStore: false }).record).toBe(false);
    expect(plan(PUSH_MAIN, { noRecord: true }).record).toBe(false);
  });

  it('decides gate.pairing auto: a duet unless the record is destined to be the baseline', () => {
    const plan = (place: RunPlace, pairing: string, more: Partial<PlanInput> = {}) =>
      planGate({
        config: makeConfig({ gate: { pairing } }),
        place,
        explicitBaseline: false,
        hasStore: true,
        ...more,
      }).pairing;
    expect(plan(PR, 'auto')).toBe('duet');
    expect(plan(PUSH_MAIN, 'auto')).toBe('alternate');
    expect(plan(PUSH_MAIN, 'auto', { noRecord: true })).toBe('alternate');
    expect(plan(PUSH_MAIN, 'auto', { hasStore: false })).toBe('duet');
    expect(plan(PUSH_MAIN, 'auto', { explicitBaseline: true })).toBe('duet');
    // An objective on requests/s or latency needs the machine alone; one on CPU does not.
    const withObjectives = (objectives: Record<string, unknown>) =>
      planGate({
        config: makeConfig({
          gate: { pairing: 'auto' },
          workloads: [{ name: 'hello', path: '/', objectives }],
        }),
        place: PR,
        explicitBaseline: false,
        hasStore: true,
      }).pairing;
    expect(withObjectives({ p99: '200ms' })).toBe('alternate');
    expect(withObjectives({ throughput: 900 })).toBe('alternate');
    expect(withObjectives({ cpu: '2ms', errors: '1%' })).toBe('duet');
    expect(plan(PR, 'alternate')).toBe('alternate');
    expect(plan(PUSH_MAIN, 'duet')).toBe('duet');
    expect(makeConfig().resolved.gate.pairing).toBe('auto');
  });

  it('takes the path and the base from the config and its overrides', () => {
    const plan = (c: ReturnType<typeof makeConfig>, place = PR) =>
      planGate({ config: c, place, explicitBaseline: false, hasStore: true });
    expect(plan(makeConfig({ gate: { 'compare-to': 'base' } })).path).toBe('side-by-side');
    expect(plan(makeConfig({ gate: { confirm: 'same-runner' } })).path).toBe('confirm');
    expect(plan(makeConfig({}, { compareTo: 'none' }))).toMatchObject({
      compare: false,
      path: 'alone',
    });
    expect(plan(makeConfig({}, { compareRef: 'v1' }))).toMatchObject({
      path: 'side-by-side',
      base: { ref: 'v1' },
    });
    expect(plan(makeConfig(), LOCAL).base).toBeNull();
  });

  it('refuses mode: record on a pull request', () => {
    expect(() =>
      planGate({
        config: makeConfig({}, { mode: 'record' }),
        place: PR,
        explicitBaseline: false,
        hasStore: true,
      }),
    ).toThrow(InputError);
  });
});

describe('runGate, this build alone', () => {
  it('refuses a pull request that would record before any server starts', async () => {
    const world = fakeWorld();
    const store = new MemoryStore();
    await expect(
      runGate(input({ mode: 'record' }, { place: PR, store }), world.deps),
    ).rejects.toThrow(/a pull request never writes a baseline/);
    expect(world.servers.started).toHaveLength(0);
    expect(store.loads).toHaveLength(0);
  });

  it('without a baseline: reports its numbers, says so, and passes (on-missing: pass)', async () => {
    const world = fakeWorld(HEALTHY);
    const store = new MemoryStore();
    const out = await runGate(input({}, { store }), world.deps);
    expect(out.verdict).toBe('no-baseline');
    expect(out.fail).toBe(false);
    expect(out.comparison).toBeNull();
    expect(out.record.workloads[0]?.runs).toHaveLength(4); // 1 warm-up + 3 kept
    expect(out.notices.join('\n')).toMatch(/no baseline/i);
    expect(store.records).toHaveLength(0); // a local run never records
    expect(world.servers.allStopped()).toBe(true);
    expect(world.load.closed).toBe(true);
  });

  it('without a baseline and on-missing: fail, fails', async () => {
    const world = fakeWorld(HEALTHY);
    const out = await runGate(
      input({}, { store: new MemoryStore(), sections: { baseline: { 'on-missing': 'fail' } } }),
      world.deps,
    );
    expect(out).toMatchObject({ verdict: 'no-baseline', fail: true });
    expect(out.failReason).toMatch(/on-missing: fail/);
  });

  it('passes against a stored baseline that agrees', async () => {
    const config = makeConfig();
    const store = new MemoryStore(storedBaseline(config.hash));
    const out = await runGate(
      { ...input(), config, store, place: PR },
      fakeWorld(around(1003)).deps,
    );
    expect(out.verdict).toBe('pass');
    expect(out.fail).toBe(false);
    expect(out.baseline?.records).toHaveLength(1);
    expect(out.baseRecord).toBeNull();
    expect(out.storedComparison).toBeNull();
  });

  it('fails on a regression, once, with the reason', async () => {
    const config = makeConfig();
    const store = new MemoryStore(storedBaseline(config.hash));
    const out = await runGate({ ...input(), config, store, place: PR }, fakeWorld(slow).deps);
    expect(out.verdict).toBe('regression');
    expect(out.fail).toBe(true);
    expect(out.failReason).toMatch(/regression\(s\): hello/);
  });

  it('with fail-on-regression: false a regression is reported but does not fail', async () => {
    const config = makeConfig({}, { failOnRegression: false });
    const store = new MemoryStore(storedBaseline(config.hash));
    const out = await runGate({ ...input(), config, store, place: PR }, fakeWorld(slow).deps);
    expect(out).toMatchObject({ verdict: 'regression', fail: false, failReason: null });
  });

  it('a broken objective fails even with fail-on-regression: false', async () => {
    const config = makeConfig(
      { workloads: [{ name: 'hello', path: '/', objectives: { throughput: 900 } }] },
      { failOnRegression: false },
    );
    const store = new MemoryStore(storedBaseline(config.hash));
    const out = await runGate({ ...input(), config, store, place: PR }, fakeWorld(slow).deps);
    expect(out.fail).toBe(true);
    expect(out.objectives.some((o) => o.met === false)).toBe(true);
  });

  it('a broken objective and a regression: the reason names both, the objective first', async () => {
    const config = makeConfig({
      workloads: [{ name: 'hello', path: '/', objectives: { throughput: 900 } }],
    });
    const store = new MemoryStore(storedBaseline(config.hash));
    const out = await runGate({ ...input(), config, store, place: PR }, fakeWorld(slow).deps);
    expect(out).toMatchObject({ verdict: 'regression', fail: true });
    expect(out.failReason).toMatch(
      /^1 objective broken \(hello req\/s .*; \d+ regression\(s\): hello /,
    );
  });

  it('names the first five regressions and counts the rest', async () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const config = makeConfig({ workloads: names.map((name) => ({ name, path: `/${name}` })) });
    const healthy = Object.fromEntries(names.map((n) => [n, [1000, 1010, 990, 1005]]));
    const baseline = [0, 1, 2].map((i) =>
      makeRecord({
        configHash: config.hash,
        createdAt: new Date(Date.UTC(2025, 0, 1 + i)),
        workloads: Object.fromEntries(
          Object.entries(healthy).map(([n, rs]) => [n, rs.map((r) => ({ reqPerSec: r + i }))]),
        ),
      }),
    );
    const store = new MemoryStore(baseline);
    const out = await runGate({ ...input(), config, store, place: PR }, fakeWorld(slow).deps);
    expect(out.verdict).toBe('regression');
    const listed = /^(\d+) regression\(s\): (.*)$/.exec(out.failReason ?? '');
    expect(Number(listed?.[1])).toBeGreaterThan(5);
    expect(listed?.[2]?.split(', ')).toHaveLength(6); // five names and the ellipsis
    expect(listed?.[2]?.endsWith(', …')).toBe(true);
  });

  it('an undecided comparison does not fail the job unless fail-on-inconclusive is set', async () => {
    // Runs that swing between 600 and 1600 req/s: no interval fits inside a 20% tolerance.
    const swinging = (c: RunCall) => ({ reqPerSec: c.run % 2 === 0 ? 600 : 1600 });
    for (const failOnInconclusive of [false, true]) {
      const config = makeConfig({}, { failOnInconclusive });
      const store = new MemoryStore(storedBaseline(config.hash));
      const out = await runGate({ ...input(), config, store, place: PR }, fakeWorld(swinging).deps);
      expect(out).toMatchObject({ verdict: 'inconclusive', fail: failOnInconclusive });
      expect(out.failReason).toBe(
        failOnInconclusive ? 'inconclusive comparison (fail-on-inconclusive is set)' : null,
      );
    }
  });

  it("with baseline.merge-base, asks the store for the pull request's merge-base record", async () => {
    for (const mergeBase of [true, false]) {
      const config = makeConfig({ baseline: { 'runner-noise': '1%', 'merge-base': mergeBase } });
      const store = new MemoryStore(storedBaseline(config.hash));
      await runGate({ ...input(), config, store, place: PR }, fakeWorld(HEALTHY).deps);
      expect(store.loads[0]?.commit).toBe(mergeBase ? PR.baseSha : undefined);
    }
  });

  it('compares with explicit records and never touches a store', async () => {
    const config = makeConfig({}, {});
    const records = storedBaseline(config.hash).slice(0, 1);
    const out = await runGate(
      {
        ...input(),
        config,
        place: PUSH_MAIN,
        baselineRecords: { records, sources: ['base.json'] },
      },
      fakeWorld(HEALTHY).deps,
    );
    expect(out.verdict).toBe('pass');
    expect(out.saved).toBeNull();
    expect(out.baseline?.sources).toEqual(['base.json']);
  });

  it('with comparing turned off: not compared, and the store is not read', async () => {
    const store = new MemoryStore();
    const out = await runGate(input({ compareTo: 'none' }, { store }), fakeWorld(HEALTHY).deps);
    expect(out.verdict).toBe('not-compared');
    expect(store.loads).toHaveLength(0);
  });

  it('an unreadable store is reported like a missing baseline', async () => {
    const store = new MemoryStore([], { load: true });
    const out = await runGate(input({}, { store, place: PR }), fakeWorld(HEALTHY).deps);
    expect(out.verdict).toBe('no-baseline');
    expect(out.notices.join('\n')).toMatch(/could not read the baselines in the test store/);
  });

  it('a baseline refused by mismatch: refuse is reported like a missing one, with the reason', async () => {
    const refused = new BaselineMismatchError('only records of config 0123456789abcdef exist');
    const store = new MemoryStore([], { load: refused });
    const out = await runGate(input({}, { store, place: PR }), fakeWorld(HEALTHY).deps);
    expect(out).toMatchObject({ verdict: 'no-baseline', fail: false, comparison: null });
    expect(out.notices.join('\n')).toContain(
      'baseline refused (mismatch: refuse): only records of config 0123456789abcdef exist',
    );
  });

  it('an unexpected error while loading the baseline stops the gate before any server starts', async () => {
    const world = fakeWorld(HEALTHY);
    const store = new MemoryStore([], { load: new TypeError('records is not iterable') });
    await expect(runGate(input({}, { store, place: PUSH_MAIN }), world.deps)).rejects.toThrow(
      'records is not iterable',
    );
    expect(world.servers.started).toHaveLength(0);
    expect(store.records).toHaveLength(0);
  });

  it("passes on the store's warnings (a record it skipped) as notices", async () => {
    const config = makeConfig();
    const skipped = 'skipped records/9.json: not a perfgate results record';
    const store = new MemoryStore(storedBaseline(config.hash), {}, [skipped]);
    const out = await runGate(
      { ...input(), config, store, place: PR },
      fakeWorld(around(1003)).deps,
    );
    expect(out.verdict).toBe('pass');
    expect(out.notices).toContain(skipped);
  });

  it('an open-model run that fell behind its rate fails as a measurement problem, not a verdict', async () => {
    const config = makeConfig();
    const store = new MemoryStore(storedBaseline(config.hash));
    const behind = { target: 1000, achieved: 600, due: 1000, dropped: 400, minShare: 0.9 };
    const out = await runGate(
      { ...input(), config, store, place: PR },
      fakeWorld((c) => ({ ...around(1003)(c), rate: behind })).deps,
    );
    expect(out).toMatchObject({ verdict: 'inconclusive', fail: true });
    expect(out.failReason).toMatch(/^measurement problem: "hello" did not deliver its rate/);
    // A regression found all the same is reported as one.
    const slower = await runGate(
      { ...input(), config, store, place: PR },
      fakeWorld((c) => ({ ...slow(c), rate: behind })).deps,
    );
    expect(slower).toMatchObject({ verdict: 'regression', fail: true });
  });

  it('without execute options, server logs go to a temporary folder removed afterwards', async () => {
    const world = fakeWorld(HEALTHY);
    const { execute: _none, ...rest } = input();
    const out = await runGate(rest, world.deps);
    expect(out.verdict).toBe('no-baseline');
    const logFile = world.servers.started[0]?.logFile as string;
    expect(path.basename(path.dirname(logFile))).toMatch(/^perfgate-logs-/);
    expect(existsSync(path.dirname(logFile))).toBe(false);
  });

  it('warns before any load about a workload that can never be compared', async () => {
    const out = await runGate(
      input({}, { sections: { defaults: { runs: 1, warmup: 0, duration: '1s' } } }),
      fakeWorld(HEALTHY).deps,
    );
    expect(out.notices.join('\n')).toMatch(/has runs: 1 .* can never be compared/);
  });

  it('warns about runs below 5 measured side by side, not at 5, not in a stored comparison', () => {
    const runs = (n: number, gate = {}) =>
      makeConfig({ defaults: { runs: n, warmup: 0, duration: '1s' }, gate });
    const base = { 'compare-to': 'base' };
    expect(tooFewRuns(runs(3, base), true).join('\n')).toMatch(
      /has runs: 3 .* fewer than 5 pairs give wide intervals/,
    );
    expect(mayMeasureSideBySide(runs(3, base))).toBe(true);
    expect(mayMeasureSideBySide(runs(3, { confirm: 'same-runner' }))).toBe(true);
    expect(mayMeasureSideBySide(runs(3))).toBe(false);
    expect(tooFewRuns(runs(5, base), true)).toEqual([]);
    expect(tooFewRuns(runs(3), false)).toEqual([]);
    expect(tooFewRuns(runs(1), false).join('\n')).toMatch(/can never be compared/);
  });

  it('runs: auto stops sampling as soon as the stored baseline can tell', async () => {
    const config = makeConfig({
      defaults: { runs: 'auto', warmup: 0, duration: '1s', 'min-runs': 5, 'max-runs': 30 },
    });
    const store = new MemoryStore(storedBaseline(config.hash));
    const world = fakeWorld(slow);
    const out = await runGate({ ...input(), config, store, place: PR }, world.deps);
    const w = out.record.workloads[0];
    expect(w?.runs.length).toBeLessThan(30);
    expect(w?.stopReason).toBeTruthy();
  });
});

describe('runGate, recording', () => {
  it('records a successful run on a push to the default branch, without pair indices', async () => {
    const store = new MemoryStore();
    const out = await runGate(input({}, { store, place: PUSH_MAIN }), fakeWorld(HEALTHY).deps);
    expect(out.saved).toBe('records/0.json');
    expect(store.records).toHaveLength(1);
    expect(store.records[0]?.design).toBe('independent');
    expect(out.notices.join('\n')).toMatch(/recorded this run as the baseline in the test store/);
  });

  it('does not record a broken run, and fails it', async () => {
    const store = new MemoryStore();
    const out = await runGate(
      input({}, { store, place: PUSH_MAIN }),
      fakeWorld(() => ({ reqPerSec: 500, statusErrors: 600 })).deps,
    );
    expect(out.verdict).toBe('broken');
    expect(out.fail).toBe(true);
    expect(store.records).toHaveLength(0);
    expect(out.notices.join('\n')).toMatch(/NOT recorded as the baseline/);
  });

  it('records nothing when the server dies mid-session, and stops everything', async () => {
    const store = new MemoryStore();
    const world = fakeWorld(HEALTHY, { servers: { script: () => ({ exitAfterRuns: 2 }) } });
    await expect(runGate(input({}, { store, place: PUSH_MAIN }), world.deps)).rejects.toThrow(
      ServerError,
    );
    expect(store.records).toHaveLength(0);
    expect(world.servers.allStopped()).toBe(true);
  });

  it('a store that cannot save: the outcome carries the error, the verdict stands', async () => {
    const store = new MemoryStore([], { save: true });
    const out = await runGate(input({}, { store, place: PUSH_MAIN }), fakeWorld(HEALTHY).deps);
    expect(out.saved).toBeNull();
    expect(out.saveError?.message).toMatch(/read-only/);
    expect(out.fail).toBe(false);
    expect(out.notices.join('\n')).toMatch(/could NOT be recorded/);
  });

  it('measured side by side on a push, records this build; in a duet, records nothing', async () => {
    const push = { ...PUSH_MAIN, baseSha: PR.baseSha };
    for (const pairing of ['alternate', 'duet']) {
      const store = new MemoryStore();
      const sections = { gate: { 'compare-to': 'base', pairing } };
      const out = await runGate(
        input({}, { store, place: push, sections }),
        fakeWorld(HEALTHY).deps,
      );
      expect(out.comparison?.design).toBe('paired');
      if (pairing === 'duet') {
        expect(store.records).toHaveLength(0);
        expect(out.notices.join('\n')).toMatch(
          /NOT recorded as the baseline: it was measured in a duet with the base build/,
        );
      } else {
        expect(store.records).toHaveLength(1);
        expect(store.records[0]?.design).toBe('independent');
      }
    }
  });

  it('pairing auto (the default): a duet on a pull request, alternating when it records', async () => {
    const sections = { gate: { 'compare-to': 'base' } };
    const pr = fakeWorld(HEALTHY);
    const onPr = await runGate(input({}, { place: PR, sections }), pr.deps);
    expect(pr.load.maxInFlight).toBe(2);
    expect(onPr.record.config['gate']).toMatchObject({ pairing: 'duet' });
    expect(onPr.notices.join('\n')).toMatch(/side by side with this build, both loaded at once/);
    // In a duet latency is shown, not gated, and the comparison says why.
    expect(onPr.comparison?.notes.map((n) => n.code)).toContain('duet');
    const metrics = onPr.comparison?.workloads[0]?.metrics ?? [];
    expect(metrics.find((m) => m.metric === 'p50')?.status).toBe('not-gated');
    expect(metrics.find((m) => m.metric === 'cpu')?.status).not.toBe('not-gated');

    const store = new MemoryStore();
    const push = fakeWorld(HEALTHY);
    const place = { ...PUSH_MAIN, baseSha: PR.baseSha };
    const onPush = await runGate(input({}, { store, place, sections }), push.deps);
    expect(push.load.maxInFlight).toBe(1);
    expect(onPush.record.config['gate']).toMatchObject({ pairing: 'alternate' });
    expect(onPush.notices.join('\n')).toMatch(/with this build, one run of each in turn/);
    expect(store.records).toHaveLength(1);

    // A shard of that push alternates too: its merge records what it measured.
    const shard = fakeWorld(HEALTHY);
    await runGate(input({}, { store, place, sections, noRecord: true }), shard.deps);
    expect(shard.load.maxInFlight).toBe(1);
  });

  it('in a duet, objectives on requests/s and latency are not checked; CPU and errors are', async () => {
    const sections = {
      gate: { 'compare-to': 'base', pairing: 'duet' },
      workloads: [{ name: 'hello', path: '/', objectives: { p99: '1ms', cpu: '1ms' } }],
    };
    const out = await runGate(input({}, { place: PR, sections }), fakeWorld(HEALTHY).deps);
    const byMetric = new Map(out.objectives.map((o) => [o.metric, o]));
    expect(byMetric.get('p99')).toMatchObject({
      met: null,
      unchecked: expect.stringMatching(/duet/),
    });
    expect(byMetric.get('cpu')?.met).toEqual(expect.any(Boolean));
  });

  it('a shard never records', async () => {
    const store = new MemoryStore();
    const out = await runGate(
      input({}, { store, place: PUSH_MAIN, noRecord: true }),
      fakeWorld(HEALTHY).deps,
    );
    expect(out.saved).toBeNull();
    expect(store.records).toHaveLength(0);
  });
});

describe('runGate, side by side with the base (compare-to: base)', () => {
  const SIDE = { gate: { 'compare-to': 'base' } };

  it('measures the base interleaved with this build; the paired test decides', async () => {
    const world = fakeWorld((c) => (isBase(c) ? HEALTHY(c) : slow(c)));
    const out = await runGate(input({}, { place: PR, sections: SIDE }), world.deps);
    expect(out.verdict).toBe('regression');
    expect(out.baseRecord?.commit?.sha).toBe(PR.baseSha);
    expect(out.comparison?.design).toBe('paired');
    // One run of each build per round: base and this build alternate in pairs.
    const kept = out.record.workloads[0]?.runs.filter((r) => !r.warmup) ?? [];
    expect(kept.map((r) => r.pair)).toEqual([0, 1, 2]);
    expect(out.baseRecord?.workloads[0]?.runs.filter((r) => !r.warmup).map((r) => r.pair)).toEqual([
      0, 1, 2,
    ]);
    expect(world.builds.removed).toBe(1);
    expect(world.servers.allStopped()).toBe(true);
    expect(out.notices.join('\n')).toMatch(/compare-to: base: measured the base ba5e00000000/);
  });

  it('also compares with the stored baseline, as context', async () => {
    const config = makeConfig(SIDE);
    const store = new MemoryStore(storedBaseline(config.hash));
    const out = await runGate({ ...input(), config, store, place: PR }, fakeWorld(HEALTHY).deps);
    expect(out.verdict).toBe('pass');
    expect(out.storedComparison?.verdict).toBe('pass');
  });

  it('names a --compare-ref base as its merge-base', async () => {
    const out = await runGate(
      input({ compareRef: 'v1' }, { place: LOCAL }),
      fakeWorld(HEALTHY).deps,
    );
    expect(out.notices.join('\n')).toMatch(/\(merge-base with v1\)/);
  });

  it('refuses a base that does not exist before any load', async () => {
    const world = fakeWorld(HEALTHY, { builds: { missing: true } });
    await expect(runGate(input({}, { place: PR, sections: SIDE }), world.deps)).rejects.toThrow(
      InputError,
    );
    expect(world.servers.started).toHaveLength(0);
  });

  it('refuses a server started outside perfgate (no server.command) before any load', async () => {
    const world = fakeWorld(HEALTHY);
    const config = makeConfig({ server: { url: 'http://127.0.0.1:8080' } }, { compareTo: 'base' });
    await expect(runGate({ ...input(), config }, world.deps)).rejects.toThrow(
      /needs server\.command/,
    );
    expect(world.servers.started).toHaveLength(0);
  });

  it('refuses a config whose server cannot run twice', async () => {
    const world = fakeWorld(HEALTHY);
    await expect(
      runGate(
        input(
          {},
          {
            place: PR,
            sections: {
              ...SIDE,
              server: { command: 'node s.js', port: 3000, ready: { port: 3000 } },
            },
          },
        ),
        world.deps,
      ),
    ).rejects.toThrow(/set server.port: auto/);
    expect(world.servers.started).toHaveLength(0);
  });

  it('without a base to build: this build alone, and why', async () => {
    const world = fakeWorld(HEALTHY);
    const out = await runGate(input({}, { place: LOCAL, sections: SIDE }), world.deps);
    expect(out.baseRecord).toBeNull();
    expect(out.notices.join('\n')).toMatch(/there is no base to build/);
    expect(world.builds.prepared).toBe(0);
    expect(out.record.workloads[0]?.runs).toHaveLength(4);
  });

  it('a base whose build fails: this build alone, and what failed', async () => {
    const world = fakeWorld(HEALTHY, { builds: { buildFails: true } });
    const out = await runGate(input({}, { place: PR, sections: SIDE }), world.deps);
    expect(out.baseRecord).toBeNull();
    expect(out.notices.join('\n')).toMatch(
      /could not compare with the base on this runner: the build command of the base commit failed/,
    );
    expect(out.record.workloads[0]?.runs).toHaveLength(4);
  });

  it('a base server that fails: this build alone; the base checkout is removed', async () => {
    const world = fakeWorld(HEALTHY, { servers: { failIn: FAKE_BASE_DIR } });
    const out = await runGate(input({}, { place: PR, sections: SIDE }), world.deps);
    expect(out.baseRecord).toBeNull();
    expect(out.notices.join('\n')).toMatch(/could not compare with the base on this runner/);
    expect(world.builds.removed).toBe(1);
    expect(world.servers.allStopped()).toBe(true);
  });

  it("this build's own server failing is not taken for the base's", async () => {
    const world = fakeWorld(HEALTHY, {
      servers: { script: (spec) => (spec.cwd === FAKE_BASE_DIR ? {} : { exitAfterRuns: 1 }) },
    });
    await expect(runGate(input({}, { place: PR, sections: SIDE }), world.deps)).rejects.toThrow(
      /the this server exited|the server exited|exited/,
    );
    expect(world.builds.removed).toBe(1);
  });
});

describe('runGate, confirming on the same runner (confirm: same-runner)', () => {
  const CONFIRM = { gate: { confirm: 'same-runner' } };

  it('a stored comparison that passes is not confirmed', async () => {
    const config = makeConfig(CONFIRM);
    const store = new MemoryStore(storedBaseline(config.hash));
    const world = fakeWorld(HEALTHY);
    const out = await runGate({ ...input(), config, store, place: PR }, world.deps);
    expect(out.verdict).toBe('pass');
    expect(world.builds.prepared).toBe(0);
    expect(out.baseRecord).toBeNull();
  });

  it('a stored regression is measured again side by side; the paired test decides', async () => {
    const config = makeConfig(CONFIRM);
    const store = new MemoryStore(storedBaseline(config.hash));
    // This runner is slow for both builds: stored says regression, the pair says no change.
    const world = fakeWorld(slow);
    const out = await runGate({ ...input(), config, store, place: PR }, world.deps);
    expect(out.storedComparison?.verdict).toBe('regression');
    expect(out.comparison?.design).toBe('paired');
    expect(out.verdict).not.toBe('regression');
    expect(out.notices.join('\n')).toMatch(
      /confirm: same-runner \(the stored baseline said regression\)/,
    );
  });

  it('without a stored baseline the base is measured', async () => {
    const out = await runGate(
      input({}, { place: PR, store: new MemoryStore(), sections: CONFIRM }),
      fakeWorld(HEALTHY).deps,
    );
    expect(out.baseRecord).not.toBeNull();
    expect(out.notices.join('\n')).toMatch(/the stored baseline is missing/);
  });

  it('a base that cannot be measured leaves the stored verdict', async () => {
    const config = makeConfig(CONFIRM);
    const store = new MemoryStore(storedBaseline(config.hash));
    const world = fakeWorld(slow, { builds: { buildFails: true } });
    const out = await runGate({ ...input(), config, store, place: PR }, world.deps);
    expect(out.verdict).toBe('regression');
    expect(out.baseRecord).toBeNull();
  });
});
