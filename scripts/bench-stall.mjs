// `npm run bench:stall`: does a server stall show in the gated p99? nginx (one worker, CPU 0) is
// frozen for 1 s (SIGSTOP, then SIGCONT) in the middle of a 10 s run, measured by wrk (which
// corrects its closed-model histogram for coordinated omission), by perfgate's closed model
// (corrected p99, the gated figure, and the raw service-time p99) and by perfgate's open model
// (rate: 2000, timed from when each request was due). Rounds interleaved. The goal: perfgate's
// gated p99 within 10% of wrk's, in both models.
// Needs `npm run build`, nginx and wrk (Debian/Ubuntu: `sudo apt-get install -y nginx wrk`).
// Options (environment): ROUNDS (2), CONNECTIONS (50), RATE (2000), LOADGEN (dist/loadgen.js).
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { median, runWrkAsync, startPerfgate, workload } from './lib/bench-clients.mjs';
import { requireTools, startNginx } from './lib/bench-nginx.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const RATE = Number(process.env.RATE ?? 2000);
const SECONDS = 10;
const LOADGEN = path.resolve(process.env.LOADGEN ?? path.join(root, 'dist', 'loadgen.js'));
if (!existsSync(LOADGEN)) {
  console.error(`${LOADGEN} not found: run \`npm run build\` first`);
  process.exit(2);
}
requireTools(['nginx', 'wrk']);

/** Freezes the nginx worker from 4 s to 5 s after now. */
async function stall(pid) {
  await sleep(4000);
  process.kill(pid, 'SIGSTOP');
  await sleep(1000);
  process.kill(pid, 'SIGCONT');
}

const ms = (us) => `${(us / 1000).toFixed(1)} ms`;
const nginx = await startNginx();
const perfgate = startPerfgate(LOADGEN);
const rows = [];
try {
  await perfgate.run(nginx.url, workload({ connections: CONNECTIONS, seconds: 1 })); // warm-up
  console.log(
    `nginx ${nginx.url}, worker ${nginx.worker} frozen 4-5 s into each ${SECONDS} s run; ${CONNECTIONS} connections; open model at ${RATE} req/s`,
  );
  for (let round = 1; round <= ROUNDS; round++) {
    const row = {};
    const tools = ['wrk', 'closed', 'open'];
    if (round % 2 === 0) tools.reverse();
    for (const tool of tools) {
      const frozen = stall(nginx.worker);
      if (tool === 'wrk') row.wrk = (await runWrkAsync(nginx.url, CONNECTIONS, SECONDS)).p99;
      else {
        const w = workload({
          connections: CONNECTIONS,
          seconds: SECONDS,
          rate: tool === 'open' ? RATE : null,
        });
        const r = await perfgate.run(nginx.url, w);
        row[tool] = r.p99;
        if (tool === 'closed') row.service = r.serviceP99;
        if (tool === 'open') row.achieved = r.rate?.achieved;
      }
      await frozen;
    }
    rows.push(row);
    console.log(
      `round ${round}: wrk p99 ${ms(row.wrk)}; perfgate closed p99 ${ms(row.closed)} (service time ${ms(row.service)}); open p99 ${ms(row.open)} (sent ${row.achieved?.toFixed(0)} req/s)`,
    );
  }
} finally {
  await perfgate.close();
  await nginx.stop();
}
const ratio = (k) => rows.map((r) => r[k] / r.wrk);
const show = (k) => {
  const r = ratio(k);
  const ok = r.every((x) => Math.abs(x - 1) <= 0.1);
  return `${median(r).toFixed(3)} (${Math.min(...r).toFixed(3)}-${Math.max(...r).toFixed(3)}) ${ok ? 'within 10%' : 'NOT within 10%'}`;
};
console.log('\n| p99 with a 1 s stall | median | perfgate / wrk (range) |');
console.log('| --- | ---: | ---: |');
console.log(`| wrk (corrected) | ${ms(median(rows.map((r) => r.wrk)))} | |`);
console.log(
  `| perfgate closed, corrected (gated) | ${ms(median(rows.map((r) => r.closed)))} | ${show('closed')} |`,
);
console.log(
  `| perfgate closed, service time | ${ms(median(rows.map((r) => r.service)))} | ${median(ratio('service')).toFixed(3)} |`,
);
console.log(
  `| perfgate open, rate ${RATE} | ${ms(median(rows.map((r) => r.open)))} | ${show('open')} |`,
);
console.log(`\nload average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} CPUs`);
