// `npm run bench:loadgen`: perfgate's load client (dist/loadgen.js, driven over its IPC
// protocol as the LoadRunner drives it, one process per connection count as in a session)
// against wrk, on nginx (one worker, access log off, CPU 0), both clients on CPU 1, rounds
// interleaved with the order alternating. Prints per-round figures, then per connection count
// the median perfgate/wrk ratios (with their range over the rounds) of req/s, CPU time per
// request and peak memory. nginx is faster per request than the clients, so the ratios describe
// the clients, not the server.
// Needs `npm run build`, nginx and wrk (Debian/Ubuntu: `sudo apt-get install -y nginx wrk`).
//
// Options (environment): ROUNDS (3), SECONDS (5), CONNECTIONS (1,10,100,1000,5000),
// CLIENT (auto: the built-in client; autocannon), LOADGEN (the bundle, default dist/loadgen.js).
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, runWrk, startPerfgate, workload } from './lib/bench-clients.mjs';
import { PINNED, requireTools, startNginx } from './lib/bench-nginx.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
const ROUNDS = Number(env.ROUNDS ?? 3);
const SECONDS = Number(env.SECONDS ?? 5);
const LEVELS = (env.CONNECTIONS ?? '1,10,100,1000,5000').split(',').map(Number);
const CLIENT = env.CLIENT ?? 'auto';
const LOADGEN = path.resolve(env.LOADGEN ?? path.join(root, 'dist', 'loadgen.js'));
if (!existsSync(LOADGEN)) {
  console.error(`${LOADGEN} not found: run \`npm run build\` first`);
  process.exit(2);
}
requireTools(['nginx', 'wrk']);

const mb = (bytes) => (bytes / 2 ** 20).toFixed(1);
const fmt = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '-');
const line = (tool, r) =>
  `${tool.padEnd(8)} ${r.reqPerSec.toFixed(0).padStart(7)} req/s  ${fmt(r.cpuUsPerRequest)} µs CPU/req  ${mb(r.peakRssBytes)} MB  p50 ${r.p50.toFixed(0)} µs  p99 ${r.p99.toFixed(0)} µs${r.errors ? `  wrk errors: ${r.errors}` : ''}`;

const nginx = await startNginx();
const load0 = os.loadavg()[0];
const table = [];
try {
  console.log(
    `nginx on ${nginx.url}${PINNED ? ' (CPU 0), clients on CPU 1' : ' (not pinned)'}; ${ROUNDS} rounds x ${SECONDS}s per client and connection count; client ${CLIENT}`,
  );
  for (const connections of LEVELS) {
    const perfgate = startPerfgate(LOADGEN);
    try {
      const w = workload({ connections, seconds: SECONDS, client: CLIENT });
      // Warm both up (JIT, nginx's connection pool); not counted.
      runWrk(nginx.url, connections, 1);
      await perfgate.run(nginx.url, { ...w, durationMs: 1000 });
      const rounds = [];
      for (let round = 1; round <= ROUNDS; round++) {
        const order = round % 2 ? ['perfgate', 'wrk'] : ['wrk', 'perfgate'];
        const got = {};
        for (const tool of order) {
          got[tool] =
            tool === 'wrk'
              ? runWrk(nginx.url, connections, SECONDS)
              : await perfgate.run(nginx.url, w);
          console.log(
            `${String(connections).padStart(5)} conns, round ${round}: ${line(tool, got[tool])}`,
          );
        }
        rounds.push(got);
      }
      const ratios = (key) => rounds.map((g) => g.perfgate[key] / g.wrk[key]);
      const summary = (key) => {
        const r = ratios(key);
        return `${fmt(median(r))} (${fmt(Math.min(...r))}-${fmt(Math.max(...r))})`;
      };
      table.push({
        connections,
        reqPerSec: summary('reqPerSec'),
        cpu: summary('cpuUsPerRequest'),
        cpuUs: `${fmt(median(rounds.map((g) => g.perfgate.cpuUsPerRequest)), 1)} / ${fmt(median(rounds.map((g) => g.wrk.cpuUsPerRequest)), 1)}`,
        memory: `${mb(Math.max(...rounds.map((g) => g.perfgate.peakRssBytes)))} / ${mb(Math.max(...rounds.map((g) => g.wrk.peakRssBytes)))}`,
        wrkRps: median(rounds.map((g) => g.wrk.reqPerSec)).toFixed(0),
      });
    } finally {
      await perfgate.close();
    }
  }
} finally {
  await nginx.stop();
}
console.log(
  '\n| connections | req/s ratio | CPU/request ratio | CPU µs/request perfgate / wrk | peak MB perfgate / wrk | wrk req/s |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of table) {
  console.log(
    `| ${r.connections} | ${r.reqPerSec} | ${r.cpu} | ${r.cpuUs} | ${r.memory} | ${r.wrkRps} |`,
  );
}
console.log(
  `\nratios perfgate/wrk: median over ${ROUNDS} interleaved rounds (min-max). Load average ${load0.toFixed(1)} before, ${os.loadavg()[0].toFixed(1)} after, on ${os.availableParallelism()} CPUs${os.loadavg()[0] > 1 ? ': other processes shared these CPUs, figures are noisy' : ''}.`,
);
