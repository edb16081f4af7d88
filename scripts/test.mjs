// `npm test`: the whole test suite, which includes the type check, the linter and the format check
// (__tests__/layout/checks.test.ts) and checks that the committed dist/ and generated files are up
// to date. Ends with one plain "N passed, N failed" line. With PERFGATE_TEST_JSON=<file>, vitest's
// JSON report (per-file and per-test durations) is kept there.
//
// By default two vitest processes run at once, then a third (about 195-255 s instead of 265 s for
// the groups one after the other on a 2-core machine):
// - `serial`: the `integration` project, the files whose assertions depend on timing, one file
//   at a time, at the normal CPU priority;
// - `others`: the `unit` and `integration-io` projects (the unit files, the static checks and
//   the timing-free integration files) in parallel, at the lowest CPU priority (nice 19), servers
//   included (src/server/priority.ts). (Not SCHED_IDLE: `perf bench sched pipe` beside two
//   busy loops took 52-68 us a round trip with the loops under SCHED_IDLE against 15 us at nice
//   19 and 22-24 us beside nothing, and `npm run bench:isolation` showed no fewer failures of
//   the action's end to end.) The serial files get the CPU whenever they want it, and the others
//   use what they leave, so the others' files must not depend on the CPU they get:
//   their runs end after a request count, not a duration, and their waits are seconds where
//   the work takes milliseconds (vitest.config.ts lists the files that make timed runs among
//   the serial ones). The others start no sweep of servers left behind by killed perfgate
//   processes (PERFGATE_STOP_ORPHANS=0): the serial files leave such servers on purpose, to
//   check what stops them;
// - then `alone`: the `integration-alone` project, the files whose verdicts compare short runs
//   with a stored baseline (the action's end to end), with the machine to themselves.
// PERFGATE_TEST_SEQUENTIAL=1 runs one vitest process instead, the groups one after the other
// (the first two projects, then the serial one, then the alone one).
// The processes share one build of the bundle (__tests__/global-setup.ts); each line of
// their output is prefixed with its group's name.
//
// Arguments go to one plain `vitest run` (e.g. `npm test -- __tests__/stats` runs one folder,
// checks left out). The tests' temporary files go to a folder of this run (TMPDIR), removed at
// the end, so that a run leaves nothing in the machine's temporary directory, even from a test
// that fails.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { VITEST } from './vitest-entry.mjs';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'perfgate-test-'));
const buildDir = path.join(tmp, 'build');
mkdirSync(buildDir);
const env = { ...process.env, TMPDIR: tmp, PERFGATE_TEST_BUILD_DIR: buildDir };
const extra = process.argv.slice(2);

/** Lowest CPU priority: the others group yields the CPU to the serial one. */
const LOW_PRIORITY = 19;

const concurrent = extra.length === 0 && process.env.PERFGATE_TEST_SEQUENTIAL !== '1';
// Phases run one after the other; the groups of a phase run at once.
const phases = !concurrent
  ? [[{ name: '', args: extra, priority: 0 }]]
  : [
      [
        { name: 'serial', args: ['--project', 'integration'], priority: 0 },
        {
          name: 'others',
          args: ['--project', 'unit', '--project', 'integration-io'],
          priority: LOW_PRIORITY,
          // The serial files kill perfgate processes on purpose and check that the backstop
          // under test (a pid file, the post step, the next start) stops the servers they left;
          // a perfgate started meanwhile by the others would stop them first.
          env: { PERFGATE_STOP_ORPHANS: '0' },
        },
      ],
      // The files whose verdicts compare short runs with a stored baseline: a baseline recorded
      // while the others ran (even at nice 19) once left a 30-fold slowdown undecided.
      [{ name: 'alone', args: ['--project', 'integration-alone'], priority: 0 }],
    ];

/** Runs one vitest process; resolves with its exit code and its JSON report (null if none). */
function runGroup({ name, args, priority, env: groupEnv = {} }) {
  const report = path.join(tmp, `vitest-${name || 'run'}.json`);
  const vitestArgs = [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...args,
  ];
  const prefix = name ? `[${name}] ` : '';
  console.log(`\n> ${prefix}${vitestArgs.join(' ')}${priority ? ` (nice ${priority})` : ''}`);
  // vitest's own entry on this Node, not `npx vitest` (see vitest-entry.mjs).
  // One process alone writes to the terminal as it is; the groups get their lines prefixed.
  const child = spawn(process.execPath, [VITEST, ...vitestArgs.slice(1)], {
    stdio: prefix ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    env: { ...env, ...groupEnv },
  });
  // Set at once, before vitest starts its workers: they inherit it.
  if (priority) os.setPriority(child.pid, priority);
  if (prefix) {
    for (const [stream, out] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ]) {
      readline
        .createInterface({ input: stream, crlfDelay: Infinity })
        .on('line', (line) => out.write(`${prefix}${line}\n`));
    }
  }
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      let json = null;
      try {
        json = JSON.parse(readFileSync(report, 'utf8'));
      } catch {
        // no report: vitest failed before running tests; its own output says why
      }
      resolve({ name, code: code ?? (signal ? 1 : 0), json });
    });
  });
}

const results = [];
for (const groups of phases) results.push(...(await Promise.all(groups.map(runGroup))));

const reports = results.map((r) => r.json).filter(Boolean);
const sum = (key) => reports.reduce((n, j) => n + (j[key] ?? 0), 0);
if (process.env.PERFGATE_TEST_JSON && reports.length > 0) {
  const merged = {
    ...reports[0],
    numTotalTests: sum('numTotalTests'),
    numPassedTests: sum('numPassedTests'),
    numFailedTests: sum('numFailedTests'),
    numPendingTests: sum('numPendingTests'),
    numTotalTestSuites: sum('numTotalTestSuites'),
    numFailedTestSuites: sum('numFailedTestSuites'),
    success: reports.every((j) => j.success) && reports.length === results.length,
    testResults: reports.flatMap((j) => j.testResults ?? []),
  };
  writeFileSync(path.resolve(process.env.PERFGATE_TEST_JSON), JSON.stringify(merged));
}
for (const r of results) {
  if (!r.json) console.log(`\n${r.name || 'vitest'}: no report (exit code ${r.code})`);
}
if (reports.length > 0) {
  console.log(
    `\n${sum('numPassedTests')} passed, ${sum('numFailedTests')} failed, ${sum('numPendingTests')} skipped`,
  );
}
try {
  rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
} catch (err) {
  console.log(`(could not remove ${tmp}: ${err.message})`);
}
process.exit(results.some((r) => r.code !== 0) ? 1 : 0);
