import type { LoadedConfig } from '../config/loaded-config.ts';
import type { BaseSpec } from '../config/overrides.ts';
import { invocationOf } from '../config/overrides.ts';
import { repoRoot, resolveBaseCommit } from '../same-runner/base-checkout.ts';

// Checks made before any load is sent, so a gate that could never compare says so at once
// instead of measuring for minutes and passing: a base that does not exist, and workloads whose
// runs can never be compared.

/**
 * The commit a same-runner comparison will measure, resolved before any load: an InputError
 * (exit 2) naming the ref when it does not exist, so a typo in --compare-ref never measures this
 * build alone and passes. A ref is taken at its merge-base with HEAD, as prepareBase does.
 */
export async function resolveBaseBeforeLoad(
  config: LoadedConfig,
  spec: BaseSpec,
): Promise<{ sha: string }> {
  const root = await repoRoot(config.dir);
  const sha =
    'ref' in spec
      ? await resolveBaseCommit(root, spec.ref, true)
      : await resolveBaseCommit(root, spec.sha, false);
  return { sha };
}

/** Below this many kept pairs, a side-by-side comparison decides only large changes. */
export const FEW_RUNS = 5;

/**
 * Warnings for workloads whose runs cannot give a useful comparison. A comparison needs at least
 * 2 kept runs per side (an interval needs a spread), so `runs: 1` always ends "inconclusive: too
 * few runs". Side by side (`sideBySide`: the pairs are the samples), 2-4 pairs are too few for
 * the rank test to reach the family's level, and the paired t decides only from 3 pairs, on 2-3
 * degrees of freedom, so identical code rarely earns a pass. A stored comparison judges sessions
 * against the spread between them, which a few more runs per session barely narrow, so it is
 * not warned. (`min-runs` below 2 is refused by the config schema.)
 */
export function tooFewRuns(config: LoadedConfig, sideBySide: boolean): string[] {
  return config.resolved.workloads.flatMap((w) => {
    if (w.runs === 'auto' || w.runs >= FEW_RUNS || (w.runs >= 2 && !sideBySide)) return [];
    return [
      w.runs < 2
        ? `workload "${w.name}" has runs: ${w.runs} (defaults.runs or its own runs): it can never be compared, a comparison needs at least 2 kept runs per side; set runs to 2 or more, or "auto"`
        : `workload "${w.name}" has runs: ${w.runs} (defaults.runs or its own runs): measured side by side, fewer than ${FEW_RUNS} pairs give wide intervals, so only large changes are decided and identical code rarely earns a pass; set runs to ${FEW_RUNS} or more, or "auto" (the default)`,
    ];
  });
}

/** Whether this invocation may measure the base side by side (compare-to: base, confirm, --compare-ref). */
export function mayMeasureSideBySide(config: LoadedConfig): boolean {
  const gate = config.resolved.gate;
  return (
    gate.compareTo === 'base' ||
    gate.confirm === 'same-runner' ||
    invocationOf(config).baseRef !== null
  );
}
