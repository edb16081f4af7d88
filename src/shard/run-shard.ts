import { InputError } from '../errors.ts';
import { describeError } from '../exit-code.ts';
import type { GateInput, GateOutcome } from '../gate/run-gate.ts';
import { runGate } from '../gate/run-gate.ts';
import { LoadError } from '../load/types.ts';
import type { LoadedConfig } from '../config/loaded-config.ts';
import { readCommit } from '../run/git-info.ts';
import type { SessionDeps } from '../run/session-deps.ts';
import { ServerError } from '../server/types.ts';
import { workloadsOfShard } from './assign.ts';
import type { ShardFile } from './shard-file.ts';
import { SHARD_FILE_VERSION, writeShardFile } from './shard-file.ts';
import type { ShardSpec } from '../config/shard-spec.ts';
import { formatShard } from '../config/shard-spec.ts';

// One job of a sharded run: measure this shard's workloads (side by side with the base when
// the config says so), write the shard file for the merge, and never comment, set a status or
// record a baseline: one comparison of every shard, in the merge, decides.

/** The config of one shard: its workloads only, the whole config's hash and family. */
export function shardConfig(config: LoadedConfig, shard: ShardSpec): LoadedConfig {
  const all = config.resolved.workloads;
  const label = `shard ${formatShard(shard)}`;
  if (shard.count > all.length) {
    throw new InputError(
      `${label}: the config has ${all.length} workload${all.length === 1 ? '' : 's'}, so it can be split into at most ${all.length} shard${all.length === 1 ? '' : 's'}`,
    );
  }
  const gate = config.resolved.gate;
  if (gate.confirm === 'same-runner' && gate.compareTo !== 'base') {
    throw new InputError(
      `${label}: gate.confirm: same-runner decides per comparison whether to measure the base, which a shard cannot do for the whole family; use gate.compare-to: base (every shard measures its base) or confirm: none`,
    );
  }
  const names = new Set(workloadsOfShard(all, shard));
  return {
    ...config,
    resolved: { ...config.resolved, shard, workloads: all.filter((w) => names.has(w.name)) },
    allWorkloads: all,
  };
}

/** What a shard job needs besides the gate's input. */
export interface ShardRun {
  shard: ShardSpec;
  /** Folder the shard file goes to. */
  dir: string;
  /** The config's name as the PR comment shows it. */
  configName: string;
}

/** What a shard job did: its outcome (a partial report, never a verdict) and its file. */
export interface ShardResult {
  outcome: GateOutcome;
  file: string;
}

/**
 * Runs one shard and writes its file. A server or load failure is written to the file too
 * (the merge names the shard and fails) and then thrown, so this job fails as well.
 */
export async function runShard(
  input: GateInput,
  run: ShardRun,
  deps: SessionDeps,
): Promise<ShardResult> {
  const config = shardConfig(input.config, run.shard);
  const names = config.resolved.workloads.map((w) => w.name);
  const base: Omit<ShardFile, 'status' | 'error' | 'notices' | 'record' | 'base' | 'commit'> = {
    kind: 'perfgate-shard',
    version: SHARD_FILE_VERSION,
    shard: run.shard,
    config: run.configName,
    configHash: config.hash,
    workloads: names,
    createdAt: new Date(deps.now()).toISOString(),
  };
  const label = `shard ${formatShard(run.shard)}`;
  input.onNotice?.(`${label}: measuring ${names.map((n) => JSON.stringify(n)).join(', ')}`);
  let outcome: GateOutcome;
  try {
    outcome = await runGate({ ...input, config, noRecord: true }, deps);
  } catch (err) {
    if (err instanceof ServerError || err instanceof LoadError) {
      await writeShardFile(run.dir, {
        ...base,
        commit: await readCommit(config.dir),
        status: 'failed',
        error: describeError(err),
        notices: [],
        record: null,
        base: null,
      });
    }
    throw err;
  }
  const file = await writeShardFile(run.dir, {
    ...base,
    commit: outcome.record.commit,
    status: 'ok',
    error: null,
    notices: outcome.notices,
    record: outcome.record,
    base: outcome.baseRecord,
  });
  const total = input.config.resolved.workloads.length;
  const partial = `${label}: measured ${names.length} of ${total} workloads; this is a partial report without a verdict: the merge job compares every shard in one family, comments, sets the status and records the baseline. Shard file: ${file}`;
  return {
    outcome: {
      ...outcome,
      comparison: null,
      storedComparison: null,
      verdict: 'not-compared',
      fail: false,
      failReason: null,
      notices: [partial, ...outcome.notices],
    },
    file,
  };
}
