// `npm run bench:overhead`: perfgate's fixed costs, seen from the server. `perfgate run`
// (dist/cli.js, or CLI=path for another build, e.g. an older checkout's dist/cli.js) measures a
// small Node server that notes when it started listening and when every request arrived.
// Prints, per repetition: invocation to the server listening, listening to the first request
// (perfgate's own start-up: readiness probe, load process, first job), and the mean gap
// between two runs (per-run overhead: the end of one run to the first request of the next).
// Options (environment): CLI (dist/cli.js), REPEAT (3), RUNS (8), DURATION_MS (300).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './lib/bench-clients.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.resolve(process.env.CLI ?? path.join(root, 'dist', 'cli.js'));
const REPEAT = Number(process.env.REPEAT ?? 3);
const RUNS = Number(process.env.RUNS ?? 8);
const DURATION_MS = Number(process.env.DURATION_MS ?? 300);

const SERVER = `
import http from 'node:http';
import { writeFileSync } from 'node:fs';
const times = [];
let listening = 0;
const server = http.createServer((req, res) => {
  if (req.url !== '/health') times.push(Date.now() + (performance.now() % 1));
  res.end('ok');
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => (listening = Date.now()));
process.on('SIGTERM', () => {
  writeFileSync(process.env.OUT, JSON.stringify({ listening, times }));
  process.exit(0);
});
`;

function once(dir) {
  const out = path.join(dir, 'times.json');
  writeFileSync(path.join(dir, 'server.mjs'), SERVER);
  writeFileSync(
    path.join(dir, 'perfgate.yml'),
    `server:
  command: node server.mjs
  port: auto
  env: { PORT: '{{port}}', OUT: '${out}' }
  ready: { url: 'http://127.0.0.1:{{port}}/health', timeout: 10s }
defaults: { connections: 4, duration: ${DURATION_MS}ms, runs: ${RUNS}, warmup: 0 }
workloads:
  - { name: hello, path: / }
`,
  );
  const t0 = Date.now();
  const r = spawnSync(
    process.execPath,
    [CLI, 'run', '-q', '-c', path.join(dir, 'perfgate.yml'), '--compare-to', 'none'],
    {
      cwd: dir,
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(`perfgate failed: ${r.stderr || r.stdout}`);
  const { listening, times } = JSON.parse(readFileSync(out, 'utf8'));
  times.sort((a, b) => a - b);
  // Runs are separated by the RUNS - 1 longest pauses in the arrivals (within a run, 4
  // connections on loopback pause for well under a millisecond; between runs perfgate reads the
  // server's usage, sends the next job and connects again).
  const pauses = [];
  for (let i = 1; i < times.length; i++) pauses.push(times[i] - times[i - 1]);
  const gaps = pauses.sort((a, b) => b - a).slice(0, RUNS - 1);
  return {
    toListening: listening - t0,
    toFirstRequest: times[0] - listening,
    invocationToFirst: times[0] - t0,
    perRunGap: gaps.length ? gaps.reduce((a, b) => a + b, 0) / gaps.length : NaN,
    gaps: gaps.length,
  };
}

console.log(`${CLI}: ${REPEAT} x perfgate run (${RUNS} runs of ${DURATION_MS} ms, 4 connections)`);
const rows = [];
for (let i = 0; i < REPEAT; i++) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'perfgate-overhead-'));
  try {
    const r = once(dir);
    rows.push(r);
    console.log(
      `invocation -> listening ${r.toListening} ms, listening -> first request ${r.toFirstRequest.toFixed(0)} ms, invocation -> first request ${r.invocationToFirst.toFixed(0)} ms, gap between runs ${r.perRunGap.toFixed(0)} ms (${r.gaps} gaps)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const m = (k) => median(rows.map((r) => r[k])).toFixed(0);
const range = (k) =>
  `${Math.min(...rows.map((r) => r[k])).toFixed(0)}-${Math.max(...rows.map((r) => r[k])).toFixed(0)}`;
console.log(
  `\nmedian (range): invocation -> first request ${m('invocationToFirst')} ms (${range('invocationToFirst')}), of which listening -> first request ${m('toFirstRequest')} ms (${range('toFirstRequest')}); per-run overhead ${m('perRunGap')} ms (${range('perRunGap')}); load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} CPUs`,
);
