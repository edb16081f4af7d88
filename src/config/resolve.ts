import { GATED_METRICS, type GatedMetric } from './gated-metrics.ts';
import path from 'node:path';
import { LOAD_OPTION_DEFAULTS, SERVER_DEFAULTS, THRESHOLD_DEFAULTS } from './defaults.ts';
import type { ResolvedBaseline, ResolvedGate } from './gate-schema.ts';
import { resolveBaseline, resolveGate } from './gate-schema.ts';
import type { ObjectivesSpec, ParsedConfig, RequestSpec, WorkloadSpec } from './schema.ts';
import {
  mixSteps,
  resolveObjectives,
  resolveStages,
  type ResolvedStages,
} from './resolve-extras.ts';
import { parseDurationMs, parsePercent } from './units.ts';
import type { ShardSpec } from './shard-spec.ts';
import { parseShard } from './shard-spec.ts';

export { GATED_METRICS, type GatedMetric } from './gated-metrics.ts';

/** Tolerance per metric as a fraction; null means the metric is reported but not gated. */
export type Thresholds = Record<GatedMetric, number | null>;

const ms = (text: string): number => parseDurationMs(text) as number;

/** Defaults chosen for a stored (unpaired, possibly cross-machine) baseline: conservative on purpose. */
export const DEFAULT_THRESHOLDS: Thresholds = Object.fromEntries(
  GATED_METRICS.map((m) => {
    const v: string = THRESHOLD_DEFAULTS[m];
    return [m, v === 'off' ? null : (parsePercent(v) as number)];
  }),
) as Thresholds;

/** Load and sampling options of one workload with every default filled in. */
export interface ResolvedLoad {
  connections: number;
  pipelining: number;
  durationMs: number;
  /** When set, a run ends after this many requests instead of after durationMs. */
  requests: number | null;
  /** Open model: total requests per second; null for the closed model. */
  rate: number | null;
  timeoutMs: number;
  /** Kept runs, or 'auto' for adaptive sampling. */
  runs: number | 'auto';
  warmup: number;
  minRuns: number;
  maxRuns: number;
  budgetMs: number;
  /** Which load client runs the workload (see the schema's description). */
  client: 'auto' | 'autocannon';
  /** Closed model: the latency that p50/p90/p99 report and gate (see the schema). */
  latency: 'corrected' | 'service';
  /** Open model: the least share of `rate` a run must send (0.95 = 95%). */
  minRateShare: number;
  /** Load that changes over the run; absent for one fixed level. */
  stages?: ResolvedStages;
  /** Think time after each response before the next request, in ms; absent for none. */
  thinkMs?: number;
}

/** One workload ready to run: a single request is a sequence of one step. */
export interface ResolvedWorkload extends ResolvedLoad {
  name: string;
  steps: RequestSpec[];
  setup: RequestSpec[];
  thresholds: Thresholds;
  /** Absolute objectives (not part of the config hash); absent when none. */
  objectives?: ResolvedObjectives;
  /** Data file as written (relative to the config file); absent when none. */
  data?: string;
  /** A weighted mix: the weight of each entry; `steps` then holds the interleaved cycle. */
  mix?: { weights: number[]; entries: RequestSpec[] };
  /** Requests per iteration (steps of a sequence; 1 for a single request or a mix). */
  iterationSize?: number;
}

/** Absolute objectives of a workload, in the record's units (µs, req/s, ms, bytes, fraction). */
export type ResolvedObjectives = Partial<Record<GatedMetric, number>>;

/** How to start the server, with paths made absolute and defaults filled in. */
export interface ResolvedServer {
  /** Shell command that starts the server; null for a server already running at `url`. */
  command: string | null;
  /** Without a command: process id to read CPU and memory from; absent when not given. */
  pid?: number;
  /** Build command for the base checkout in same-runner comparisons; null when none. */
  build: string | null;
  cwd: string;
  env: Record<string, string>;
  ready:
    | { kind: 'url'; url: string; status?: number[] | 'any' }
    | { kind: 'port'; port: number }
    | { kind: 'log'; text: string };
  readyTimeoutMs: number;
  stopTimeoutMs: number;
  /** Base URL the workloads are sent to; may hold {{port}}. */
  url: string;
  /**
   * Port to give the server as {{port}} (in command, env values, ready.url, url); 'auto' means
   * pick a free one before each start; null when the config sets none.
   */
  port: number | 'auto' | null;
  cpus: string | null;
  /** How often a fresh server is started (see the schema's description). */
  restart: 'never' | 'per-workload' | 'per-run';
}

