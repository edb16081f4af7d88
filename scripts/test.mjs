// `npm test`: the whole test suite, which includes the type check, the linter and the format check
// (__tests__/layout/checks.test.ts, run next to the unit tests) and checks that the committed
// dist/ and generated files are up to date. Ends with one plain "N passed, N failed" line. With
// PERFGATE_TEST_JSON=<file>, vitest's JSON report (per-file and per-test durations) is kept there.
// Arguments go to `vitest run` (e.g. `npm test -- __tests__/stats` runs one folder, checks left
// out). The tests' temporary files go to a folder of this run (TMPDIR), removed at the end, so
// that a run leaves nothing in the machine's temporary directory, even from a test that fails.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'perfgate-test-'));
const report = process.env.PERFGATE_TEST_JSON
  ? path.resolve(process.env.PERFGATE_TEST_JSON)
  : path.join(tmp, 'vitest.json');
const args = [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
];
console.log(`\n> npx ${args.join(' ')}`);
const r = spawnSync('npx', args, { stdio: 'inherit', env: { ...process.env, TMPDIR: tmp } });
try {
  const j = JSON.parse(readFileSync(report, 'utf8'));
  console.log(
    `\n${j.numPassedTests} passed, ${j.numFailedTests} failed, ${j.numPendingTests} skipped`,
  );
} catch {
  // no report: vitest failed before running tests; its own output says why
}
try {
  rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
} catch (err) {
  console.log(`(could not remove ${tmp}: ${err.message})`);
}
process.exit(r.status ?? 1);
