// `npm run bench:sampler`: the CPU one memory sample of a server's process tree costs, the
// periodic sample (TrackedTree.sample(), which rescans /proc once in FULL_SCAN_EVERY calls)
// against a full rescan at every call (refresh(), what every sample did before), interleaved in
// rounds so that a busy machine's noise hits both alike. The tree is the fixture server with a
// forked child; the cost of a rescan grows with the number of processes on the machine, printed
// with the figures. A server is sampled every 100 ms while it is measured.
import { spawn } from 'node:child_process';
import { listProcesses, TrackedTree } from '../src/server/process-tree.ts';

const ROUNDS = 21;
const CALLS = 200;
const SAMPLE_MS = 100;

const server = spawn(process.execPath, ['fixtures/server.mjs'], {
  env: { ...process.env, PORT: '0', FORK_CHILD: '1' },
  detached: true,
  stdio: 'ignore',
});
await new Promise((r) => setTimeout(r, 1_000));
const pid = server.pid as number;

/** CPU time of this process per call of `fn`, in microseconds. */
function cpuPerCall(fn: () => unknown): number {
  const start = process.cpuUsage();
  for (let i = 0; i < CALLS; i++) fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / CALLS;
}

const full = new TrackedTree(pid);
const periodic = new TrackedTree(pid);
const fullUs: number[] = [];
const periodicUs: number[] = [];
try {
  for (let round = 0; round < ROUNDS; round++) {
    fullUs.push(cpuPerCall(() => full.refresh()));
    periodicUs.push(cpuPerCall(() => periodic.sample()));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const tracked = full.refresh().length;
  const share = (us: number) => `${((us / (SAMPLE_MS * 1000)) * 100).toFixed(2)}% of a core`;
  const f = median(fullUs);
  const p = median(periodicUs);
  console.log(
    `machine: ${listProcesses().length} processes; tree: ${tracked} processes; ${ROUNDS} rounds of ${CALLS} calls`,
  );
  console.log(
    `full rescan per sample   median ${f.toFixed(0)} µs (${share(f)} at one per ${SAMPLE_MS} ms)`,
  );
  console.log(
    `periodic sample          median ${p.toFixed(0)} µs (${share(p)} at one per ${SAMPLE_MS} ms)`,
  );
  console.log(`ratio periodic / full    ${(p / f).toFixed(2)}`);
} finally {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // the fixture already exited (it could not listen): nothing left to stop
  }
}
