// The two clients of the load-client benchmarks, each measured the same way: requests, req/s,
// latency percentiles, CPU time of the whole process per request, and peak resident memory.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pin } from './bench-nginx.mjs';

const TICK_US = 1e6 / 100; // /proc/<pid>/stat counts CPU in clock ticks (USER_HZ, 100 on Linux)

/**
 * User + system CPU of a process and of its children it has waited for, in µs, from /proc: the
 * load process runs the C client as a child per run, reaped before the run's result is sent.
 */
function cpuUs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * TICK_US;
}

/** Peak resident memory of a process in bytes (VmHWM), from /proc. */
function peakRss(pid) {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

/**
 * perfgate's load process (the bundle, driven over IPC as the LoadRunner drives it), on CPU 1.
 * One process runs many jobs, as in a session; `close()` ends it.
 */
export function startPerfgate(loadgen) {
  const [cmd, args] = pin(1, process.execPath, [loadgen]);
  const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const run = (url, workload) =>
    new Promise((resolve, reject) => {
      const cpu0 = cpuUs(child.pid);
      const onMessage = (m) => {
        if (m.type === 'progress') return;
        child.off('message', onMessage);
        if (m.type === 'error') return reject(new Error(m.message));
        const r = m.result;
        resolve({
          requests: r.requests,
          reqPerSec: r.reqPerSec,
          p50: r.latencyUs.p50,
          p99: r.latencyUs.p99,
          serviceP99: r.serviceLatencyUs?.p99 ?? NaN,
          cpuUsPerRequest: (cpuUs(child.pid) - cpu0) / Math.max(1, r.requests),
          // The load process and, when it ran the run, the C client it started (an upper bound:
          // the two peaks may not coincide).
          peakRssBytes: peakRss(child.pid) + (r.clientPeakRssBytes ?? 0),
          rate: r.rate,
        });
      };
      child.on('message', onMessage);
      child.send({ type: 'job', job: { workload, baseUrl: url, vars: {} } });
    });
  const close = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', resolve);
      child.disconnect();
    });
  return { run, close, pid: child.pid };
}

/** A closed-model workload as the config would resolve it. */
export function workload(o) {
  return {
    name: 'bench',
    steps: [{ method: 'GET', path: '/' }],
    setup: [],
    connections: o.connections,
    pipelining: 1,
    durationMs: o.seconds * 1000,
    requests: null,
    rate: o.rate ?? null,
    timeoutMs: 10_000,
    client: o.client ?? 'auto',
    latency: 'corrected',
    minRateShare: 0.95,
  };
}

/** Parses "1.23ms" / "456.00us" / "1.01s" into microseconds. */
function toUs(text) {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(text ?? '');
  if (!m) return NaN;
  return Number(m[1]) * { us: 1, ms: 1000, s: 1e6, m: 6e7 }[m[2]];
}

/** One run of wrk (one thread) on CPU 1, timed by /usr/bin/time for CPU and peak memory. */
export function runWrk(url, connections, seconds) {
  const [cmd, args] = wrkCommand(url, connections, seconds);
  return parseWrk(spawnSync(cmd, args, { encoding: 'utf8' }));
}

/** runWrk without blocking this process (so it can do something during the run). */
export function runWrkAsync(url, connections, seconds) {
  const [cmd, args] = wrkCommand(url, connections, seconds);
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on('close', (status) => {
      try {
        resolve(parseWrk({ status, stdout, stderr }));
      } catch (err) {
        reject(err);
      }
    });
  });
}

function wrkCommand(url, connections, seconds) {
  const wrk = ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', url + '/'];
  return pin(1, '/usr/bin/time', ['-f', 'TIME %U %S %M', 'wrk', ...wrk]);
}

function parseWrk(r) {
  if (r.status !== 0) throw new Error(`wrk failed: ${r.stderr || r.stdout}`);
  const t = /TIME ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr);
  const requests = Number(/(\d+) requests in/.exec(r.stdout)?.[1]);
  const pct = (p) => toUs(new RegExp(`^\\s+${p}%\\s+(\\S+)`, 'm').exec(r.stdout)?.[1]);
  const errors = /Socket errors: (.*)/.exec(r.stdout)?.[1] ?? null;
  return {
    requests,
    reqPerSec: Number(/Requests\/sec:\s+([\d.]+)/.exec(r.stdout)?.[1]),
    p50: pct(50),
    p99: pct(99),
    cpuUsPerRequest: t ? ((Number(t[1]) + Number(t[2])) * 1e6) / Math.max(1, requests) : NaN,
    peakRssBytes: t ? Number(t[3]) * 1024 : NaN,
    errors,
  };
}

/** Median of numbers. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