/** The whole config with every default filled in: what the engine runs and what a record stores. */
export interface ResolvedConfig {
  server: ResolvedServer;
  /** How comparisons are decided (not part of the config hash). */
  gate: ResolvedGate;
  /** Where baselines live (not part of the config hash). */
  baseline: ResolvedBaseline;
  loadCpus: string | null;
  /** Seed for randomized ordering; null means "pick one and log it". */
  seed: number | null;
  /** The config's default shard (`shard: i/n`); null or absent: every workload. */
  shard?: ShardSpec | null;
  workloads: ResolvedWorkload[];
}

const LOAD_DEFAULTS: ResolvedLoad = {
  connections: LOAD_OPTION_DEFAULTS.connections,
  pipelining: LOAD_OPTION_DEFAULTS.pipelining,
  durationMs: ms(LOAD_OPTION_DEFAULTS.duration),
  requests: null,
  rate: null,
  timeoutMs: ms(LOAD_OPTION_DEFAULTS.timeout),
  runs: LOAD_OPTION_DEFAULTS.runs,
  warmup: LOAD_OPTION_DEFAULTS.warmup,
  minRuns: LOAD_OPTION_DEFAULTS['min-runs'],
  maxRuns: LOAD_OPTION_DEFAULTS['max-runs'],
  budgetMs: ms(LOAD_OPTION_DEFAULTS.budget),
  client: LOAD_OPTION_DEFAULTS.client,
  latency: LOAD_OPTION_DEFAULTS.latency,
  minRateShare: parsePercent(LOAD_OPTION_DEFAULTS['min-rate-share']) as number,
};

type LoadFields = Partial<Pick<WorkloadSpec, keyof NonNullable<ParsedConfig['defaults']>>>;

function resolveLoad(d: LoadFields, w: LoadFields, iterationSize: number): ResolvedLoad {
  const pick = <K extends keyof LoadFields>(k: K) => w[k] ?? d[k];
  const stages = resolveStages(pick('stages'));
  const iterations = w.iterations ?? (w.requests === undefined ? d.iterations : undefined);
  const think = pick('think');
  const requests = iterations !== undefined ? iterations * iterationSize : pick('requests');
  return {
    connections:
      stages?.kind === 'connections'
        ? stages.peak
        : (pick('connections') ?? LOAD_DEFAULTS.connections),
    pipelining: pick('pipelining') ?? LOAD_DEFAULTS.pipelining,
    durationMs: stages ? stages.totalMs : (pick('duration') ?? LOAD_DEFAULTS.durationMs),
    requests: stages ? null : (requests ?? null),
    rate: stages?.kind === 'rate' ? stages.peak : (pick('rate') ?? null),
    timeoutMs: pick('timeout') ?? LOAD_DEFAULTS.timeoutMs,
    runs: pick('runs') ?? LOAD_DEFAULTS.runs,
    warmup: pick('warmup') ?? LOAD_DEFAULTS.warmup,
    minRuns: pick('min-runs') ?? LOAD_DEFAULTS.minRuns,
    maxRuns: pick('max-runs') ?? LOAD_DEFAULTS.maxRuns,
    budgetMs: pick('budget') ?? LOAD_DEFAULTS.budgetMs,
    client: pick('client') ?? LOAD_DEFAULTS.client,
    latency: pick('latency') ?? LOAD_DEFAULTS.latency,
    minRateShare: pick('min-rate-share') ?? LOAD_DEFAULTS.minRateShare,
    ...(stages ? { stages } : {}),
    ...(think !== undefined ? { thinkMs: think } : {}),
  };
}

