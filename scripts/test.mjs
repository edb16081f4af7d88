// `npm test`: type-check, lint, format check, then the whole test suite. Stops at the first failure.
import { spawnSync } from 'node:child_process';

const steps = [
  ['npx', ['tsc', '--noEmit']],
  ['npx', ['eslint', '.']],
  ['npx', ['prettier', '--check', '.']],
  ['npx', ['vitest', 'run', ...process.argv.slice(2)]],
];
for (const [cmd, args] of steps) {
  console.log(`\n> ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
