// The C client (load-client.c): the built-in client's rules for the plainest and most common
// workload, one fixed request in a closed loop over keep-alive connections, at the cost per
// request of a C client (see `npm run bench:loadgen`). perfgate compiles load-client.c with the
// machine's C compiler (`$CC`, else cc, gcc or clang) the first time a run can use it and keeps
// the binary in its cache folder ($PERFGATE_CACHE_DIR, else $XDG_CACHE_HOME/perfgate or
// ~/.cache/perfgate), named after a hash of the source. Without a compiler, on another system
// than Linux (it uses epoll), for a host name that is not an IP address, or with
// PERFGATE_C_CLIENT=0, the built-in client in JavaScript (native-engine.ts) runs the workload
// instead, by the same rules: the two run the same tests (__tests__/load/native-engine.test.ts)
// and their parsers the same differential test against llhttp (parser-vs-llhttp.test.ts).
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { closedModelLatency } from './latency-basis.ts';
import { LatencyRecorder } from './latency-recorder.ts';
import type { LoadJob } from './protocol.ts';
import { isIdempotent, prepareSteps, socketHost } from './request-bytes.ts';
import { newTally, summarize } from './run-tally.ts';
import { LoadError, type LoadProgress, type LoadResult } from './types.ts';

/** load-client.c: beside this module in src/load/, beside the bundle in dist/. */
export function cClientSource(): string {
  return path.join(path.dirname(fileURLToPath(import.meta.url)), 'load-client.c');
}

function cacheDir(env: NodeJS.ProcessEnv): string {
  if (env.PERFGATE_CACHE_DIR) return env.PERFGATE_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'perfgate');
}

/** The compilers tried, in order. */
function compilers(env: NodeJS.ProcessEnv): string[] {
  return env.CC ? [env.CC] : ['cc', 'gcc', 'clang'];
}

/** Where the C client is, or why it cannot be had. */
export type CClientLookup = { binary: string } | { unavailable: string };

/**
 * The compiled C client for `env`, compiling it when the cache has none; or why it cannot be
 * had here (not Linux, PERFGATE_C_CLIENT=0, no compiler that builds it).
 */
export function findCClient(env: NodeJS.ProcessEnv): CClientLookup {
  if (process.platform !== 'linux') {
    return { unavailable: `the C client needs Linux (epoll); this is ${process.platform}` };
  }
  if (env.PERFGATE_C_CLIENT === '0') return { unavailable: 'PERFGATE_C_CLIENT=0' };
  const file = cClientSource();
  let source: Buffer;
  try {
    source = readFileSync(file);
  } catch {
    return { unavailable: `${file} is missing` };
  }
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const dir = cacheDir(env);
  const target = path.join(dir, `load-client-${hash}-${process.arch}`);
  if (existsSync(target)) return { binary: target };
  const failures: string[] = [];
  for (const cc of compilers(env)) {
    // Built under a name of its own, then renamed: processes compiling at once never see half
    // a binary.
    const partial = `${target}.${process.pid}.partial`;
    try {
      mkdirSync(dir, { recursive: true });
      execFileSync(cc, ['-O2', '-o', partial, file], { stdio: 'pipe', timeout: 120_000 });
      chmodSync(partial, 0o755);
      renameSync(partial, target);
      return { binary: target };
    } catch (err) {
      rmSync(partial, { force: true });
      const e = err as NodeJS.ErrnoException & { stderr?: Buffer };
      const why = e.code === 'ENOENT' ? 'not found' : String(e.stderr ?? e.message).trim();
      failures.push(`${cc}: ${why.slice(0, 300)}`);
    }
  }
  return { unavailable: `no C compiler could build ${file} (${failures.join('; ')})` };
}

let found: CClientLookup | undefined;

/** The C client of this process (looked for once), or null when it cannot be had. */
export function cClientBinary(): string | null {
  found ??= findCClient(process.env);
  return 'binary' in found ? found.binary : null;
}

/** The one request of a job the C client can run. */
export interface CClientRequest {
  bytes: Buffer;
  /** The IP address to connect to, and the port. */
  address: string;
  port: number;
  /** A HEAD request (its responses have no body). */
  isHead: boolean;
  /** Its method is idempotent: sent again once when a kept-alive connection drops it. */
  resend: boolean;
}

/**
 * The request when the C client can run `job` (one step, the same bytes every time, no checks
 * or captures, no think time or stages, an IP address to connect to), else null. The caller
 * has made sure the job is for the built-in client (nativeEngineFits).
 */
