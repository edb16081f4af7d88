import { defineConfig } from 'vitest/config';

// Two projects. `unit`: pure code and fakes (__tests__/helpers/fakes.ts), no timing of its own,
// run in parallel on every core. `integration`: real servers, real load, real git and child
// processes, run one file at a time after the unit tests, so that measurements do not compete
// for the two cores and skew each other's samples. A file is an integration test when it is
// listed here; everything else is a unit test.
const INTEGRATION = [
  '__tests__/action/action-e2e.test.ts',
  '__tests__/action/action-node24.test.ts',
  '__tests__/action/shard-e2e.test.ts',
  '__tests__/cli/breakage.test.ts',
  '__tests__/cli/python-server.test.ts',
  '__tests__/cli/record-baselines.test.ts',
  '__tests__/cli/run-failures.test.ts',
  '__tests__/cli/run-restart.test.ts',
  '__tests__/cli/run-signals.test.ts',
  '__tests__/cli/run.test.ts',
  '__tests__/cli/running-server.test.ts',
  '__tests__/cli/seeds.test.ts',
  '__tests__/cli/shard-merge.test.ts',
  '__tests__/cli/workload-features.test.ts',
  '__tests__/load/fd-limit.test.ts',
  '__tests__/load/load-runner.test.ts',
  '__tests__/load/native-engine.test.ts',
  '__tests__/load/sequences.test.ts',
  '__tests__/report/exports.test.ts',
  '__tests__/same-runner/compare-to-base.test.ts',
  '__tests__/server/cleanup-registry.test.ts',
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
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['__tests__/**/*.test.ts'],
          exclude: INTEGRATION,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: INTEGRATION,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
