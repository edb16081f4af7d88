import { InputError } from '../errors.ts';
import type { ResolvedBaseline } from './gate-schema.ts';
import type { Invocation, LoadedConfig } from './loaded-config.ts';

// What a command line or the action's inputs change in a loaded config, as one type applied by
// one pure function (the last step of loading a config, loadRunConfig), so that the CLI and the
// action cannot drift apart and nothing patches a config after it was loaded.

/** Which base a same-runner comparison measures: a ref (its merge-base with HEAD) or a commit. */
export type BaseSpec = { ref: string } | { sha: string };

/** Overrides of one invocation; undefined or null keeps what the config file says. */
export interface ConfigOverrides {
  /** baseline.mode (`perfgate record`: record; the action's `mode` input). */
  mode?: ResolvedBaseline['mode'] | null;
  /** gate.compare-to; `none` turns comparing off (`--compare-to none`, `perfgate record`). */
  compareTo?: 'stored' | 'base' | 'none' | null;
  /** `--compare-ref REF`: the base is the merge-base of HEAD and REF. */
  compareRef?: string | null;
  store?: ResolvedBaseline['store'] | null;
  branch?: string | null;
  failOnInconclusive?: boolean | null;
  /** The action's `fail-on-regression: false`: a regression is reported but does not fail. */
  failOnRegression?: boolean | null;
}

/** The invocation of a config no override touched. */
export const DEFAULT_INVOCATION: Invocation = {
  compare: true,
  baseRef: null,
  failOnRegression: true,
};

/** The invocation a loaded config carries (the default when none was applied). */
export function invocationOf(config: LoadedConfig): Invocation {
  return config.invocation ?? DEFAULT_INVOCATION;
}

/**
 * The config with the overrides applied. Pure; the `gate` and `baseline` sections are outside
 * the config hash, so the hash stays valid. An InputError when the overrides contradict the
 * config (a base ref for a config that never measures the base).
 */
export function applyOverrides(config: LoadedConfig, o: ConfigOverrides): LoadedConfig {
  const { gate, baseline } = config.resolved;
  const explicit = o.compareTo === 'stored' || o.compareTo === 'base' ? o.compareTo : null;
  const confirms = gate.confirm === 'same-runner';
  // --compare-ref alone means compare-to: base, unless the config confirms stored comparisons
  // on the same runner: the ref is then the base that confirms them.
  const compareTo = explicit ?? (o.compareRef && !confirms ? 'base' : gate.compareTo);
  if (o.compareRef && compareTo !== 'base' && !confirms)
    throw new InputError('--compare-ref needs --compare-to base (or gate.confirm: same-runner)');
  const previous = invocationOf(config);
  return {
    ...config,
    resolved: {
      ...config.resolved,
      gate: {
        ...gate,
        compareTo,
        failOnInconclusive: o.failOnInconclusive ?? gate.failOnInconclusive,
      },
      baseline: {
        ...baseline,
        mode: o.mode ?? baseline.mode,
        store: o.store ?? baseline.store,
        branch: o.branch ?? baseline.branch,
      },
    },
    invocation: {
      compare: o.compareTo ? o.compareTo !== 'none' : previous.compare,
      baseRef: o.compareRef ?? previous.baseRef,
      failOnRegression: o.failOnRegression ?? previous.failOnRegression,
    },
  };
}
