// `npm run bench:shards`: wall time of a 6-workload config measured unsharded, then as 3
// shards started at once (a job matrix on one machine, or three terminals), and the time of
// `perfgate merge`. Uses the bundled CLI (`npm run build` first) and the fixture server; prints
// the load average before and after, since on a small shared machine the shards compete for
// the same cores and parallel shards cannot be expected to be 3x faster.
//
// Options (environment): DURATION (1s), RUNS (5), WARMUP (1), CONNECTIONS (10), SHARDS (3).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist', 'cli.js');
const env = process.env;
const SHARDS = Number(env.SHARDS ?? 3);
if (!existsSync(cli)) {
  console.error(`${cli} not found: run \`npm run build\` first`);
  process.exit(2);
}

const endpoints = ['/', '/json', '/fib?n=15', '/sleep?ms=1', '/tasks', '/fib?n=18'];
const config = `server:
  command: node ${JSON.stringify(path.join(root, 'fixtures', 'server.mjs'))}
  port: auto
  env: { PORT: '{{port}}' }
  ready: { url: 'http://127.0.0.1:{{port}}/health', timeout: 30s }
defaults: { connections: ${env.CONNECTIONS ?? 10}, duration: ${env.DURATION ?? '1s'}, runs: ${env.RUNS ?? 5}, warmup: ${env.WARMUP ?? 1} }
workloads:
${endpoints.map((p, i) => `  - { name: w${i + 1}, path: '${p}' }`).join('\n')}
`;

function perfgate(dir, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args, '-c', path.join(dir, 'perfgate.yml')], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('GITHUB_'))),
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`exit ${code}: ${err}`)),
    );
  });
}

async function timed(what, fn) {
  const start = performance.now();
  await fn();
  const s = (performance.now() - start) / 1000;
  console.log(`${what.padEnd(34)} ${s.toFixed(1).padStart(6)} s`);
  return s;
}

const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
const dir = await mkdtemp(path.join(os.tmpdir(), 'perfgate-bench-shards-'));
try {
  await writeFile(path.join(dir, 'perfgate.yml'), config);
  console.log(`${os.cpus().length} cores, load average ${load()} (1, 5, 15 min)`);
  const whole = await timed('unsharded (6 workloads)', () => perfgate(dir, ['run', '-q']));
  const sharded = await timed(`${SHARDS} shards in parallel`, () =>
    Promise.all(
      Array.from({ length: SHARDS }, (_, i) =>
        perfgate(dir, ['run', '-q', '--shard', `${i + 1}/${SHARDS}`]),
      ),
    ),
  );
  await timed('merge', () => perfgate(dir, ['merge']));
  console.log(`speed-up ${(whole / sharded).toFixed(2)}x; load average now ${load()}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
