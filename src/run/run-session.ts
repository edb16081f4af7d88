import path from 'node:path';
import type { ResolvedConfig, ResolvedServer, ResolvedWorkload } from '../config/resolve.ts';
import type { RunningServer } from '../server/types.ts';
import { describeExit, exitHint } from '../server/exit-info.ts';
import { serverFailure } from '../server/server-failure.ts';
import { ServerError } from '../server/types.ts';
import type { WorkloadResult } from '../record/record.ts';
import type { RestartPolicy, WorkloadProgress } from './schedule.ts';
import { isCheckpoint, isDone, nextIsWarmup, nextRound, targetKeptRuns } from './schedule.ts';
import { measureRun } from './measure-run.ts';
import type { SamplingJudge, SessionDeps, SessionEvent } from './session-deps.ts';
import { createRng, shuffle } from '../stats/random.ts';
import { warnIfBehindRate, warnIfDuetSaturated, warnIfSaturated } from './session-warnings.ts';

/** One build under test: its label and how to start its server. */
export interface SessionSide {
  label: string;
  server: ResolvedServer;
  /**
   * The build this session's build is compared with (the base): the sampling judge gets its
   * kept runs as the partner of the others'.
   */
  partner?: boolean;
  /** CPUs for the load generator while it measures this side; default the config's load.cpus. */
  loadCpus?: string | null;
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
  /** Rows of each workload's data file, by workload name. */
  data?: Record<string, Record<string, string>[]>;
  /**
   * With two or more builds: measure the runs of a round at the same time, each side with its
   * own load (gate.pairing: duet), instead of one after the other in a shuffled order.
   */
  duet?: boolean;
}

/** Server state of one side. */
class SideServer {
  private server: RunningServer | null = null;
  private servedWorkload: number | null = null;
  private started = 0;

  constructor(
    readonly side: SessionSide,
    private readonly deps: SessionDeps,
    private readonly options: SessionOptions,
  ) {}

  /** The running server for workload `wi`, started (or restarted) as the policy says. */
  async for(wi: number, workloadName: string): Promise<RunningServer> {
    const policy = this.options.restart;
    const fresh = policy === 'per-run' || (policy === 'per-workload' && this.servedWorkload !== wi);
    if (this.server && !fresh) {
      const exit = this.server.exitInfo();
      if (exit === null) return this.server;
      throw serverFailure(
        `${this.name()}exited between runs (${describeExit(exit)})${exitHint(exit)}`,
        this.server,
      );
    }
    await this.stop();
    this.started += 1;
    const label = this.side.label ? `${this.side.label}-` : '';
    this.options.onEvent?.({
      type: 'server-start',
      workload: policy === 'never' ? null : workloadName,
      side: this.side.label || undefined,
      ...(this.side.server.command === null ? { running: this.side.server.url } : {}),
    });
    const logFile = path.join(this.options.logDir, `server-${label}${this.started}.log`);
    this.server = await this.deps.startServer(this.side.server, {
      logFile,
      signal: this.options.signal,
    });
    this.servedWorkload = wi;
    return this.server;
  }

  name(): string {
    return this.side.label ? `the ${this.side.label} server ` : 'the server ';
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) await s.stop();
  }
}

/** One build of the session: how to start it, its server, and its results per workload. */
interface SideState {
  side: SessionSide;
  server: SideServer;
  /** One result per workload, in the order of the config's workloads. */
  results: WorkloadResult[];
}

/** One workload of the session: its progress, and its result on every side. */
interface WorkloadState {
  /** Position in the config (a server is restarted per workload by it). */
  index: number;
  workload: ResolvedWorkload;
  progress: WorkloadProgress;
  startedAt: number;
  sides: { state: SideState; result: WorkloadResult }[];
}

/**
 * Runs every workload against one or more builds. Runs come in rounds: each round shuffles the
 * workloads (seeded) and, with two builds, makes one run of each build in a shuffled order, so
 * drift and shared noise fall on both alike; kept runs then carry a pair index. With
 * `restart: per-workload` each workload's runs form one block instead. Every server is stopped
 * on every path. Returns the results per side, in the order of `sides`.
 */
