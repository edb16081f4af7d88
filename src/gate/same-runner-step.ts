import { BaseBuildError, InputError } from '../errors.ts';
import type { LoadedConfig } from '../config/loaded-config.ts';
import type { ExecuteOptions } from '../run/execute-run.ts';
import { executePairedRun } from '../run/execute-run.ts';
import type { ResultsRecord } from '../record/record.ts';
import type { SessionDeps } from '../run/session-deps.ts';
import { ServerError } from '../server/types.ts';
import type { BaseSpec } from '../config/overrides.ts';
import type { PreparedBase } from '../same-runner/prepare-base.ts';
import { prepareBase } from '../same-runner/prepare-base.ts';
import type { BaseCheckout } from '../same-runner/base-checkout.ts';
import { resolveBaseBeforeLoad } from './preflight.ts';
import { planPinning } from '../same-runner/pinning.ts';
import type { Comparison } from '../verdict/index.ts';
import {
  compareRecords,
  createPairedSamplingJudge,
  gatedFamily,
  testForDesign,
} from '../verdict/index.ts';

/** The base and this build measured side by side, and the paired comparison. */
export interface SideBySide {
  base: ResultsRecord;
  head: ResultsRecord;
  comparison: Comparison;
  /** What was pinned where, for the report. */
  pinning: string;
}

/** Refuses configs that cannot run two builds at once, before anything is started. */
export function checkSideBySideConfig(config: LoadedConfig): void {
  if (config.resolved.server.command === null) {
    throw new InputError(
      'gate.compare-to: base builds the base commit and starts its server side by side with this one, so it needs server.command (and server.port: auto); a server started outside perfgate can only be compared with a stored baseline (compare-to: stored)',
    );
  }
  if (config.resolved.server.port !== 'auto') {
    throw new InputError(
      'gate.compare-to: base starts the base build and this one side by side, so each needs its own port: set server.port: auto and use {{port}} in server.command, env and ready.url',
    );
  }
}

/** How the base build is found and prepared; passed in so tests can use fakes. */
export interface BaseBuilds {
  /** The commit of `spec`, before any load: an InputError (exit 2) when it does not exist. */
  resolve(config: LoadedConfig, spec: BaseSpec): Promise<{ sha: string }>;
  /** Checks the base out and builds it; the caller removes the checkout. */
  prepare(
    config: LoadedConfig,
    spec: BaseSpec,
    onCheckout?: (checkout: BaseCheckout, build: string | null) => void,
  ): Promise<PreparedBase>;
}

/** The real base builds: git worktrees of this repository and the config's build command. */
export const gitBaseBuilds: BaseBuilds = { resolve: resolveBaseBeforeLoad, prepare: prepareBase };

/**
 * Checks the base out, builds it, and measures it interleaved with this build in shuffled
 * pairs; the paired test decides. The base checkout is removed on every path. A failure of the
 * base (its checkout, build or server) is a BaseBuildError; any other failure is rethrown.
 */
export async function measureSideBySide(
  config: LoadedConfig,
  spec: BaseSpec,
  deps: SessionDeps,
  execute: ExecuteOptions,
  builds: BaseBuilds = gitBaseBuilds,
): Promise<SideBySide> {
  const gate = config.resolved.gate;
  const prepared = await builds
    .prepare(config, spec, (checkout, build) =>
      execute.onEvent?.({ type: 'base-checkout', sha: checkout.sha, dir: checkout.dir, build }),
    )
    .catch((err: unknown) => {
      throw new BaseBuildError(err);
    });
  try {
    const plan = planPinning(config.resolved);
    const test = testForDesign(gate.test, true);
    const judge = createPairedSamplingJudge({
      alpha: gate.alpha,
      test,
      required: gate.required,
      family: gatedFamily(config.allWorkloads ?? config.resolved.workloads, gate.required),
    });
    const { base, head } = await executePairedRun(
      config,
      prepared,
      deps,
      { ...execute, judge },
      plan,
    ).catch((err: unknown) => {
      throw err instanceof ServerError && err.side === 'base' ? new BaseBuildError(err) : err;
    });
    const comparison = compareRecords(base, head, {
      alpha: gate.alpha,
      design: 'paired',
      test,
      required: gate.required,
      maxErrorRate: gate.maxErrorRate,
    });
    return { base, head, comparison, pinning: plan.description };
  } finally {
    await prepared.checkout.remove();
  }
}

/** A stored-baseline record must not carry pair indices of a side-by-side session. */
export function asIndependent(record: ResultsRecord): ResultsRecord {
  return {
    ...record,
    design: 'independent',
    workloads: record.workloads.map((w) => ({
      ...w,
      runs: w.runs.map(({ pair: _pair, ...run }) => run),
    })),
  };
}
