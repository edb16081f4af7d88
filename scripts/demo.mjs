// `npm run demo`: perfgate's job in about a minute. Measures the fixture server, then a copy of
// it doing twice the CPU work per request (the same server with CPU_SCALE=2, so the config and
// its hash are the same), and compares the two: the report shows the regression caught and the
// gate failing as it would fail a pull request. Runs the committed bundle, dist/cli.js.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const config = 'fixtures/demo/perfgate.yml';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'perfgate-demo-'));
const baseline = path.join(tmp, 'baseline.json');

function perfgate(args, env) {
  const r = spawnSync(process.execPath, ['dist/cli.js', ...args], {
    stdio: 'inherit',
    env: { ...process.env, GITHUB_ACTIONS: '', ...env },
  });
  return r.status ?? 1;
}

try {
  console.log(
    'perfgate demo, 1/2: the fixture server (fixtures/server.mjs), measured as the baseline\n',
  );
  const first = perfgate(
    ['run', '-c', config, '--compare-to', 'none', '--quiet', '--out', baseline],
    {
      CPU_SCALE: '1',
    },
  );
  if (first !== 0) process.exit(first);
  console.log('\nperfgate demo, 2/2: a copy doing twice the CPU work per request (CPU_SCALE=2),');
  console.log('compared with the baseline the way a pull request is\n');
  const code = perfgate(['run', '-c', config, '--baseline', baseline], { CPU_SCALE: '2' });
  if (code === 1) {
    console.log(
      '\nperfgate exited with 1: on a pull request this check fails, and the comment above says why.',
    );
  } else {
    console.log(
      `\nperfgate exited with ${code}: the regression was not caught this time (a busy machine?).`,
    );
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
