import { randomInt } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { LoadedConfig } from '../config/loaded-config.ts';
import type { ResolvedConfig } from '../config/resolve.ts';
import { TOOL_VERSION } from '../version.ts';
import type { CommitInfo } from './git-info.ts';
import { readCommit } from './git-info.ts';
import { describeMachine } from './machine.ts';
import type { ResultsRecord } from '../record/record.ts';
import { RECORD_VERSION } from '../record/record.ts';
import type { SessionSide } from './run-session.ts';
import type { SamplingJudge, SessionDeps, SessionEvent } from './session-deps.ts';
import { runSides } from './run-session.ts';

/** Options of one measuring session. */
export interface ExecuteOptions {
  /** Overrides the config's seed. */
  seed?: number;
  /** Where server logs go; default a fresh temporary folder. */
  logDir?: string;
  onEvent?: (e: SessionEvent) => void;
  /** Called once, before any load, with the seed in use (so it can be logged for a replay). */
  onSeed?: (seed: number) => void;
  judge?: SamplingJudge;
  signal?: AbortSignal;
}

/** Measures every workload of a config and returns the results record. Nothing is written. */
export async function executeRun(
  config: LoadedConfig,
  deps: SessionDeps,
  options: ExecuteOptions = {},
): Promise<ResultsRecord> {
  const [record] = await executeSides(
    config,
    [{ label: '', server: config.resolved.server }],
    deps,
    options,
  );
  if (!record) throw new Error('internal: a session of one build returned no record');
  return record;
}

/** A build measured side by side with this one: its server and the commit it was built from. */
export interface OtherBuild {
  server: ResolvedConfig['server'];
  commit: CommitInfo;
}

/**
 * Measures the base build and this one side by side, interleaved in shuffled pairs (same
 * seed, same rounds). Returns two records whose kept runs share pair indices.
 */
export async function executePairedRun(
  config: LoadedConfig,
  base: OtherBuild,
  deps: SessionDeps,
  options: ExecuteOptions = {},
  pin: { base: string | null; head: string | null; load: string | null } | null = null,
): Promise<{ base: ResultsRecord; head: ResultsRecord }> {
  const head = config.resolved.server;
  const sides: SessionSide[] = [
    {
      label: 'base',
      server: pin ? { ...base.server, cpus: pin.base } : base.server,
      loadCpus: pin?.load,
      partner: true,
    },
    { label: 'this', server: pin ? { ...head, cpus: pin.head } : head, loadCpus: pin?.load },
  ];
  const [b, h] = await executeSides(config, sides, deps, options, [base.commit]);
  if (!b || !h) throw new Error('internal: a session of two builds returned fewer records');
  return { base: b, head: h };
}

async function executeSides(
  config: LoadedConfig,
  sides: SessionSide[],
  deps: SessionDeps,
  options: ExecuteOptions,
  commits: (CommitInfo | undefined)[] = [],
): Promise<ResultsRecord[]> {
  const { resolved } = config;
  const seed = options.seed ?? resolved.seed ?? randomInt(0, 2 ** 31 - 1);
  options.onSeed?.(seed);
  // Without a log folder of the caller's, the server logs go to a temporary one that a session
  // which ends well removes; a failed one keeps it, since its error names the log's file.
  const temporary = options.logDir === undefined;
  const logDir = options.logDir ?? (await mkdtemp(path.join(os.tmpdir(), 'perfgate-logs-')));
  await mkdir(logDir, { recursive: true });
  const createdAt = new Date(deps.now()).toISOString();
  const [commit, machine] = [await readCommit(config.dir), describeMachine()];
  const perSide = await runSides(resolved, sides, deps, {
    seed,
    restart: resolved.server.restart,
    logDir,
    onEvent: options.onEvent,
    judge: options.judge,
    signal: options.signal,
    data: config.data,
    duet: sides.length > 1 && resolved.gate.pairing === 'duet',
  });
  if (temporary) await rm(logDir, { recursive: true, force: true });
  return perSide.map((workloads, i) => ({
    kind: 'perfgate-results' as const,
    version: RECORD_VERSION,
    tool: { name: 'perfgate' as const, version: TOOL_VERSION },
    createdAt,
    commit: commits[i] ?? commit,
    machine,
    configHash: config.hash,
    config: portableConfig(resolved),
    seed,
    design: sides.length > 1 ? ('paired' as const) : ('independent' as const),
    workloads,
  }));
}

/** The resolved config as stored in a record: the absolute working directory is machine-specific. */
function portableConfig(c: ResolvedConfig): Record<string, unknown> {
  const { cwd: _cwd, ...server } = c.server;
  return { ...c, server } as unknown as Record<string, unknown>;
}
