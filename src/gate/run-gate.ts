import type { BaselineStore } from '../baseline/store.ts';
import type { LoadedConfig } from '../config/loaded-config.ts';
import type { ResultsRecord } from '../record/record.ts';
import type { ExecuteOptions } from '../run/execute-run.ts';
import type { SessionDeps } from '../run/session-deps.ts';
import type { Breakage, Comparison } from '../verdict/index.ts';
import type { GateVerdict } from '../verdict/gate-verdict.ts';
import type { ObjectiveResult } from '../verdict/objectives.ts';
import type { BaselineChoice } from './baseline-source.ts';
import { loadStoredBaseline } from './baseline-source.ts';
import type { Measured, PathContext } from './measure-paths.ts';
import { measureAlone, measureAndConfirm, measureWithBase } from './measure-paths.ts';
import type { GatePlan, RunPlace } from './plan.ts';
import { planGate, withPairing } from './plan.ts';
import { tooFewRuns } from './preflight.ts';
import type { BaseBuilds } from './same-runner-step.ts';
import { checkSideBySideConfig, gitBaseBuilds } from './same-runner-step.ts';
import { settle } from './settle.ts';

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
  const notices: string[] = [];
  const notice = (m: string) => {
    notices.push(m);
    input.onNotice?.(m);
  };
  const plan = planGate({
    config: input.config,
    place: input.place,
    explicitBaseline: input.baselineRecords !== undefined,
    hasStore: input.store !== null,
    noRecord: input.noRecord,
  });
  const config = withPairing(input.config, plan.pairing);
  const builds = deps.builds ?? gitBaseBuilds;
  const sideBySide = plan.path !== 'alone';
  if (sideBySide) checkSideBySideConfig(config);
  // Before any load: a base that does not exist is refused (exit 2), never measured around.
  const base = sideBySide && plan.base ? await builds.resolve(config, plan.base) : plan.base;
  tooFewRuns(config, sideBySide).forEach(notice);

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
  return { ...(await finish({ ...input, config }, plan, measured, baseline, notice)), notices };
}

/** Everything after the measurement (settle.ts), joined with what was measured. */
async function finish(
  input: GateInput,
  plan: GatePlan,
  m: Measured,
  baseline: BaselineChoice | null,
  notice: (m: string) => void,
): Promise<Omit<GateOutcome, 'notices'>> {
  const settled = await settle({
    config: input.config,
    record: m.record,
    comparison: m.comparison,
    compared: plan.compare,
    baseline,
    store: input.store,
    recording: plan.record,
    local: input.place.event === 'local',
    subject: 'this run',
    notice,
  });
  return {
    ...m,
    baseline: baseline && baseline.records.length > 0 ? baseline : null,
    ...settled,
  };
}

async function chooseBaseline(
  input: GateInput,
  notice: (m: string) => void,
): Promise<BaselineChoice | null> {
  if (input.baselineRecords) return { ...input.baselineRecords, warnings: [] };
  if (!input.store) return null;
  const choice = await loadStoredBaseline(input.store, input.config, {
    mergeBaseSha: input.place.baseSha,
  });
  choice.warnings.forEach(notice);
  return choice;
}
