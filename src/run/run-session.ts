import path from 'node:path';
import type { ResolvedConfig, ResolvedWorkload } from '../config/resolve.ts';
import type { LoadRunner } from '../load/types.ts';
import type { RunningServer } from '../server/types.ts';
import { ServerError } from '../server/types.ts';
import type { RunSample, WorkloadResult } from './record.ts';
import type { RestartPolicy, WorkloadProgress } from './schedule.ts';
import { isCheckpoint, isDone, nextIsWarmup, nextRound, seededRandom, targetKeptRuns } from './schedule.ts';
import { buildSample } from './sample.ts';

/** Progress events for a terminal or a log. */
export type SessionEvent =
  | { type: 'server-start'; workload: string | null }
  | { type: 'run-start'; workload: string; run: number; of: number; warmup: boolean; round: number }
  | { type: 'run-progress'; workload: string; reqPerSec: number; elapsedMs: number }
  | { type: 'run-end'; workload: string; sample: RunSample }
  | { type: 'warning'; workload: string | null; message: string };

/** Asked at checkpoints of `runs: auto`; returns a stop reason, or null to keep sampling. */
export type SamplingJudge = (workload: ResolvedWorkload, kept: RunSample[]) => string | null;

/** Collaborators of a session, passed in so tests can use real fakes. */
export interface SessionDeps {
  startServer: (
    spec: ResolvedConfig['server'],
    options: { logFile: string; signal?: AbortSignal },
  ) => Promise<RunningServer>;
  load: LoadRunner;
  now: () => number;
}

/** Options of one session. */
export interface SessionOptions {
  seed: number;
  restart: RestartPolicy;
  /** Folder for server logs. */
  logDir: string;
  onEvent?: (e: SessionEvent) => void;
  judge?: SamplingJudge;
  signal?: AbortSignal;
}

/** Runs every workload of the config; returns the per-workload results. Servers are always stopped. */
export async function runSession(
  config: ResolvedConfig,
  deps: SessionDeps,
  options: SessionOptions,
): Promise<WorkloadResult[]> {
  const { workloads } = config;
  const emit = options.onEvent ?? (() => {});
  const progress: WorkloadProgress[] = workloads.map(() => ({ made: 0, stopReason: null }));
  const results: WorkloadResult[] = workloads.map((w) => ({ name: w.name, runs: [], warnings: [] }));
  const startedAt = workloads.map(() => deps.now());
  const rng = seededRandom(options.seed);
  let server: RunningServer | null = null;
  let serverFor: number | null = null;
  let serverCount = 0;

  const ensureServer = async (wi: number, fresh: boolean): Promise<RunningServer> => {
    if (server && !fresh) {
      const exit = server.exitInfo();
      if (exit === null) return server;
      throw new ServerError(`the server exited between runs (${describeExit(exit)})`, server.logTail());
    }
    if (server) await server.stop();
    server = null;
    serverCount += 1;
    emit({ type: 'server-start', workload: options.restart === 'never' ? null : (workloads[wi]?.name ?? null) });
    const logFile = path.join(options.logDir, `server-${serverCount}.log`);
    server = await deps.startServer(config.server, { logFile, signal: options.signal });
    serverFor = wi;
    return server;
  };

  const runOne = async (wi: number, round: number): Promise<void> => {
    const w = workloads[wi] as ResolvedWorkload;
    const p = progress[wi] as WorkloadProgress;
    const fresh = options.restart === 'per-run' || (options.restart === 'per-workload' && serverFor !== wi);
    const srv = await ensureServer(wi, fresh);
    const warmup = nextIsWarmup(w, p);
    emit({ type: 'run-start', workload: w.name, run: p.made + 1, of: w.warmup + targetKeptRuns(w), warmup, round });
    const sample = await measureRun(w, srv, config, deps, {
      index: p.made,
      round,
      warmup,
      signal: options.signal,
      onProgress: (reqPerSec, elapsedMs) => emit({ type: 'run-progress', workload: w.name, reqPerSec, elapsedMs }),
    });
    const result = results[wi] as WorkloadResult;
    result.runs.push(sample);
    p.made += 1;
    emit({ type: 'run-end', workload: w.name, sample });
    if (sample.loadCpu > 0.9) {
      const message = `load generator used ${(sample.loadCpu * 100).toFixed(0)}% of a core: the numbers may describe the client, not the server (pin it with load.cpus, or lower connections)`;
      if (!result.warnings?.includes(message)) result.warnings?.push(message);
      emit({ type: 'warning', workload: w.name, message });
    }
    afterRun(w, p, result, deps.now() - (startedAt[wi] as number), options.judge);
  };

  try {
    if (options.restart === 'per-workload') {
      // One server per workload: each workload's runs form a block; blocks come in shuffled order.
      const order = nextRound(workloads, progress, rng);
      for (const wi of order) {
        for (let round = 0; !isDone(workloads[wi] as ResolvedWorkload, progress[wi] as WorkloadProgress); round++) {
          await runOne(wi, round);
        }
      }
    } else {
      for (let round = 0; ; round++) {
        const order = nextRound(workloads, progress, rng);
        if (order.length === 0) break;
        for (const wi of order) await runOne(wi, round);
      }
    }
  } finally {
    const s = server as RunningServer | null;
    if (s) await s.stop();
  }
  return results.map((r) => (r.warnings?.length ? r : { name: r.name, runs: r.runs, stopReason: r.stopReason }));
}

function afterRun(
  w: ResolvedWorkload,
  p: WorkloadProgress,
  result: WorkloadResult,
  elapsedMs: number,
  judge: SamplingJudge | undefined,
): void {
  if (w.runs !== 'auto') return;
  const kept = result.runs.filter((r) => !r.warmup);
  let reason: string | null = null;
  if (kept.length >= w.maxRuns) reason = `reached max-runs (${w.maxRuns})`;
  else if (elapsedMs >= w.budgetMs && kept.length >= 2) reason = `time budget of ${Math.round(w.budgetMs / 1000)}s used`;
  else if (isCheckpoint(w, p)) reason = judge ? judge(w, kept) : `no baseline to compare with: stopped at min-runs (${w.minRuns})`;
  if (reason !== null) {
    p.stopReason = reason;
    result.stopReason = reason;
  }
}

interface MeasureOptions {
  index: number;
  round: number;
  warmup: boolean;
  signal?: AbortSignal;
  onProgress: (reqPerSec: number, elapsedMs: number) => void;
}

/** One run: setup requests, then measured load, with the server tree's CPU and memory around it. */
async function measureRun(
  w: ResolvedWorkload,
  server: RunningServer,
  config: ResolvedConfig,
  deps: SessionDeps,
  o: MeasureOptions,
): Promise<RunSample> {
  const base = { baseUrl: server.url, cpus: config.loadCpus, signal: o.signal };
  const vars = w.setup.length > 0 ? await deps.load.setup(w, base) : {};
  server.resetPeak();
  const before = await server.usage();
  const startedAt = new Date(deps.now()).toISOString();
  const load = await deps.load.run(w, { ...base, vars, onProgress: (p) => o.onProgress(p.reqPerSec, p.elapsedMs) });
  const after = await server.usage();
  const exit = server.exitInfo();
  if (exit !== null) {
    const what = `the server exited during run ${o.index + 1} of "${w.name}" (${describeExit(exit)})`;
    throw new ServerError(what, server.logTail());
  }
  return buildSample(load, { before, after }, { index: o.index, round: o.round, warmup: o.warmup, startedAt });
}

function describeExit(exit: { code: number | null; signal: string | null }): string {
  return exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
}
