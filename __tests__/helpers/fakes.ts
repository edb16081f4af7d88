// The typed fakes of perfgate's collaborators, in one place: a server, a scripted load runner
// that returns chosen per-run figures, a clock, a baseline store and base builds. With them a
// gate run or a session runs in milliseconds, every branch of it; the real collaborators are
// covered by the integration tests (one end-to-end test per path).
import { stringify } from 'yaml';
import { BaselineStoreError } from '../../src/baseline/store.ts';
import type {
  BaselineStore,
  HistoryEntry,
  LoadedBaseline,
  LoadOptions,
} from '../../src/baseline/store.ts';
import { hashConfig, parseConfig, resolveConfig } from '../../src/config/index.ts';
import type { ResolvedServer, ResolvedWorkload } from '../../src/config/resolve.ts';
import type { LoadedConfig } from '../../src/config/loaded-config.ts';
import type { ConfigOverrides } from '../../src/config/overrides.ts';
import { InputError } from '../../src/errors.ts';
import { applyOverrides } from '../../src/config/overrides.ts';
import type { BaseBuilds } from '../../src/gate/same-runner-step.ts';
import type { GateDeps } from '../../src/gate/run-gate.ts';
import type { LoadResult, LoadRunner, LoadRunOptions, RateDelivery } from '../../src/load/types.ts';
import { LoadError } from '../../src/load/types.ts';
import type { ResultsRecord } from '../../src/record/record.ts';
import type { SessionDeps } from '../../src/run/session-deps.ts';
import type { ExitInfo } from '../../src/server/exit-info.ts';
import type { RunningServer, ServerUsage } from '../../src/server/types.ts';
import { ServerError } from '../../src/server/types.ts';

/** A config from its YAML sections, resolved as loadRunConfig does (no file, no data files). */
export function makeConfig(
  sections: Record<string, unknown> = {},
  overrides: ConfigOverrides = {},
): LoadedConfig {
  const doc = {
    // Wide tolerances and little runner noise: a handful of fake runs can prove "no change".
    thresholds: { throughput: '20%', p50: '20%', p90: '20%', p99: '20%', cpu: '20%', rss: 'off' },
    baseline: { 'runner-noise': '1%' },
    server: {
      command: 'node fake-server.js',
      port: 'auto',
      ready: { url: 'http://127.0.0.1:{{port}}/health' },
    },
    defaults: { connections: 2, duration: '1s', runs: 3, warmup: 1 },
    workloads: [{ name: 'hello', path: '/' }],
    ...sections,
  };
  const parsed = parseConfig(stringify(doc), 'perfgate.yml');
  if (!parsed.ok) throw new Error(`bad test config: ${JSON.stringify(parsed.problems)}`);
  const resolved = resolveConfig(parsed.config, '/fake/repo');
  return applyOverrides({ resolved, hash: hashConfig(resolved), dir: '/fake/repo' }, overrides);
}

/** A clock that moves only when told (and by each fake load run's duration). */
export class FakeClock {
  constructor(public ms = Date.UTC(2026, 0, 1)) {}
  readonly now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** How a fake server behaves. */
export interface FakeServerScript {
  /** CPU milliseconds the server spends per load run; default 50 (0.05 ms a request at 1,000/s). */
  cpuMsPerRun?: number;
  /** The server exits on its own after this many load runs against it. */
  exitAfterRuns?: number;
  /** The server prints nothing (an empty log). */
  silent?: boolean;
}

/** A started server that serves nothing: the scripted load runner decides what it measured. */
export class FakeServer implements RunningServer {
  readonly pid: number;
  readonly logFile: string;
  stopped = false;
  runs = 0;
  private cpuMs = 0;
  private exited: ExitInfo | null = null;

  constructor(
    readonly url: string,
    readonly spec: ResolvedServer,
    options: { logFile: string; pid: number },
    private readonly script: FakeServerScript = {},
  ) {
    this.logFile = options.logFile;
    this.pid = options.pid;
  }

  /** Called by the scripted load runner after each run against this server. */
  served(): void {
    this.runs += 1;
    this.cpuMs += this.script.cpuMsPerRun ?? 50;
    if (this.script.exitAfterRuns !== undefined && this.runs >= this.script.exitAfterRuns)
      this.exited = { code: 1, signal: null };
  }

