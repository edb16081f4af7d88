import { decideMissingBaseline } from '../baseline/missing.ts';
import type { BaselineStore } from '../baseline/store.ts';
import { BaselineStoreError } from '../baseline/store.ts';
import type { LoadedConfig } from '../config/loaded-config.ts';
import { invocationOf } from '../config/overrides.ts';
import type { ResultsRecord } from '../record/record.ts';
import type { ExecuteOptions } from '../run/execute-run.ts';
import type { SessionDeps } from '../run/session-deps.ts';
import type { Breakage, Comparison } from '../verdict/index.ts';
import { findBreakage } from '../verdict/index.ts';
import type { GateVerdict } from '../verdict/gate-verdict.ts';
import { checkObjectives, type ObjectiveResult } from '../verdict/objectives.ts';
import type { BaselineChoice } from './baseline-source.ts';
import { loadStoredBaseline } from './baseline-source.ts';
import type { Measured, PathContext } from './measure-paths.ts';
import { measureAlone, measureAndConfirm, measureWithBase } from './measure-paths.ts';
import { decideGate } from './outcome.ts';
import type { GatePlan, RunPlace } from './plan.ts';
import { planGate } from './plan.ts';
import { neverComparable } from './preflight.ts';
import type { BaseBuilds } from './same-runner-step.ts';
import { asIndependent, checkSideBySideConfig, gitBaseBuilds } from './same-runner-step.ts';

/** What a gate run needs besides its collaborators. */
export interface GateInput {
  /** The config with the invocation's overrides applied (mode, compare-to, --compare-ref). */
  config: LoadedConfig;
  place: RunPlace;
  /** Explicit baseline records (`--baseline FILE`): the store is then neither read nor written. */
  baselineRecords?: { records: ResultsRecord[]; sources: string[] };
  /** The store; null when none is used (explicit records, or comparisons turned off). */
  store: BaselineStore | null;
  execute?: ExecuteOptions;
  /** Notices as they happen (e.g. for a terminal); they are also in the outcome. */
  onNotice?: (message: string) => void;
  /** A shard of a sharded run never records: its merge does, once, for every shard. */
  noRecord?: boolean;
}

/** The collaborators of a gate run: the session's, and how a base build is made. */
export interface GateDeps extends SessionDeps {
  /** Default: git worktrees of this repository (gitBaseBuilds). */
  builds?: BaseBuilds;
}

/** Everything a gate run found out; reporting is left to the caller. */
export interface GateOutcome {
  record: ResultsRecord;
  comparison: Comparison | null;
  /** The comparison with the stored baseline when the paired one decided (context). */
  storedComparison: Comparison | null;
  /** The base build's record when it was measured side by side. */
  baseRecord: ResultsRecord | null;
  baseline: BaselineChoice | null;
  verdict: GateVerdict;
  /** This run's broken workloads (a failure whatever the statistics say), or null. */
  breakage: Breakage | null;
  /** This build's absolute objectives, checked on its kept runs (empty when none are set). */
  objectives: ObjectiveResult[];
  /** True when the job should fail; `failReason` says why in one line. Decided here only. */
  fail: boolean;
  failReason: string | null;
  notices: string[];
  /** Where this run was recorded as a baseline, or null. */
  saved: string | null;
  /** Why recording failed (exit 5 after the report is out), or null. */
  saveError: Error | null;
}

const PATHS = {
  alone: measureAlone,
  'side-by-side': measureWithBase,
  confirm: measureAndConfirm,
} as const;

/**
 * Plans the run (refusing before any load when, say, a pull request would record), refuses a
 * base that does not exist, loads the baseline, measures along the plan's path, compares, and
 * records the run only after it succeeded, so a failed run never leaves a partial baseline.
 */
