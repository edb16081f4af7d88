import type { BaselineMode, RunEvent } from '../baseline/mode.ts';
import { decideBaselineMode } from '../baseline/mode.ts';
import { decideMissingBaseline } from '../baseline/missing.ts';
import type { BaselineStore } from '../baseline/store.ts';
import { BaselineStoreError } from '../baseline/store.ts';
import { InputError } from '../errors.ts';
import { describeError } from '../exit-code.ts';
import type { LoadedConfig } from '../config/load-run-config.ts';
import type { ExecuteOptions } from '../run/execute-run.ts';
import { executeRun } from '../run/execute-run.ts';
import type { ResultsRecord } from '../record/record.ts';
import type { SessionDeps } from '../run/session-deps.ts';
import type { BaseSpec } from '../same-runner/prepare-base.ts';
import type { Breakage, Comparison } from '../verdict/index.ts';
import { compareRecords, createSamplingJudge, findBreakage } from '../verdict/index.ts';
import type { BaselineChoice } from './baseline-source.ts';
import { loadStoredBaseline } from './baseline-source.ts';
import { decideGate } from './outcome.ts';
import { neverComparable, resolveBaseBeforeLoad } from './preflight.ts';
import { checkObjectives, type ObjectiveResult } from '../verdict/objectives.ts';
import type { GateVerdict } from '../verdict/gate-verdict.ts';
import type { SideBySide } from './same-runner-step.ts';
import {
  asIndependent,
  checkSideBySideConfig,
  isBaseFailure,
  measureSideBySide,
} from './same-runner-step.ts';

/** Where the run happens, as far as baselines care. */
export interface RunPlace {
  event: RunEvent;
  ref: string | null;
  defaultBranch: string | null;
  /** The pull request's base commit (or the commit before a push), when known. */
  baseSha?: string | null;
}

/** What a gate run needs besides the config. */
export interface GateInput {
  config: LoadedConfig;
  place: RunPlace;
  /** Overrides `baseline.mode` of the config. */
  mode?: BaselineMode;
  /** Explicit baseline records (`--baseline FILE`): the store is then neither read nor written. */
  baselineRecords?: { records: ResultsRecord[]; sources: string[] };
  /** The store; null when none is used (explicit records, or comparisons turned off). */
  store: BaselineStore | null;
  /** `false` turns comparing off (`--compare-to none`). */
  compare?: boolean;
  /** For same-runner comparisons: the base to build; default the place's base commit. */
  base?: BaseSpec;
  execute?: ExecuteOptions;
  /** Notices as they happen (e.g. for a terminal); they are also in the outcome. */
  onNotice?: (message: string) => void;
  /** A shard of a sharded run never records: its merge does, once, for every shard. */
  noRecord?: boolean;
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
  /** True when the job should fail; `failReason` says why in one line. */
  fail: boolean;
  failReason: string | null;
  notices: string[];
  /** Where this run was recorded as a baseline, or null. */
  saved: string | null;
  /** Why recording failed (exit 5 after the report is out), or null. */
  saveError: Error | null;
}

/**
 * Decides record/compare from the mode and the event (refusing before any load when a pull
 * request would write), loads the baseline, measures (side by side with the base build when
 * asked), compares, and records the run only after it succeeded, so a failed run never leaves
 * a partial baseline.
 */
