import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// Four projects. `unit`: pure code and fakes (__tests__/helpers/fakes.ts), no timing of its own.
// The others: real servers, real load, real git and child processes; a file is an integration
// test when it is listed in one of the three lists below (ALONE, SERIAL, CONCURRENT), everything
// else is a unit test.
//
// SERIAL: the integration files whose assertions depend on measured performance (a regression
// caught or a pass earned, a paced rate delivered, a run ended after its duration, a timeout
// that fires before an answer) or on how soon a process gets the CPU (a daemon seen listening
// within a second of its launcher's exit, a child started within a fixed sleep): one file at a
// time, with the CPU taken from them by nothing but the other group's leftovers (see below).
// (run-failures and cleanup-registry are here for the second reason: both failed when run next
// to the unit tests. breakage and seeds make timed runs, which failed next to the timing files:
// seeds' requests still in flight at the end of a run counted as errors.)
//
// Every other integration file asserts only what does not depend on how fast the machine is: exit
// codes, messages, error counts of broken servers, processes stopped, files written, verdicts it
// accepts whatever they are. Its waits are bounded by generous timeouts (seconds where the work
// takes milliseconds) and its runs end after a request count. Those files (`integration-io`) run
// next to the unit tests. (The CPU time usage.test.ts reads is that of a fixed number of
// requests, about a second of work against milliseconds, whatever the wall time.)
//
// `npm test` (scripts/test.mjs) runs the serial group in a vitest process of its own, at once
// with a second process that runs the other two projects at the lowest CPU priority: a file of
// those two that makes a run must bound it by a request count, not a duration (a run of a
// starved server can end with no answer), and a file whose runs must last a time (a signal
// mid-run aside) or whose verdicts need the CPU belongs in SERIAL. Then the ALONE files run with
// the machine to themselves: the action's end to end, where even a regression of 20-30 ms per
// response was undecided against a baseline recorded while the others ran at nice 19 (one stored
// session of five 300 ms runs, its p99 twenty times its p50), and whose post step's test races a
// server that detaches itself. PERFGATE_TEST_SEQUENTIAL=1 runs the three groups one after the
// other in one process.
//
// Vitest's default on a two-core machine is one worker (cores - 1): most test files spend their
// time waiting for child processes (git, the CLI, servers), so the first group runs more workers
// than cores; none of its files measures anything, so sharing the cores costs them only time.
// (Projects of one group must share their worker count. Four workers were no faster: 233 and
// 215 s against 225 and 243 s for three, interleaved.)
const FIRST_GROUP_WORKERS = 3;
// The longest files of the first group, started first so that the group does not end waiting on
// one of them (vitest would start a project's files only after the previous project's, and
// order files by earlier durations it keeps in node_modules, which a fresh clone does not have).
const LONGEST_FIRST = [
  '__tests__/baseline/git-branch-store.test.ts',
  '__tests__/load/native-engine.test.ts',
  '__tests__/layout/checks.test.ts',
  '__tests__/action/shard-e2e.test.ts',
  '__tests__/cli/record-baselines.test.ts',
  '__tests__/cli/fuzz-config.test.ts',
  '__tests__/cli/shard-merge.test.ts',
  '__tests__/cli/python-server.test.ts',
  '__tests__/same-runner/compare-to-base-failures.test.ts',
  '__tests__/cli/input-limits.test.ts',
  '__tests__/server/start-server.test.ts',
  '__tests__/cli/run-signals.test.ts',
  '__tests__/package.test.ts',
];

/** Vitest's order, with the files of LONGEST_FIRST moved to the front of their group. */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const i = LONGEST_FIRST.findIndex((f) => spec.moduleId.endsWith(f));
      return i < 0 ? LONGEST_FIRST.length : i;
    };
    const group = (spec: TestSpecification) => spec.project.config.sequence.groupOrder;
    return sorted
      .map((spec, i) => ({ spec, i }))
      .sort((a, b) => group(a.spec) - group(b.spec) || rank(a.spec) - rank(b.spec) || a.i - b.i)
      .map(({ spec }) => spec);
  }
}

// ALONE: the serial files whose verdicts compare short runs with a stored baseline (the action's
// end to end): run after everything else, with the machine to themselves. (Running them with the
// serial files saved about 30 s, but even against a fixture that waits 2 ms per response, so
// that latency is set by a timer, a baseline recorded next to the nice-19 group had a p50 of
// 4.8 ms and left a 10-fold slowdown undecided, once in six runs. Tried again with the others
// under SCHED_IDLE and ten 150 ms runs after two warm-ups (trimmed-mean df 5 instead of 2):
// 199-247 s in five full runs against 241-246 s in three, but a pull request's comparison came
// out "broken" (a kept run without a successful response, or with most of its requests failed)
// in one of the five.)
const ALONE = ['__tests__/action/action-e2e.test.ts', '__tests__/action/action-node24.test.ts'];
const SERIAL = [
  '__tests__/cli/breakage-runs.test.ts',
  '__tests__/cli/breakage.test.ts',
  '__tests__/cli/run-failures.test.ts',
  '__tests__/cli/run.test.ts',
  '__tests__/cli/running-server.test.ts',
  '__tests__/cli/seeds.test.ts',
  '__tests__/cli/workload-features.test.ts',
  '__tests__/load/load-runner.test.ts',
  '__tests__/load/native-engine-timing.test.ts',
  '__tests__/same-runner/compare-to-base.test.ts',
  '__tests__/server/cleanup-registry.test.ts',
];
const CONCURRENT = [
  '__tests__/action/shard-e2e.test.ts',
  '__tests__/baseline/git-branch-store.test.ts',
  '__tests__/cli/python-server.test.ts',
  '__tests__/cli/record-baselines.test.ts',
  '__tests__/cli/run-restart.test.ts',
  '__tests__/cli/run-signals.test.ts',
  '__tests__/cli/shard-merge.test.ts',
  '__tests__/load/fd-limit.test.ts',
  '__tests__/load/native-engine.test.ts',
  '__tests__/load/sequences.test.ts',
  '__tests__/report/exports.test.ts',
  '__tests__/same-runner/compare-to-base-failures.test.ts',
  '__tests__/server/start-server.test.ts',
  '__tests__/server/stop-tree.test.ts',
  '__tests__/server/usage.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Builds the bundle once for the whole run (dist/ check, action, CLI and load processes).
    globalSetup: ['__tests__/global-setup.ts'],
    sequence: { sequencer: LongestFirst },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['__tests__/**/*.test.ts'],
          exclude: [...ALONE, ...SERIAL, ...CONCURRENT],
          // The files of a worker share its loaded modules instead of loading src/ again for
          // each file (most of a unit file's time; 1-2 s of CPU for an integration file). No
          // test file relies on a fresh module state: each starts its own servers, stores and
          // folders, and the modules' own state (the cleanup registry) is per process anyway.
          isolate: false,
          maxWorkers: FIRST_GROUP_WORKERS,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration-io',
          include: CONCURRENT,
          isolate: false, // as above
          maxWorkers: FIRST_GROUP_WORKERS,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: SERIAL,
          isolate: false, // as above
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration-alone',
          include: ALONE,
          isolate: false, // as above
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
