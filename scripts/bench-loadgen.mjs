// `npm run bench:loadgen`: how close perfgate's load generator (dist/loadgen.js, driven through
// its IPC protocol exactly as the LoadRunner drives it) comes to wrk on the fixture's `GET /`.
// Interleaves the two tools round by round against one fixture server and prints medians.
// Needs `npm run build` first and wrk (`sudo apt-get install -y wrk` on Debian/Ubuntu).
//
// Options (environment): ROUNDS (5), SECONDS (5), CONNECTIONS (50), PIPELINING (1),
// CLIENT (auto: the built-in client where it fits, as perfgate chooses; autocannon),
// LOADGEN (path of the bundle, default dist/loadgen.js), ENDPOINT (default /).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
const ROUNDS = Number(env.ROUNDS ?? 5);
const SECONDS = Number(env.SECONDS ?? 5);
const CONNECTIONS = Number(env.CONNECTIONS ?? 50);
const PIPELINING = Number(env.PIPELINING ?? 1);
const ENDPOINT = env.ENDPOINT ?? '/';
const CLIENT = env.CLIENT ?? 'auto';
if (CLIENT !== 'auto' && CLIENT !== 'autocannon') {
  console.error('CLIENT must be auto or autocannon');
  process.exit(2);
}
const LOADGEN = path.resolve(env.LOADGEN ?? path.join(root, 'dist', 'loadgen.js'));

if (!existsSync(LOADGEN)) {
  console.error(`${LOADGEN} not found: run \`npm run build\` first`);
  process.exit(2);
}
if (spawnSync('wrk', ['--version']).error) {
  console.error('wrk not found: install it (Debian/Ubuntu: `sudo apt-get install -y wrk`)');
  process.exit(2);
}

// Server on CPU 0 and the load tool on CPU 1 when there are two cores, so they do not share.
const pinned = os.availableParallelism() >= 2 && !spawnSync('taskset', ['-V']).error;
const pin = (cpu, cmd, args) =>
  pinned ? ['taskset', ['-c', String(cpu), cmd, ...args]] : [cmd, args];

function startServer() {
  const [cmd, args] = pin(0, process.execPath, [path.join(root, 'fixtures', 'server.mjs')]);
  const child = spawn(cmd, args, {
    env: { ...env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`fixture server exited with ${code}`)));
    child.stdout.on('data', (d) => {
      const m = /listening on (\S+)/.exec(String(d));
      if (m) resolve({ child, url: m[1] });
    });
  });
}

/** One run of perfgate's load generator; resolves with its LoadResult. */
function runPerfgate(url, seconds) {
  const [cmd, args] = pin(1, process.execPath, [LOADGEN]);
  const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const workload = {
    name: 'hello',
    steps: [{ method: 'GET', path: ENDPOINT }],
    setup: [],
    connections: CONNECTIONS,
    pipelining: PIPELINING,
    durationMs: seconds * 1000,
    requests: null,
    rate: null,
    timeoutMs: 10_000,
    client: CLIENT,
  };
  return new Promise((resolve, reject) => {
    child.on('message', (m) => {
      if (m.type === 'result') resolve(m.result);
      if (m.type === 'error') reject(new Error(m.message));
    });
    child.on('exit', (code) => reject(new Error(`loadgen exited with ${code} before a result`)));
    child.send({ type: 'job', job: { workload, baseUrl: url, vars: {} } });
  });
}

/** Parses "1.23ms" / "456.00us" / "1.01s" into microseconds. */
function toUs(text) {
  const m = /^([\d.]+)(us|ms|s)$/.exec(text);
  if (!m) return NaN;
  return Number(m[1]) * { us: 1, ms: 1000, s: 1e6 }[m[2]];
}

/** One run of wrk (one thread, same connections); resolves with req/s and percentiles. */
function runWrk(url, seconds) {
  const [cmd, args] = pin(1, 'wrk', [
    '-t1',
    `-c${CONNECTIONS}`,
    `-d${seconds}s`,
    '--latency',
    url + ENDPOINT,
  ]);
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`wrk failed: ${r.stderr || r.stdout}`);
  const num = (re) => Number(re.exec(r.stdout)?.[1]);
  const pct = (p) => toUs(new RegExp(`^\\s+${p}%\\s+(\\S+)`, 'm').exec(r.stdout)?.[1] ?? '');
  return { reqPerSec: num(/Requests\/sec:\s+([\d.]+)/), p50: pct(50), p99: pct(99) };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

const { child: server, url } = await startServer();
try {
  console.log(
    `GET ${ENDPOINT} on ${url}: ${ROUNDS} rounds x ${SECONDS}s per tool, ${CONNECTIONS} connections, client ${CLIENT}` +
      `${pinned ? ', server on CPU 0, load tool on CPU 1' : ' (not pinned)'}`,
  );
  runWrk(url, 2); // warm the server's JIT up; not counted
  await runPerfgate(url, 2);
  const rows = { perfgate: [], wrk: [] };
  for (let round = 1; round <= ROUNDS; round++) {
    // Alternate which tool goes first, so a drift over time does not favour one of them.
    const order = round % 2 ? ['perfgate', 'wrk'] : ['wrk', 'perfgate'];
    for (const tool of order) {
      if (tool === 'wrk') rows.wrk.push(runWrk(url, SECONDS));
      else {
        const r = await runPerfgate(url, SECONDS);
        rows.perfgate.push({
          reqPerSec: r.reqPerSec,
          p50: r.latencyUs.p50,
          p99: r.latencyUs.p99,
          cpu: r.loadCpu,
        });
      }
      const last = rows[tool].at(-1);
      console.log(
        `round ${round} ${tool.padEnd(8)} ${last.reqPerSec.toFixed(0).padStart(7)} req/s  p50 ${last.p50.toFixed(0)} us  p99 ${last.p99.toFixed(0)} us` +
          (last.cpu !== undefined ? `  loadCpu ${last.cpu.toFixed(2)}` : ''),
      );
    }
  }
  const med = (tool, key) => median(rows[tool].map((r) => r[key]));
  console.log('\n| tool     | req/s (median) | p50 µs | p99 µs |');
  console.log('| -------- | -------------- | ------ | ------ |');
  for (const tool of ['perfgate', 'wrk']) {
    console.log(
      `| ${tool.padEnd(8)} | ${med(tool, 'reqPerSec').toFixed(0).padStart(14)} | ${med(tool, 'p50').toFixed(0).padStart(6)} | ${med(tool, 'p99').toFixed(0).padStart(6)} |`,
    );
  }
  const ratio = (key) => (med('perfgate', key) / med('wrk', key)).toFixed(3);
  console.log(
    `| ratio    | ${ratio('reqPerSec').padStart(14)} | ${ratio('p50').padStart(6)} | ${ratio('p99').padStart(6)} |`,
  );
  // Each round runs both tools back to back: a per-round ratio cancels slow drifts of the machine.
  const paired = median(rows.perfgate.map((r, i) => r.reqPerSec / rows.wrk[i].reqPerSec));
  const cpu = median(rows.perfgate.map((r) => r.cpu));
  console.log(
    `\nperfgate/wrk req/s, median of per-round ratios: ${paired.toFixed(3)}; ` +
      `perfgate's median load-generator CPU: ${cpu.toFixed(2)} of a core`,
  );
  const load = os.loadavg()[0];
  if (load > os.availableParallelism()) {
    console.log(`warning: load average ${load.toFixed(1)}: other processes share these CPUs`);
  }
} finally {
  server.kill('SIGTERM');
}