export async function runGate(input: GateInput, deps: SessionDeps): Promise<GateOutcome> {
  const { config, place } = input;
  const gate = config.resolved.gate;
  const notices: string[] = [];
  const notice = (m: string) => {
    notices.push(m);
    input.onNotice?.(m);
  };
  const mode = input.baselineRecords ? 'compare' : (input.mode ?? config.resolved.baseline.mode);
  const decision = decideBaselineMode({
    mode,
    event: place.event,
    ref: place.ref,
    defaultBranch: place.defaultBranch,
  });
  if (!decision.ok) throw new InputError(decision.error);
  const record =
    decision.record && !input.baselineRecords && input.store !== null && !input.noRecord;
  const compare = decision.compare && input.compare !== false;
  const sideBySide = compare && (gate.compareTo === 'base' || gate.confirm === 'same-runner');
  const requestedBase: BaseSpec | null =
    input.base ?? (place.baseSha ? { sha: place.baseSha } : null);
  if (sideBySide) checkSideBySideConfig(config);
  // Before any load: a base that does not exist is refused (exit 2), never measured around.
  const baseSpec =
    sideBySide && requestedBase
      ? await resolveBaseBeforeLoad(config, requestedBase)
      : requestedBase;
  neverComparable(config).forEach(notice);

  const baseline = compare ? await chooseBaseline(input, notice) : null;
  const usable = baseline && baseline.records.length > 0 ? baseline : null;
  const storedOptions = {
    alpha: gate.alpha,
    required: gate.required,
    history: usable?.history,
    runnerNoise: config.resolved.baseline.runnerNoise,
    maxErrorRate: gate.maxErrorRate,
  };
  const compareStored = (r: ResultsRecord) =>
    usable
      ? compareRecords(usable.records, r, { ...storedOptions, test: unpairedTest(gate.test) })
      : null;

  let head: ResultsRecord | null = null;
  let paired: SideBySide | null = null;
  let stored: Comparison | null = null;
  const tryPaired = async (why: string) => {
    if (!baseSpec) {
      notice(
        `${why}, but there is no base to build: pass --compare-ref REF, or run on a pull request`,
      );
      return;
    }
    try {
      paired = await measureSideBySide(config, baseSpec, deps, input.execute ?? {});
      notice(
        `${why}: measured the base ${describeBase(paired.base, requestedBase ?? baseSpec)} side by side with this build (${paired.pinning})`,
      );
    } catch (err) {
      if (!isBaseFailure(err)) throw err;
      notice(`could not compare with the base on this runner: ${describeError(err)}`);
    }
  };

  if (sideBySide && gate.compareTo === 'base') {
    await tryPaired('compare-to: base');
  } else {
    const judge = usable
      ? createSamplingJudge(usable.records, { ...storedOptions, test: unpairedTest(gate.test) })
      : undefined;
    head = await executeRun(config, deps, { ...input.execute, judge });
    stored = compareStored(head);
    if (sideBySide && (!stored || stored.verdict !== 'pass')) {
      await tryPaired(
        `confirm: same-runner (the stored baseline ${stored ? `said ${stored.verdict}` : 'is missing'})`,
      );
    }
  }
  const p = paired as SideBySide | null;
  if (p) {
    head = p.head;
    stored ??= compareStored(asIndependent(p.head));
  } else if (!head) {
    // The base could not be measured: this build's own numbers are still reported.
    head = await executeRun(config, deps, input.execute ?? {});
    stored = compareStored(head);
  }
  const comparison = p ? p.comparison : stored;
  if (compare && !comparison) {
    const missing = decideMissingBaseline({
      onMissing: config.resolved.baseline.onMissing,
      configHash: config.hash,
      recording: record,
      store: input.store?.description ?? 'the given files',
      warnings: baseline?.warnings,
      local: place.event === 'local',
    });
    notice(missing.notice);
  }

  // Decided once: the comparison's, or this run's own when there is no comparison.
  const breakage = comparison
    ? (comparison.breakage ?? null)
    : findBreakage(head, { maxErrorRate: gate.maxErrorRate });
  if (record && breakage)
    notice(`this run was NOT recorded as the baseline: it is ${breakage.summary}`);
  const { saved, saveError } =
    record && !breakage
      ? await save(input.store as BaselineStore, asIndependent(head), notice)
      : { saved: null, saveError: null };
  const objectives = checkObjectives(config.resolved.workloads, head);
  const decided = decideGate({
    comparison,
    compared: compare,
    onMissing: config.resolved.baseline.onMissing,
    failOnInconclusive: gate.failOnInconclusive,
    breakage,
    objectives,
  });
  return {
    record: head,
    comparison,
    storedComparison: p ? stored : null,
    baseRecord: p ? p.base : null,
    baseline: usable,
    breakage,
    objectives,
    ...decided,
    notices,
    saved,
    saveError,
  };
}

function unpairedTest(test: GateInput['config']['resolved']['gate']['test']) {
  return test === 'paired-t' || test === 'trimmed' ? 'auto' : test;
}

function describeBase(base: ResultsRecord, spec: BaseSpec): string {
  const sha = base.commit?.sha.slice(0, 12) ?? '';
  return 'ref' in spec ? `${sha} (merge-base with ${spec.ref})` : sha;
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
