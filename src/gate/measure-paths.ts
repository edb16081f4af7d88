import { BaseBuildError } from '../errors.ts';
import { describeError } from '../exit-code.ts';
import type { LoadedConfig } from '../config/loaded-config.ts';
import type { BaseSpec } from '../config/overrides.ts';
import type { ResultsRecord } from '../record/record.ts';
import type { ExecuteOptions } from '../run/execute-run.ts';
import { executeRun } from '../run/execute-run.ts';
import type { SessionDeps } from '../run/session-deps.ts';
import type { Comparison } from '../verdict/index.ts';
import { compareRecords, createSamplingJudge, testForDesign } from '../verdict/index.ts';
import type { BaselineChoice } from './baseline-source.ts';
import type { BaseBuilds, SideBySide } from './same-runner-step.ts';
import { asIndependent, measureSideBySide } from './same-runner-step.ts';

// One function per way of measuring this build (plan.ts, MeasuringPath). Each returns this
// build's record and the comparison that decides; reporting and recording are left to runGate.

/** What a measuring path needs. */
export interface PathContext {
  config: LoadedConfig;
  deps: SessionDeps;
  builds: BaseBuilds;
  execute: ExecuteOptions;
  /** The stored (or given) baseline, null when there is none with records. */
  baseline: BaselineChoice | null;
  /** The base to build, resolved before any load; null when none is known. */
  base: BaseSpec | null;
  /** The base as asked (a ref is described as its merge-base). */
  requestedBase: BaseSpec | null;
  notice: (message: string) => void;
}

/** What a path measured. */
export interface Measured {
  record: ResultsRecord;
  /** The comparison that decides: the paired one when the base was measured, else the stored. */
  comparison: Comparison | null;
  /** The comparison with the stored baseline when the paired one decided (context). */
  storedComparison: Comparison | null;
  /** The base build's record when it was measured side by side. */
  baseRecord: ResultsRecord | null;
}

/** This build alone, compared with the stored baseline; `runs: auto` stops when it can tell. */
export async function measureAlone(ctx: PathContext, adaptive = true): Promise<Measured> {
  const judge =
    adaptive && ctx.baseline
      ? createSamplingJudge(ctx.baseline.records, storedOptions(ctx))
      : undefined;
  const record = await executeRun(ctx.config, ctx.deps, { ...ctx.execute, judge });
  return {
    record,
    comparison: compareStored(ctx, record),
    storedComparison: null,
    baseRecord: null,
  };
}

/**
 * compare-to: base. The base build and this one, side by side; when the base cannot be
 * measured, this build alone (its numbers are still reported, with why nothing was paired).
 */
export async function measureWithBase(ctx: PathContext): Promise<Measured> {
  const paired = await tryPaired(ctx, 'compare-to: base');
  if (!paired) return measureAlone(ctx, false);
  return fromPaired(paired, compareStored(ctx, asIndependent(paired.head)));
}

/**
 * confirm: same-runner. This build alone against the stored baseline; when that did not pass,
 * the base side by side, and the paired comparison decides.
 */
export async function measureAndConfirm(ctx: PathContext): Promise<Measured> {
  const alone = await measureAlone(ctx);
  const stored = alone.comparison;
  if (stored?.verdict === 'pass') return alone;
  const paired = await tryPaired(
    ctx,
    `confirm: same-runner (the stored baseline ${stored ? `said ${stored.verdict}` : 'is missing'})`,
  );
  return paired ? fromPaired(paired, stored) : alone;
}

function fromPaired(paired: SideBySide, stored: Comparison | null): Measured {
  return {
    record: paired.head,
    comparison: paired.comparison,
    storedComparison: stored,
    baseRecord: paired.base,
  };
}

/** Measures side by side; null (with a notice saying why) when the base cannot be measured. */
async function tryPaired(ctx: PathContext, why: string): Promise<SideBySide | null> {
  if (!ctx.base) {
    ctx.notice(
      `${why}, but there is no base to build: pass --compare-ref REF, or run on a pull request`,
    );
    return null;
  }
  try {
    const paired = await measureSideBySide(ctx.config, ctx.base, ctx.deps, ctx.execute, ctx.builds);
    const how =
      ctx.config.resolved.gate.pairing === 'duet'
        ? 'both loaded at once, a duet'
        : 'one run of each in turn';
    ctx.notice(
      `${why}: measured the base ${describeBase(paired.base, ctx.requestedBase ?? ctx.base)} side by side with this build, ${how} (${paired.pinning})`,
    );
    return paired;
  } catch (err) {
    if (!(err instanceof BaseBuildError)) throw err;
    ctx.notice(`could not compare with the base on this runner: ${describeError(err)}`);
    return null;
  }
}

function storedOptions(ctx: PathContext) {
  const { gate, baseline } = ctx.config.resolved;
  return {
    alpha: gate.alpha,
    required: gate.required,
    history: ctx.baseline?.history,
    runnerNoise: baseline.runnerNoise,
    maxErrorRate: gate.maxErrorRate,
    // A stored baseline shares no pairs with this run.
    test: testForDesign(gate.test, false),
  };
}

function compareStored(ctx: PathContext, record: ResultsRecord): Comparison | null {
  return ctx.baseline ? compareRecords(ctx.baseline.records, record, storedOptions(ctx)) : null;
}

function describeBase(base: ResultsRecord, spec: BaseSpec): string {
  const sha = base.commit?.sha.slice(0, 12) ?? '';
  return 'ref' in spec ? `${sha} (merge-base with ${spec.ref})` : sha;
}