  async usage(): Promise<ServerUsage> {
    return { measured: true, cpuMs: this.cpuMs, peakRssBytes: 40_000_000 };
  }
  resetPeak(): void {}
  exitInfo(): ExitInfo | null {
    return this.exited;
  }
  logTail(): string {
    return this.script.silent ? '' : `log of ${this.url}`;
  }
  async stop(): Promise<void> {
    this.stopped = true;
  }
  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}

/** Starts fake servers; a server whose working directory is `failIn` fails to start. */
export class FakeServers {
  readonly started: FakeServer[] = [];

  constructor(
    private readonly options: {
      script?: (spec: ResolvedServer) => FakeServerScript;
      /** Servers started in this working directory throw a ServerError (e.g. the base's). */
      failIn?: string;
    } = {},
  ) {}

  readonly start: SessionDeps['startServer'] = async (spec, { logFile }) => {
    if (this.options.failIn !== undefined && spec.cwd === this.options.failIn)
      throw new ServerError(`the server exited before it was ready (exit code 1)`, 'boom');
    const n = this.started.length + 1;
    const server = new FakeServer(
      `http://fake-${spec.cwd.replaceAll('/', '_')}-${n}`,
      spec,
      { logFile, pid: 10_000 + n },
      this.options.script?.(spec),
    );
    this.started.push(server);
    return server;
  };

  /** True when every server started was stopped again. */
  allStopped(): boolean {
    return this.started.every((s) => s.stopped);
  }
}

/** Which run a figure is asked for. */
export interface RunCall {
  workload: string;
  /** The server the run measures. */
  server: FakeServer;
  /** 0-based count of the runs of this workload against servers in this working directory. */
  run: number;
}

/** The figures of one run; unset ones are a healthy 1,000 requests per second. */
export interface RunFigures {
  reqPerSec?: number;
  p50Us?: number;
  p99Us?: number;
  /** Status errors, as a count of the run's responses. */
  statusErrors?: number;
  loadCpu?: number;
  elapsedMs?: number;
  /** Turns of the event loop the run takes (default 1), so that runs can overlap. */
  turns?: number;
  /** The run fails with this message (a LoadError), after its turns. */
  fail?: string;
  /** An open-model run's delivery of its rate (default: none, a closed-model run). */
  rate?: RateDelivery;
}

/** A load runner that measures nothing: each run returns the figures `script` chooses. */
export class ScriptedLoad implements LoadRunner {
  readonly calls: RunCall[] = [];
  /** Load processes asked for ahead of the first run: (cpus, count) per call of prepare. */
  readonly prepared: { cpus: string | null; count: number }[] = [];
  /** The most runs in progress at once (2 when the sides of a duet overlap). */
  maxInFlight = 0;
  /** Runs in progress now. */
  inFlight = 0;
  closed = false;
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly servers: FakeServers,
    private readonly script: (call: RunCall) => RunFigures = () => ({}),
    private readonly clock?: FakeClock,
  ) {}

  async run(w: ResolvedWorkload, o: LoadRunOptions): Promise<LoadResult> {
    const server = this.servers.started.find((s) => s.url === o.baseUrl);
    if (!server) throw new Error(`scripted load: no fake server at ${o.baseUrl}`);
    const key = `${w.name}@${server.spec.cwd}`;
    const run = this.counts.get(key) ?? 0;
    this.counts.set(key, run + 1);
    const call = { workload: w.name, server, run };
    this.calls.push(call);
    const f = this.script(call);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    // A run takes turns of the event loop, as a real one does, so runs can overlap.
    for (let i = 0; i < (f.turns ?? 1); i++) await new Promise((r) => setImmediate(r));
    this.inFlight -= 1;
    if (f.fail) throw new LoadError(f.fail);
    const elapsedMs = f.elapsedMs ?? 1000;
    this.clock?.advance(elapsedMs);
    server.served();
    const reqPerSec = f.reqPerSec ?? 1000;
    const requests = Math.round((reqPerSec * elapsedMs) / 1000) + (f.statusErrors ?? 0);
    const p50 = f.p50Us ?? 1000;
    const latency = { mean: p50 * 1.1, p50, p90: p50 * 2, p99: f.p99Us ?? p50 * 3, max: p50 * 6 };
    o.onProgress?.({ elapsedMs, requests, reqPerSec });
    return {
      requests,
      elapsedMs,
      reqPerSec,
      bytesPerSec: reqPerSec * 100,
      latencyUs: latency,
      latencyBasis: 'corrected',
      serviceLatencyUs: latency,
      rate: f.rate ?? null,
      errors: {
        connection: 0,
        timeout: 0,
        status: f.statusErrors ?? 0,
        body: 0,
        protocol: 0,
        incomplete: 0,
      },
      loadCpu: f.loadCpu ?? 0.3,
      statusCounts: { '200': requests - (f.statusErrors ?? 0) },
    };
  }