export async function runGate(input: GateInput, deps: GateDeps): Promise<GateOutcome> {
  const { config } = input;
  const notices: string[] = [];
  const notice = (m: string) => {
    notices.push(m);
    input.onNotice?.(m);
  };
  const plan = planGate({
    config,
    place: input.place,
    explicitBaseline: input.baselineRecords !== undefined,
    hasStore: input.store !== null,
    noRecord: input.noRecord,
  });
  const builds = deps.builds ?? gitBaseBuilds;
  const sideBySide = plan.path !== 'alone';
  if (sideBySide) checkSideBySideConfig(config);
  // Before any load: a base that does not exist is refused (exit 2), never measured around.
  const base = sideBySide && plan.base ? await builds.resolve(config, plan.base) : plan.base;
  neverComparable(config).forEach(notice);

  const baseline = plan.compare ? await chooseBaseline(input, notice) : null;
  const usable = baseline && baseline.records.length > 0 ? baseline : null;
  const ctx: PathContext = {
    config,
    deps,
    builds,
    execute: input.execute ?? {},
    baseline: usable,
    base,
    requestedBase: plan.base,
    notice,
  };
  const measured = await PATHS[plan.path](ctx);
  return { ...(await finish(input, plan, measured, baseline, notice)), notices };
}

/** Everything after the measurement: the missing-baseline notice, recording, the decision. */
async function finish(
  input: GateInput,
  plan: GatePlan,
  m: Measured,
  baseline: BaselineChoice | null,
  notice: (m: string) => void,
): Promise<Omit<GateOutcome, 'notices'>> {
  const { config } = input;
  const gate = config.resolved.gate;
  if (plan.compare && !m.comparison) {
    const missing = decideMissingBaseline({
      onMissing: config.resolved.baseline.onMissing,
      configHash: config.hash,
      recording: plan.record,
      store: input.store?.description ?? 'the given files',
      warnings: baseline?.warnings,
      local: input.place.event === 'local',
    });
    notice(missing.notice);
  }
  // Decided once: the comparison's, or this run's own when there is no comparison.
  const breakage = m.comparison
    ? (m.comparison.breakage ?? null)
    : findBreakage(m.record, { maxErrorRate: gate.maxErrorRate });
  if (plan.record && breakage)
    notice(`this run was NOT recorded as the baseline: it is ${breakage.summary}`);
  const { saved, saveError } =
    plan.record && input.store && !breakage
      ? await save(input.store, asIndependent(m.record), notice)
      : { saved: null, saveError: null };
  const objectives = checkObjectives(config.resolved.workloads, m.record);
  const decided = decideGate({
    comparison: m.comparison,
    compared: plan.compare,
    onMissing: config.resolved.baseline.onMissing,
    failOnInconclusive: gate.failOnInconclusive,
    failOnRegression: invocationOf(config).failOnRegression,
    breakage,
    objectives,
  });
  return {
    ...m,
    baseline: baseline && baseline.records.length > 0 ? baseline : null,
    breakage,
    objectives,
    ...decided,
    saved,
    saveError,
  };
}

async function chooseBaseline(
  input: GateInput,
  notice: (m: string) => void,
): Promise<BaselineChoice | null> {
  if (input.baselineRecords) return { ...input.baselineRecords, warnings: [] };
  if (!input.store) return null;
  let choice: BaselineChoice;
  try {
    choice = await loadStoredBaseline(input.store, input.config, {
      mergeBaseSha: input.place.baseSha,
    });
  } catch (err) {
    if (!(err instanceof BaselineStoreError)) throw err;
    // An unreadable store is reported like a missing baseline: the run still reports its numbers.
    choice = {
      records: [],
      sources: [],
      warnings: [`could not read the baselines in ${input.store.description}: ${err.message}`],
    };
  }
  choice.warnings.forEach(notice);
  return choice;
}

async function save(
  store: BaselineStore,
  record: ResultsRecord,
  notice: (m: string) => void,
): Promise<{ saved: string | null; saveError: Error | null }> {
  try {
    const { path } = await store.save(record);
    notice(`recorded this run as the baseline in ${store.description} (${path})`);
    return { saved: path, saveError: null };
  } catch (err) {
    if (!(err instanceof BaselineStoreError)) throw err;
    notice(`this run could NOT be recorded as the baseline: ${err.message}`);
    return { saved: null, saveError: err };
  }
}
