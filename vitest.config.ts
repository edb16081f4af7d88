import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// Three projects. `unit`: pure code and fakes (__tests__/helpers/fakes.ts), no timing of its own.
// The others: real servers, real load, real git and child processes; a file is an integration
// test when it is listed in one of the two lists below (SERIAL, CONCURRENT), everything else is a
// unit test.
//
// SERIAL: the integration files whose assertions depend on measured performance (a regression
// caught or a pass earned, a paced rate delivered, a run ended after its duration, a timeout
// that fires before an answer) or on how soon a process gets the CPU (a daemon seen listening
// within a second of its launcher's exit, a child started within a fixed sleep): one file at a
// time, with the CPU taken from them by nothing but the other group's leftovers (see below).
// (run-failures and cleanup-registry are here for the second reason: both failed when run next
// to the unit tests. breakage and seeds make timed runs, which failed next to the timing files:
// seeds' requests still in flight at the end of a run counted as errors. The action's end to
// end compares short runs with a stored baseline, which its tests record: see action-e2e.test.ts
// for the runs that decide a 20-fold slowdown on a busy machine.)
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
// mid-run aside) or whose verdicts need the CPU belongs in SERIAL. That second process also
// runs under the SCHED_IDLE policy on Linux, so that a serial process that wakes up gets a core
// at once. (Until then the action's end to end ran after both, with the machine to itself: next
// to the others at nice 19 alone, half of its stored comparisons of five 300 ms runs left a
// 20-fold drop of requests/s undecided.) PERFGATE_TEST_SEQUENTIAL=1 runs the two groups one
// after the other in one process.
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

const SERIAL = [
  '__tests__/action/action-e2e.test.ts',
  '__tests__/action/action-node24.test.ts',
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
          exclude: [...SERIAL, ...CONCURRENT],
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
    ],
  },
});