export async function runSides(
  config: ResolvedConfig,
  sides: SessionSide[],
  deps: SessionDeps,
  options: SessionOptions,
): Promise<WorkloadResult[][]> {
  const { workloads } = config;
  const paired = sides.length > 1;
  const emit = options.onEvent ?? (() => {});
  const rng = createRng(options.seed);
  const sideStates: SideState[] = sides.map((side) => ({
    side,
    server: new SideServer(side, deps, options),
    results: workloads.map((w) => ({ name: w.name, runs: [], warnings: [] })),
  }));
  const states: WorkloadState[] = workloads.map((workload, index) => ({
    index,
    workload,
    progress: { made: 0, stopReason: null },
    startedAt: deps.now(),
    sides: sideStates.flatMap((state) => {
      const result = state.results[index];
      return result ? [{ state, result }] : [];
    }),
  }));
  emit({
    type: 'session-plan',
    workloads: workloads.map((w) => ({
      name: w.name,
      runs: (w.warmup + targetKeptRuns(w)) * sides.length,
      runMs: w.requests === null ? w.durationMs : null,
    })),
  });
  // The load process starts while the servers do.
  // In a duet every side's load runs at once: one load process for each.
  const loadCpus = sides.map((s) => s.loadCpus ?? config.loadCpus);
  for (const cpus of new Set(loadCpus)) {
    const count = paired && options.duet ? loadCpus.filter((c) => c === cpus).length : 1;
    deps.load.prepare?.(workloads, cpus, count);
  }

  /** One run of one side: started, measured, recorded. */
  const runSide = async (
    ws: WorkloadState,
    { state, result }: WorkloadState['sides'][number],
    srv: RunningServer,
    round: number,
  ): Promise<void> => {
    const { workload: w, progress: p } = ws;
    const warmup = nextIsWarmup(w, p);
    const { side, server } = state;
    const tag = side.label || undefined;
    emit({
      type: 'run-start',
      workload: w.name,
      run: p.made + 1,
      of: w.warmup + targetKeptRuns(w),
      warmup,
      round,
      side: tag,
    });
    const sample = await tagSide(
      side,
      measureRun(w, srv, side.loadCpus ?? config.loadCpus, deps, {
        index: p.made,
        round,
        warmup,
        pair: paired && !warmup ? p.made - w.warmup : undefined,
        who: server.name(),
        signal: options.signal,
        data: options.data?.[w.name],
        onProgress: (reqPerSec, elapsedMs) =>
          emit({ type: 'run-progress', workload: w.name, reqPerSec, elapsedMs, side: tag }),
      }),
    );
    result.runs.push(sample);
    emit({ type: 'run-end', workload: w.name, sample, side: tag });
    warnIfSaturated(sample, result, w.name, emit);
    warnIfBehindRate(sample, result, w.name, emit);
  };

  const runRound = async (ws: WorkloadState, round: number): Promise<void> => {
    const { workload: w, progress: p } = ws;
    if (paired && options.duet) {
      // Every server is up (or restarted) before any load starts, so that the runs overlap
      // from their first request; a run that fails still waits for the others to end.
      const servers: RunningServer[] = [];
      for (const s of ws.sides) {
        servers.push(await tagSide(s.state.side, s.state.server.for(ws.index, w.name)));
      }
      await allOrFirstError(
        ws.sides.map((s, i) => runSide(ws, s, servers[i] as RunningServer, round)),
      );
      // Both load processes share the load generator's CPUs only when the sides' pinning agrees.
      if (new Set(loadCpus).size === 1) {
        warnIfDuetSaturated(
          ws.sides.map((s) => s.result),
          w.name,
          emit,
        );
      }
    } else {
      for (const s of shuffle(ws.sides, rng)) {
        const srv = await tagSide(s.state.side, s.state.server.for(ws.index, w.name));
        await runSide(ws, s, srv, round);
      }
    }
    p.made += 1;
    const reason = stopReason(ws, deps.now() - ws.startedAt, options.judge);
    if (reason !== null) {
      p.stopReason = reason;
      for (const s of ws.sides) s.result.stopReason = reason;
    }
  };

  try {
    if (options.restart === 'per-workload') {
      for (const ws of roundOf(states, rng)) {
        for (let round = 0; !isDone(ws.workload, ws.progress); round++) await runRound(ws, round);
      }
    } else {
      for (let round = 0; ; round++) {
        const order = roundOf(states, rng);
        if (order.length === 0) break;
        for (const ws of order) await runRound(ws, round);
      }
    }
  } finally {
    await Promise.allSettled([...sideStates.map((s) => s.server.stop()), deps.load.close?.()]);
  }
  return sideStates.map((s) =>
    s.results.map((r) =>
      r.warnings?.length ? r : { name: r.name, runs: r.runs, stopReason: r.stopReason },
    ),
  );
}

/** The workloads of the next round, in the scheduler's seeded order (schedule.ts). */
function roundOf(states: WorkloadState[], rng: () => number): WorkloadState[] {
  const order = nextRound(
    states.map((s) => s.workload),
    states.map((s) => s.progress),
    rng,
  );
  return order.flatMap((i) => states[i] ?? []);
}

/** Waits for every task, then rethrows the first failure (in the order given), if any. */
async function allOrFirstError(tasks: Promise<void>[]): Promise<void> {
  const settled = await Promise.allSettled(tasks);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
}

/** Marks a server failure with the side it happened on, so a failing base build can be told apart. */
async function tagSide<T>(side: SessionSide, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof ServerError && side.label) err.side = side.label;
    throw err;
  }
}

/** Why sampling of a `runs: auto` workload stops now, or null. */
function stopReason(
  ws: WorkloadState,
  elapsedMs: number,
  judge: SamplingJudge | undefined,
): string | null {
  const { workload: w, progress: p } = ws;
  if (w.runs !== 'auto') return null;
  const kept = ws.sides.map((s) => ({
    partner: s.state.side.partner === true,
    runs: s.result.runs.filter((x) => !x.warmup),
  }));
  const n = Math.min(...kept.map((k) => k.runs.length));
  if (n >= w.maxRuns) return `reached max-runs (${w.maxRuns})`;
  if (elapsedMs >= w.budgetMs && n >= 2)
    return `time budget of ${Math.round(w.budgetMs / 1000)}s used`;
  if (!isCheckpoint(w, p)) return null;
  if (!judge) return `no baseline to compare with: stopped at min-runs (${w.minRuns})`;
  const mine = kept.find((k) => !k.partner)?.runs ?? [];
  const partner = kept.find((k) => k.partner)?.runs;
  return judge(w, mine, partner);
}
