import type { BaselineMode, RunEvent } from '../baseline/mode.ts';
import { decideBaselineMode } from '../baseline/mode.ts';
import { decideMissingBaseline } from '../baseline/missing.ts';
import type { BaselineStore } from '../baseline/store.ts';
import { BaselineStoreError } from '../baseline/store.ts';
import { InputError } from '../errors.ts';
import type { ExecuteOptions, LoadedConfig } from '../run/execute-run.ts';
import { executeRun } from '../run/execute-run.ts';
import type { ResultsRecord } from '../run/record.ts';
import type { SessionDeps } from '../run/run-session.ts';
import type { Comparison } from '../verdict/index.ts';
import { compareRecords, createSamplingJudge } from '../verdict/index.ts';
import type { BaselineChoice } from './baseline-source.ts';
import { loadStoredBaseline } from './baseline-source.ts';
import { decideGate } from './outcome.ts';
import type { GateVerdict } from './outcome.ts';

/** Where the run happens, as far as baselines care. */
export interface RunPlace {
  event: RunEvent;
  ref: string | null;
  defaultBranch: string | null;
  /** The pull request's base commit (merge-base), when known. */
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
  execute?: ExecuteOptions;
  /** Notices as they happen (e.g. for a terminal); they are also in the outcome. */
  onNotice?: (message: string) => void;
}

/** Everything a gate run found out; reporting is left to the caller. */
export interface GateOutcome {
  record: ResultsRecord;
  comparison: Comparison | null;
  baseline: BaselineChoice | null;
  verdict: GateVerdict;
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
 * request would write), loads the baseline, measures, compares, and records the run only
 * after it succeeded, so a failed run never leaves a partial baseline.
 */
export async function runGate(input: GateInput, deps: SessionDeps): Promise<GateOutcome> {
  const { config, place } = input;
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
  const record = decision.record && !input.baselineRecords && input.store !== null;
  const compare = decision.compare && input.compare !== false;

  let baseline: BaselineChoice | null = null;
  if (compare && input.baselineRecords) {
    baseline = { ...input.baselineRecords, warnings: [] };
  } else if (compare && input.store) {
    try {
      baseline = await loadStoredBaseline(input.store, config, { mergeBaseSha: place.baseSha });
    } catch (err) {
      if (!(err instanceof BaselineStoreError)) throw err;
      // An unreadable store is reported like a missing baseline: the run still reports its numbers.
      baseline = {
        records: [],
        sources: [],
        warnings: [`could not read the baselines in ${input.store.description}: ${err.message}`],
      };
    }
    baseline.warnings.forEach(notice);
  }
  const usable = baseline && baseline.records.length > 0 ? baseline : null;

  const result = await executeRun(config, deps, {
    ...input.execute,
    judge: usable
      ? createSamplingJudge(usable.records, { alpha: config.resolved.gate.alpha })
      : undefined,
  });

  const gate = config.resolved.gate;
  const comparison = usable
    ? compareRecords(usable.records, result, { alpha: gate.alpha, test: gate.test })
    : null;
  if (compare && !usable) {
    const missing = decideMissingBaseline({
      onMissing: config.resolved.baseline.onMissing,
      configHash: config.hash,
      recording: record,
      store: input.store?.description ?? 'the given files',
      warnings: baseline?.warnings,
    });
    notice(missing.notice);
  }

  let saved: string | null = null;
  let saveError: Error | null = null;
  if (record && input.store) {
    try {
      saved = (await input.store.save(result)).path;
      notice(`recorded this run as the baseline in ${input.store.description} (${saved})`);
    } catch (err) {
      if (!(err instanceof BaselineStoreError)) throw err;
      saveError = err;
      notice(`this run could NOT be recorded as the baseline: ${err.message}`);
    }
  }
  const decided = decideGate({
    comparison,
    compared: compare,
    onMissing: config.resolved.baseline.onMissing,
    failOnInconclusive: gate.failOnInconclusive,
  });
  return { record: result, comparison, baseline: usable, ...decided, notices, saved, saveError };
}
