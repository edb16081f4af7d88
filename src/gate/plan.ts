import type { RunEvent } from '../baseline/mode.ts';
import { decideBaselineMode } from '../baseline/mode.ts';
import type { Pairing } from '../config/gate-schema.ts';
import { effectivePairing } from '../config/gate-schema.ts';
import type { LoadedConfig } from '../config/loaded-config.ts';
import type { ResolvedWorkload } from '../config/resolve.ts';
import { MACHINE_BOUND_METRICS } from '../verdict/objectives.ts';
import type { BaseSpec } from '../config/overrides.ts';
import { invocationOf } from '../config/overrides.ts';
import { InputError } from '../errors.ts';

/** Where the run happens, as far as baselines care: the event and the refs. */
export interface RunPlace {
  event: RunEvent;
  ref: string | null;
  defaultBranch: string | null;
  /** The pull request's base commit (or the commit before a push), when known. */
  baseSha?: string | null;
}

/**
 * How this build is measured. `alone`: by itself, compared with the stored baseline (when
 * there is one). `side-by-side`: interleaved with the base build (compare-to: base).
 * `confirm`: alone, then side by side when the stored comparison did not pass
 * (confirm: same-runner).
 */
export type MeasuringPath = 'alone' | 'side-by-side' | 'confirm';

/** What a gate run will do, decided before anything is started. */
export interface GatePlan {
  /** Record this run as the baseline once it succeeded. */
  record: boolean;
  /** Compare with a baseline at all. */
  compare: boolean;
  path: MeasuringPath;
  /** The base to build when measuring side by side, as asked; null when none is known. */
  base: BaseSpec | null;
  /**
   * How the two builds share the machine when measured side by side (gate.pairing, with auto
   * decided): a record destined to be the baseline is measured alternating, even in a shard
   * whose merge records it.
   */
  pairing: Pairing;
}

/** What the plan depends on. */
export interface PlanInput {
  config: LoadedConfig;
  place: RunPlace;
  /** Explicit baseline records were given: compare with them, never record. */
  explicitBaseline: boolean;
  /** A baseline store is in use. */
  hasStore: boolean;
  /** A shard of a sharded run never records: its merge does, once, for every shard. */
  noRecord?: boolean;
}

/**
 * The plan of a gate run, from the config (with its overrides), the place and the baseline
 * source. Pure. An InputError (exit 2, before any load) when the mode refuses the place, e.g.
 * `mode: record` on a pull request.
 */
export function planGate(i: PlanInput): GatePlan {
  const { gate, baseline } = i.config.resolved;
  const invocation = invocationOf(i.config);
  const decision = decideBaselineMode({
    mode: i.explicitBaseline ? 'compare' : baseline.mode,
    event: i.place.event,
    ref: i.place.ref,
    defaultBranch: i.place.defaultBranch,
  });
  if (!decision.ok) throw new InputError(decision.error);
  const compare = decision.compare && invocation.compare;
  const path: MeasuringPath = !compare
    ? 'alone'
    : gate.compareTo === 'base'
      ? 'side-by-side'
      : gate.confirm === 'same-runner'
        ? 'confirm'
        : 'alone';
  const base: BaseSpec | null = invocation.baseRef
    ? { ref: invocation.baseRef }
    : i.place.baseSha
      ? { sha: i.place.baseSha }
      : null;
  const destinedForBaseline = decision.record && !i.explicitBaseline && i.hasStore;
  return {
    record: destinedForBaseline && !i.noRecord,
    compare,
    path,
    base,
    pairing: effectivePairing(gate.pairing, {
      recordsBaseline: destinedForBaseline,
      absoluteObjectives: hasAbsoluteObjectives(
        i.config.allWorkloads ?? i.config.resolved.workloads,
      ),
    }),
  };
}

/** Some workload sets an objective on requests/s or latency (checked only on a machine alone). */
export function hasAbsoluteObjectives(workloads: readonly ResolvedWorkload[]): boolean {
  return workloads.some((w) => MACHINE_BOUND_METRICS.some((m) => w.objectives?.[m] !== undefined));
}

/**
 * The config with `gate.pairing` decided (auto resolved), as the session and the record see it.
 * In a duet latency is not gated (its tolerances become off, so the record says so): each
 * server's latency is that of a CPU shared with the other build, whose scheduling magnifies a
 * difference of CPU time (+10% of CPU per request read +6% to +39% at the median here);
 * requests/s and CPU time per request decide.
 */
export function withPairing(config: LoadedConfig, pairing: Pairing): LoadedConfig {
  const { resolved } = config;
  if (resolved.gate.pairing === pairing && pairing !== 'duet') return config;
  const gate = { ...resolved.gate, pairing };
  if (pairing !== 'duet') return { ...config, resolved: { ...resolved, gate } };
  return {
    ...config,
    resolved: { ...resolved, gate, workloads: resolved.workloads.map(latencyOff) },
    ...(config.allWorkloads ? { allWorkloads: config.allWorkloads.map(latencyOff) } : {}),
  };
}

function latencyOff(w: ResolvedWorkload): ResolvedWorkload {
  return { ...w, thresholds: { ...w.thresholds, p50: null, p90: null, p99: null } };
}
