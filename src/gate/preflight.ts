import type { LoadedConfig } from '../config/loaded-config.ts';
import type { BaseSpec } from '../config/overrides.ts';
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

/** Below this many kept runs per side, a comparison decides only large changes. */
export const FEW_RUNS = 5;

/**
 * Warnings for workloads whose runs cannot give a useful comparison: a comparison needs at least
 * 2 kept runs per side (an interval needs a spread), so `runs: 1` always ends "inconclusive: too
 * few runs"; with 2-4 the rank tests cannot reach the family's level and the paired t decides on
 * 1-3 degrees of freedom, so identical code rarely earns a pass. (`min-runs` below 2 is refused
 * by the config schema.)
 */
export function tooFewRuns(config: LoadedConfig): string[] {
  return config.resolved.workloads.flatMap((w) => {
    if (w.runs === 'auto' || w.runs >= FEW_RUNS) return [];
    return [
      w.runs < 2
        ? `workload "${w.name}" has runs: ${w.runs} (defaults.runs or its own runs): it can never be compared, a comparison needs at least 2 kept runs per side; set runs to 2 or more, or "auto"`
        : `workload "${w.name}" has runs: ${w.runs} (defaults.runs or its own runs): with fewer than ${FEW_RUNS} kept runs per side the intervals are wide, so only large changes are decided and identical code rarely earns a pass; set runs to ${FEW_RUNS} or more, or "auto" (the default)`,
    ];
  });
}