export function cClientRequest(job: LoadJob): CClientRequest | null {
  const w = job.workload;
  if (w.steps.length !== 1 || (w.thinkMs ?? 0) > 0 || w.stages) return null;
  const spec = w.steps[0];
  if (!spec || spec.expect !== undefined || spec.capture !== undefined) return null;
  const base = new URL(job.baseUrl);
  const address = socketHost(base);
  if (net.isIP(address) === 0) return null;
  const prefix = base.pathname.replace(/\/+$/, '');
  const [step] = prepareSteps(w.steps, prefix, base.host);
  if (!step?.fixed) return null;
  return {
    bytes: step.fixed,
    address,
    port: Number(base.port || 80),
    isHead: step.isHead,
    resend: isIdempotent(step.parts.method),
  };
}

/** What the C client printed at the end of a run. */
interface Parsed {
  elapsedNs: number;
  cpuUs: number;
  maxRssKb: number;
  responses: number;
  bytes: number;
  errors: Record<string, number>;
  status: [number, number][];
  maxUs: number;
  buckets: [number, number][];
  ended: boolean;
}

function parseLine(line: string, p: Parsed): void {
  const [key, a = '', b = ''] = line.split(' ');
  const n = Number(a);
  if (key === 'elapsed_ns') p.elapsedNs = n;
  else if (key === 'cpu_us') p.cpuUs = n;
  else if (key === 'maxrss_kb') p.maxRssKb = n;
  else if (key === 'responses') p.responses = n;
  else if (key === 'bytes') p.bytes = n;
  else if (key === 'error') p.errors[a] = Number(b);
  else if (key === 'status') p.status.push([n, Number(b)]);
  else if (key === 'max_us') p.maxUs = n;
  else if (key === 'hist') p.buckets.push([n, Number(b)]);
  else if (key === 'end') p.ended = true;
}

function toResult(job: LoadJob, p: Parsed, connections: number): LoadResult {
  const tally = newTally();
  tally.responses = p.responses;
  tally.bytes = p.bytes;
  for (const [code, count] of p.status) tally.statusCounts[code] = count;
  for (const kind of Object.keys(tally.errors) as (keyof typeof tally.errors)[]) {
    tally.errors[kind] = p.errors[kind] ?? 0;
  }
  const latency = LatencyRecorder.fromBuckets(p.buckets, p.maxUs);
  const windowMs = p.elapsedNs / 1e6;
  const fields = closedModelLatency(job.workload, latency, windowMs, connections);
  const result = summarize(tally, latency, windowMs, { user: p.cpuUs, system: 0 }, fields);
  return { ...result, clientPeakRssBytes: p.maxRssKb * 1024 };
}

/**
 * Runs one measured run of `job` with the C client at `binary`; `request` is what
 * cClientRequest gave. Same contract as runNativeLoadJob.
 */
export function runCClient(
  job: LoadJob,
  binary: string,
  request: CClientRequest,
  onProgress: (p: LoadProgress) => void = () => {},
): Promise<LoadResult> {
  const w = job.workload;
  const timed = w.requests === null;
  const connections = timed ? w.connections : Math.min(w.connections, w.requests as number);
  const args = [
    'run',
    `addr=${request.address}`,
    `port=${request.port}`,
    `connections=${connections}`,
    `duration_ms=${timed ? w.durationMs : 0}`,
    `requests=${timed ? 0 : (w.requests as number)}`,
    `timeout_ms=${w.timeoutMs}`,
    `head=${request.isHead ? 1 : 0}`,
    `resend=${request.resend ? 1 : 0}`,
  ];
  return new Promise<LoadResult>((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const parsed: Parsed = {
      elapsedNs: 0,
      cpuUs: 0,
      maxRssKb: 0,
      responses: 0,
      bytes: 0,
      errors: {},
      status: [],
      maxUs: 0,
      buckets: [],
      ended: false,
    };
    let rest = '';
    let stderr = '';
    let lastTick = 0;
    let lastResponses = 0;
    child.stdout.setEncoding('latin1');
    child.stdout.on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('progress ')) {
          const [, ms = '0', count = '0'] = line.split(' ');
          const elapsedMs = Number(ms);
          const requests = Number(count);
          const reqPerSec = ((requests - lastResponses) * 1000) / Math.max(1, elapsedMs - lastTick);
          onProgress({ elapsedMs, requests, reqPerSec });
          [lastTick, lastResponses] = [elapsedMs, requests];
        } else parseLine(line, parsed);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => (stderr = (stderr + d).slice(-2000)));
    child.on('error', (err) => reject(new LoadError(`the C load client failed: ${err.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0 && parsed.ended) return resolve(toResult(job, parsed, connections));
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      reject(new LoadError(`the C load client ${how}${stderr ? `: ${stderr.trim()}` : ''}`));
    });
    child.stdin.on('error', () => {}); // an early exit is reported by 'close'
    child.stdin.end(request.bytes);
  });
}
