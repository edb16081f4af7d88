// `npm test`: type-check, lint, format check, then the whole test suite (which also checks that
// the committed dist/ and generated files are up to date). Stops at the first failure and ends
// with one plain "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const steps = [
  ['npx', ['tsc', '--noEmit']],
  ['npx', ['eslint', '.']],
  ['npx', ['prettier', '--check', '.']],
];
for (const [cmd, args] of steps) {
  console.log(`\n> ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'perfgate-test-'));
const report = path.join(tmp, 'vitest.json');
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