  async setup(): Promise<Record<string, string>> {
    return {};
  }

  prepare(_workloads: ResolvedWorkload[], cpus: string | null, count = 1): void {
    this.prepared.push({ cpus, count });
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

/** A baseline store in memory; `failures` make it fail as a broken store does. */
export class MemoryStore implements BaselineStore {
  readonly description = 'the test store';
  readonly records: ResultsRecord[] = [];
  loads: LoadOptions[] = [];

  /**
   * `failures.load`: true throws the error of an unreadable store; an error is thrown as it is.
   * `loadWarnings`: passed to the loader's onWarning before it reads, as a store that skips a
   * record does.
   */
  constructor(
    initial: ResultsRecord[] = [],
    private readonly failures: { save?: boolean; load?: boolean | Error } = {},
    private readonly loadWarnings: string[] = [],
  ) {
    this.records.push(...initial);
  }

  async load(configHash: string, options: LoadOptions = {}): Promise<LoadedBaseline | null> {
    this.loads.push(options);
    this.loadWarnings.forEach((w) => options.onWarning?.(w));
    if (this.failures.load instanceof Error) throw this.failures.load;
    if (this.failures.load) throw new BaselineStoreError('the test store cannot be read');
    const mine = this.records
      .map((record, i) => ({ record, path: `records/${i}.json` }))
      .filter((s) => s.record.configHash === configHash)
      .reverse()
      .slice(0, options.pool ?? 1);
    const [newest] = mine;
    if (!newest) return null;
    return {
      ...newest,
      records: mine,
      warnings: [],
      configMismatch: false,
      machineMismatch: false,
    };
  }

  async save(record: ResultsRecord): Promise<{ path: string }> {
    if (this.failures.save) throw new BaselineStoreError('the test store is read-only');
    this.records.push(record);
    return { path: `records/${this.records.length - 1}.json` };
  }

  async history(): Promise<HistoryEntry[]> {
    return [];
  }

  async prune(): Promise<{ removed: string[] }> {
    return { removed: [] };
  }
}

/** The directory the fake base build's server runs in. */
export const FAKE_BASE_DIR = '/fake/base';

/** Base builds without git: the base is a commit that always exists, unless told otherwise. */
export class FakeBaseBuilds implements BaseBuilds {
  removed = 0;
  prepared = 0;

  constructor(
    private readonly options: { missing?: boolean; buildFails?: boolean; sha?: string } = {},
  ) {}

  private get sha(): string {
    return this.options.sha ?? 'ba5e0000000000000000000000000000000000aa';
  }

  async resolve(): Promise<{ sha: string }> {
    if (this.options.missing)
      throw new InputError('the base ref "nope" is not a commit of this repository');
    return { sha: this.sha };
  }

  readonly prepare: BaseBuilds['prepare'] = async (config, _spec, onCheckout) => {
    this.prepared += 1;
    const checkout = {
      sha: this.sha,
      dir: FAKE_BASE_DIR,
      remove: async () => {
        this.removed += 1;
      },
    };
    onCheckout?.(checkout, config.resolved.server.build);
    if (this.options.buildFails)
      throw new ServerError('the build command of the base commit failed (exit code 2)', 'tail');
    return {
      server: { ...config.resolved.server, cwd: FAKE_BASE_DIR },
      commit: { sha: this.sha, ref: null, dirty: false },
      checkout,
    };
  };
}

/** Everything a fake gate run needs, wired together. */
export interface FakeWorld {
  servers: FakeServers;
  load: ScriptedLoad;
  clock: FakeClock;
  builds: FakeBaseBuilds;
  deps: GateDeps;
}

/** Fake servers, a scripted load, a clock and base builds, as the gate's collaborators. */
export function fakeWorld(
  script: (call: RunCall) => RunFigures = () => ({}),
  options: {
    servers?: ConstructorParameters<typeof FakeServers>[0];
    builds?: ConstructorParameters<typeof FakeBaseBuilds>[0];
  } = {},
): FakeWorld {
  const clock = new FakeClock();
  const servers = new FakeServers(options.servers);
  const load = new ScriptedLoad(servers, script, clock);
  const builds = new FakeBaseBuilds(options.builds);
  return {
    servers,
    load,
    clock,
    builds,
    deps: { startServer: servers.start, load, now: clock.now, builds },
  };
}

/** True when the run measured the base build's server. */
export function isBase(call: RunCall): boolean {
  return call.server.spec.cwd === FAKE_BASE_DIR;
}
