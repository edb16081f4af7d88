import { decideMissingBaseline } from '../baseline/missing.ts';
import type { BaselineStore } from '../baseline/store.ts';
import { BaselineStoreError } from '../baseline/store.ts';
import type { LoadedConfig } from '../config/loaded-config.ts';
import { invocationOf } from '../config/overrides.ts';
import type { ResultsRecord } from '../record/record.ts';
import type { Breakage, Comparison } from '../verdict/index.ts';
import { findBreakage } from '../verdict/index.ts';
import { measuredInDuet } from '../verdict/comparison-notes.ts';
import type { GateVerdict } from '../verdict/gate-verdict.ts';
import { checkObjectives, type ObjectiveResult } from '../verdict/objectives.ts';
import type { BaselineChoice } from './baseline-source.ts';
import { decideGate } from './outcome.ts';
import { asIndependent } from './same-runner-step.ts';

// What follows a measurement, the same for a gate run and for the merge of a sharded run: the
// missing-baseline notice, the breakage found once, the record saved as the baseline only when
// it is whole and unbroken, the objectives, and the one pass/fail decision (decideGate).

/** What settling needs. */
export interface SettleInput {
  config: LoadedConfig;
  /** This run's record (a merge: the joined record of every shard). */
  record: ResultsRecord;
  comparison: Comparison | null;
  /** Whether a comparison was asked for at all. */
  compared: boolean;
  /** The baseline the comparison read (its warnings go into the missing-baseline notice). */
  baseline: BaselineChoice | null;
  /** The store to record into; null: nothing is recorded. */
  store: BaselineStore | null;
  /** The plan records this run as the baseline once it succeeded. */
  recording: boolean;
  /** Why the record must not become the baseline although the plan records (a failed shard). */
  incomplete?: string | null;
  /** A run in a terminal: the missing-baseline notice says how to record one there. */
  local?: boolean;
  /** What is recorded, in notices: "this run", "the merged shards". */
  subject: string;
  notice: (message: string) => void;
}

/** The decided part of a gate outcome. */
export interface Settled {
  breakage: Breakage | null;
  objectives: ObjectiveResult[];
  verdict: GateVerdict;
  fail: boolean;
  failReason: string | null;
  saved: string | null;
  saveError: Error | null;
}

/** Notices, records (or says why not), and decides. Only `store.save` touches the outside. */
export async function settle(i: SettleInput): Promise<Settled> {
  const { config, notice } = i;
  const gate = config.resolved.gate;
  const recording = i.recording && i.store !== null;
  if (i.compared && !i.comparison) {
    const missing = decideMissingBaseline({
      onMissing: config.resolved.baseline.onMissing,
      configHash: config.hash,
      recording: recording && !i.incomplete,
      store: i.store?.description ?? 'the given files',
      warnings: i.baseline?.warnings,
      local: i.local,
    });
    notice(missing.notice);
  }
  // Decided once: the comparison's, or this run's own when there is no comparison.
  const breakage = i.comparison
    ? (i.comparison.breakage ?? null)
    : findBreakage(i.record, { maxErrorRate: gate.maxErrorRate });
  let saved: { saved: string | null; saveError: Error | null } = { saved: null, saveError: null };
  if (recording && breakage) {
    notice(`${i.subject} was NOT recorded as the baseline: it is ${breakage.summary}`);
  } else if (recording && i.incomplete) {
    notice(`${i.subject} was NOT recorded as the baseline: ${i.incomplete}`);
  } else if (recording && measuredInDuet(i.record)) {
    notice(
      `${i.subject} was NOT recorded as the baseline: it was measured in a duet with the base build (gate.pairing: duet), so its requests/s and latency are those of a machine shared with it (gate.pairing: auto or alternate measures a run that records one side after the other)`,
    );
  } else if (recording && i.store) {
    saved = await save(i.store, asIndependent(i.record), i.subject, notice);
  }
  const objectives = checkObjectives(config.resolved.workloads, i.record, {
    duet: measuredInDuet(i.record),
  });
  const decided = decideGate({
    comparison: i.comparison,
    compared: i.compared,
    onMissing: config.resolved.baseline.onMissing,
    failOnInconclusive: gate.failOnInconclusive,
    failOnRegression: invocationOf(config).failOnRegression,
    breakage,
    objectives,
  });
  return { breakage, objectives, ...decided, ...saved };
}

async function save(
  store: BaselineStore,
  record: ResultsRecord,
  subject: string,
  notice: (m: string) => void,
): Promise<{ saved: string | null; saveError: Error | null }> {
  try {
    const { path } = await store.save(record);
    notice(`recorded ${subject} as the baseline in ${store.description} (${path})`);
    return { saved: path, saveError: null };
  } catch (err) {
    if (!(err instanceof BaselineStoreError)) throw err;
    notice(`${subject} could NOT be recorded as the baseline: ${err.message}`);
    return { saved: null, saveError: err };
  }
}
