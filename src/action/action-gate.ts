import path from 'node:path';
import type { ActionInputs } from './inputs.ts';
import { EXIT } from '../errors.ts';
import type { GateInput, GateOutcome } from '../gate/run-gate.ts';
import { runGate } from '../gate/run-gate.ts';
import type { LoadedConfig } from '../config/loaded-config.ts';
import type { SessionDeps } from '../run/session-deps.ts';
import { runMerge } from '../shard/merge-gate.ts';
import { runShard } from '../shard/run-shard.ts';
import type { ShardSpec } from '../config/shard-spec.ts';

// Which of its three jobs the action's main step does: the whole gate, one shard of a matrix,
// or the merge of the shards. Reporting stays in main.ts; a shard's report posts nothing.

/** What the step ran, and how its report must be posted. */
export interface ActionGate {
  outcome: GateOutcome;
  /** The shard this step measured; null for a whole gate or a merge. */
  shard: ShardSpec | null;
  /** Exit code when the outcome fails the job: 3 when a shard's server failed, else 1. */
  failExit: number;
}

/** The shard a step measures: the input, else the config's default; never in a merge. */
export function shardOf(inputs: ActionInputs, config: LoadedConfig): ShardSpec | null {
  if (inputs.merge) return null;
  return inputs.shard ?? config.resolved.shard ?? null;
}

/** Runs the gate, a shard or a merge, as the inputs say. */
export async function runActionGate(
  inputs: ActionInputs,
  gate: GateInput,
  where: { markerName: string; outDir: string; workdir: string },
  session: SessionDeps,
): Promise<ActionGate> {
  if (inputs.merge) {
    const outcome = await runMerge({
      config: gate.config,
      place: gate.place,
      paths: [path.resolve(where.workdir, inputs.merge)],
      configName: where.markerName,
      store: gate.store,
      onNotice: gate.onNotice,
    });
    return {
      outcome,
      shard: null,
      failExit: outcome.failedShards.length ? EXIT.serverOrLoadFailed : EXIT.regression,
    };
  }
  const shard = shardOf(inputs, gate.config);
  if (!shard) return { outcome: await runGate(gate, session), shard, failExit: EXIT.regression };
  const run = { shard, dir: where.outDir, configName: where.markerName };
  const { outcome } = await runShard(gate, run, session);
  return { outcome, shard, failExit: EXIT.regression };
}
