import { decideBaselineMode } from '../baseline/mode.ts';
import type { BaselineStore } from '../baseline/store.ts';
import { InputError } from '../errors.ts';
import type { BaselineChoice } from '../gate/baseline-source.ts';
import { loadStoredBaseline } from '../gate/baseline-source.ts';
import type { RunPlace } from '../gate/plan.ts';
import type { GateOutcome } from '../gate/run-gate.ts';
import { asIndependent } from '../gate/same-runner-step.ts';
import { settle } from '../gate/settle.ts';
import type { LoadedConfig } from '../config/loaded-config.ts';
import { invocationOf } from '../config/overrides.ts';
import type { ResultsRecord } from '../record/record.ts';
import { ServerError } from '../server/types.ts';
import type { Comparison } from '../verdict/index.ts';
import { compareRecords, testForDesign } from '../verdict/index.ts';
import type { MergedShards } from './merge-shards.ts';
import { mergeShards } from './merge-shards.ts';
import { readShardFiles } from './shard-file.ts';

// The merge job of a sharded run: reads the shard files, checks they belong together, and
// makes the one comparison of every workload (one Holm family), then records the joined
// record as the baseline, once, when the run is on the default branch and every shard ran.

/** What a merge needs. */
export interface MergeInput {
  config: LoadedConfig;
  place: RunPlace;
  /** Files or folders holding the shard files. */
  paths: readonly string[];
  /** Only shard files of this config name are merged; undefined: every file found. */
  configName?: string;
  store: BaselineStore | null;
  onNotice?: (message: string) => void;
}

/** A gate outcome, plus the shards that failed (the job then fails, naming them). */
export interface MergeOutcome extends GateOutcome {
  failedShards: string[];
}

/** Merges the shards into one verdict; InputError (exit 2) before anything else when they do not fit. */
export async function runMerge(input: MergeInput): Promise<MergeOutcome> {
  const { config, place } = input;
  const gate = config.resolved.gate;
  const notices: string[] = [];
  const notice = (m: string) => {
    notices.push(m);
    input.onNotice?.(m);
  };
  const decision = decideBaselineMode({
    mode: config.resolved.baseline.mode,
    event: place.event,
    ref: place.ref,
    defaultBranch: place.defaultBranch,
  });
  if (!decision.ok) throw new InputError(decision.error);
  const merged = mergeShards(await readShardFiles(input.paths), {
    configHash: config.hash,
    workloads: config.resolved.workloads.map((w) => w.name),
    configName: input.configName,
    where: input.paths.join(', '),
  });
  merged.notices.forEach(notice);
  const record = merged.record;
  if (!record) {
    throw new ServerError(
      `every shard failed, nothing was measured:\n${merged.failed.map((f) => `  - ${f.label}: ${f.error}`).join('\n')}`,
      '',
    );
  }
  const compare = decision.compare && invocationOf(config).compare;
  let comparison: Comparison | null = null;
  let baseline: BaselineChoice | null = null;
  if (compare && merged.base) {
    const test = testForDesign(gate.test, true);
    comparison = compareRecords(merged.base, record, {
      alpha: gate.alpha,
      design: 'paired',
      test,
      required: gate.required,
      maxErrorRate: gate.maxErrorRate,
    });
    notice('compare-to: base: every shard measured its base side by side; one paired comparison');
  } else if (compare) {
    baseline = await storedBaseline(input, record, notice);
    const test = testForDesign(gate.test, false);
    comparison =
      baseline && baseline.records.length > 0
        ? compareRecords(baseline.records, asIndependent(record), {
            alpha: gate.alpha,
            test,
            required: gate.required,
            history: baseline.history,
            runnerNoise: config.resolved.baseline.runnerNoise,
            maxErrorRate: gate.maxErrorRate,
          })
        : null;
  }
  if (comparison && merged.failed.length) markIncomplete(comparison, merged);
  const failedShards = merged.failed.map((f) => f.label);
  const decided = await settle({
    config,
    record,
    comparison,
    compared: compare,
    baseline,
    store: input.store,
    recording: decision.record,
    incomplete: failedShards.length
      ? `${failedShards.join(', ')} failed, and a baseline must hold every workload`
      : null,
    subject: 'the merged record',
    notice,
  });
  const shardReason = failedShards.length
    ? `${failedShards.join(', ')} failed: ${merged.failed.map((f) => `${f.label}: ${(f.error.split('\n')[0] ?? '').slice(0, 200)}`).join('; ')}`
    : null;
  return {
    record,
    comparison,
    storedComparison: null,
    baseRecord: merged.base,
    baseline: baseline && baseline.records.length ? baseline : null,
    ...decided,
    fail: decided.fail || shardReason !== null,
    failReason:
      [shardReason, decided.fail ? decided.failReason : null]
        .filter((x) => x !== null)
        .join('; ') || null,
    notices,
    failedShards,
  };
}

/** A comparison missing a failed shard's workloads cannot pass: it says so in its headline. */
function markIncomplete(c: Comparison, merged: MergedShards): void {
  const missing = merged.failed.flatMap((f) => f.workloads);
  const labels = merged.failed.map((f) => f.label).join(', ');
  if (c.verdict === 'pass') c.verdict = 'inconclusive';
  c.headline = `incomplete: ${labels} failed (${missing.length} workload${missing.length === 1 ? '' : 's'} not measured); ${c.headline}`;
}

async function storedBaseline(
  input: MergeInput,
  record: ResultsRecord,
  notice: (m: string) => void,
): Promise<BaselineChoice | null> {
  if (!input.store) return null;
  const choice = await loadStoredBaseline(input.store, input.config, {
    mergeBaseSha: input.place.baseSha,
    fingerprint: record.machine.fingerprint,
  });
  choice.warnings.forEach(notice);
  return choice;
}
