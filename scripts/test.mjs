// `npm test`: type-check, lint, format check, then the whole test suite (which also checks that
// the committed dist/ and generated files are up to date). The three checks run at once (each
// uses one core), their output printed as each ends; any failure stops before the tests. Ends
// with one plain "N passed, N failed" line. The checks keep their caches in node_modules/.cache
// (keyed on file contents), so a second `npm test` re-checks only what changed. With
// PERFGATE_TEST_JSON=<file>, vitest's JSON report (per-file and per-test durations) is kept there.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const steps = [
  [
    'npx',
    ['tsc', '--noEmit', '--incremental', '--tsBuildInfoFile', 'node_modules/.cache/tsc/noemit'],
  ],
  [
    'npx',
    [
      'eslint',
      '--cache',
      '--cache-strategy',
      'content',
      '--cache-location',
      'node_modules/.cache/eslint/',
      '.',
    ],
  ],
  ['npx', ['prettier', '--check', '--cache', '--cache-strategy', 'content', '.']],
];
const results = await Promise.all(
  steps.map(
    ([cmd, args]) =>
      new Promise((resolve) => {
        const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (d) => (output += d));
        child.stderr.on('data', (d) => (output += d));
        child.on('close', (code) => {
          process.stdout.write(`\n> ${cmd} ${args.join(' ')}\n${output}`);
          resolve(code ?? 1);
        });
      }),
  ),
);
const failed = results.find((code) => code !== 0);
if (failed !== undefined) process.exit(failed);

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
const r = spawnSync('npx', args, { stdio: 'inherit' });
try {
  const j = JSON.parse(readFileSync(report, 'utf8'));
  console.log(
    `\n${j.numPassedTests} passed, ${j.numFailedTests} failed, ${j.numPendingTests} skipped`,
  );
} catch {
  // no report: vitest failed before running tests; its own output says why
}
rmSync(tmp, { recursive: true, force: true });
process.exit(r.status ?? 1);