function resolveThresholds(...layers: (ParsedConfig['thresholds'] | undefined)[]): Thresholds {
  const out: Thresholds = { ...DEFAULT_THRESHOLDS };
  for (const layer of layers) {
    if (!layer) continue;
    for (const m of Object.keys(layer) as GatedMetric[]) {
      const v = layer[m];
      if (v !== undefined) out[m] = v === 'off' ? null : v;
    }
  }
  return out;
}

function resolveWorkload(c: ParsedConfig, w: WorkloadSpec): ResolvedWorkload {
  const mix = 'mix' in w ? w.mix : undefined;
  let steps: RequestSpec[];
  if ('steps' in w) steps = w.steps;
  else if ('mix' in w) steps = mixSteps(w.mix);
  else {
    const { method, path, headers, body, expect, capture } = w;
    steps = [{ method, path, headers, body, expect, capture }];
  }
  const iterationSize = 'steps' in w ? w.steps.length : 1;
  const objectives = resolveObjectives(c.objectives as ObjectivesSpec | undefined, w.objectives);
  return {
    name: w.name,
    steps,
    setup: w.setup ?? [],
    thresholds: resolveThresholds(c.thresholds, w.thresholds),
    ...resolveLoad(c.defaults ?? {}, w, iterationSize),
    ...(objectives ? { objectives } : {}),
    ...(w.data !== undefined ? { data: w.data } : {}),
    ...(mix
      ? {
          mix: {
            weights: mix.map((m) => m.weight),
            entries: mix.map(({ weight: _w, ...r }) => r),
          },
        }
      : {}),
    ...(iterationSize > 1 ? { iterationSize } : {}),
  };
}

function defaultUrl(s: ParsedConfig['server']): string | undefined {
  if (s.url) return s.url.replace(/\/+$/, '');
  // Textual origin rather than new URL(): the URL may hold a {{port}} placeholder.
  if (s.ready?.url) return /^[a-z]+:\/\/[^/?#]+/i.exec(s.ready.url)?.[0];
  if (s.ready?.port !== undefined) return `http://127.0.0.1:${s.ready.port}`;
  if (s.port !== undefined) return 'http://127.0.0.1:{{port}}';
  return undefined;
}

/**
 * Fills in every default. `configDir` anchors relative paths. A config that passed
 * parseConfig always resolves; the throw guards against a hand-built ParsedConfig that skipped
 * the schema's rule "server.url is required when ready waits for a log line".
 */
export function resolveConfig(c: ParsedConfig, configDir: string): ResolvedConfig {
  const s = c.server;
  const url = defaultUrl(s);
  if (url === undefined) {
    throw new Error('server.url: expected a base URL when server.ready waits for a log line');
  }
  const r = s.ready ?? {};
  // A running server without a ready check is ready once its URL answers at all.
  const ready: ResolvedServer['ready'] =
    r.url !== undefined
      ? { kind: 'url', url: r.url, ...(r.status !== undefined ? { status: r.status } : {}) }
      : r.port !== undefined
        ? { kind: 'port', port: r.port }
        : r.log !== undefined
          ? { kind: 'log', text: r.log }
          : { kind: 'url', url: `${url}/`, status: 'any' };
  return {
    server: {
      command: s.command ?? null,
      ...(s.pid !== undefined ? { pid: s.pid } : {}),
      build: s.build ?? null,
      cwd: path.resolve(configDir, s.cwd ?? SERVER_DEFAULTS.cwd),
      env: s.env ?? {},
      ready,
      readyTimeoutMs: r.timeout ?? ms(SERVER_DEFAULTS.readyTimeout),
      stopTimeoutMs: s['stop-timeout'] ?? ms(SERVER_DEFAULTS.stopTimeout),
      url,
      port: s.port ?? null,
      cpus: s.cpus ?? null,
      restart: s.restart ?? SERVER_DEFAULTS.restart,
    },
    gate: resolveGate(c.gate),
    baseline: resolveBaseline(c.baseline, (p) => path.resolve(configDir, p)),
    loadCpus: c.load?.cpus ?? null,
    seed: c.seed ?? null,
    // Only when set, so the records of configs that do not shard stay as they were.
    ...(c.shard === undefined ? {} : { shard: parseShard(c.shard) }),
    workloads: c.workloads.map((w) => resolveWorkload(c, w)),
  };
}
