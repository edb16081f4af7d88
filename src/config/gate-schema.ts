import { z } from 'zod';
import { parsePercent, percent } from './units.ts';
import { refNameProblem } from './limits.ts';

/** Tests a user can name (`gate.test`, `perfgate compare --test`). */
export const NAMED_TESTS = [
  'welch',
  'mann-whitney',
  'paired-t',
  'trimmed',
  'signed-rank',
  'sign',
] as const;

/** What `gate.test` accepts: a named test, or 'auto' to let the design choose. */
export const TEST_REQUESTS = ['auto', ...NAMED_TESTS] as const;

/** One of TEST_REQUESTS. */
export type TestRequest = (typeof TEST_REQUESTS)[number];

// The `gate` and `baseline` sections of perfgate.yml: how a comparison is decided and where
// baselines live. They change what is concluded, not what is measured, so they stay out of
// the config hash.

/** Defaults of the gate section, as a user would write them. */
export const GATE_DEFAULTS = {
  'compare-to': 'stored',
  confirm: 'none',
  pairing: 'auto',
  alpha: 0.05,
  test: 'auto',
  'fail-on-inconclusive': false,
  required: ['cpu', 'errors'],
  'max-error-rate': '50%',
} as const;

/** Defaults of the baseline section, as a user would write them. */
export const BASELINE_DEFAULTS = {
  store: 'auto',
  dir: '.perfgate',
  branch: 'perfgate-baselines',
  mode: 'auto',
  pool: 1,
  history: 20,
  'runner-noise': '10%',
  'merge-base': false,
  mismatch: 'warn',
  'on-missing': 'pass',
  keep: 30,
  'max-age-days': 180,
} as const;

export const gateSchema = z
  .strictObject({
    'compare-to': z.enum(['stored', 'base']).optional().meta({
      description:
        'stored: compare with the baseline recorded on the default branch; base: build and run the base commit on this machine too, in pairs with this one (see pairing), and decide with the paired test.',
      default: GATE_DEFAULTS['compare-to'],
    }),
    confirm: z.enum(['none', 'same-runner']).optional().meta({
      description:
        'same-runner: compare with the stored baseline first, and only when that says regression or inconclusive, measure the base commit side by side and let the paired result decide.',
      default: GATE_DEFAULTS.confirm,
    }),
    pairing: z.enum(['auto', 'alternate', 'duet']).optional().meta({
      description:
        'How the base and this build are measured side by side. duet: both at the same time on the same CPUs, each with its own load (duet benchmarking, Bulej et al. 2020), so the machine is the same for both at every moment and a change of machine speed (a noisy neighbour, a throttled CPU) hits both alike; each server gets about half of the CPUs, so requests/s and latency read as on a machine shared with the other build (such a record is never stored as a baseline), while CPU time per request is unchanged. alternate: one run of each in turn, in a shuffled order; a change of machine speed between the two runs of a pair reads as a change of the code, but every run has the machine to itself. auto: duet, except in a run whose record becomes the baseline (a push to the default branch with a store) or whose workloads set objectives on requests/s or latency, which alternates so that those figures are those of this build alone. In a duet latency is shown but not gated (requests/s and CPU time per request decide). See docs/same-runner.md.',
      default: GATE_DEFAULTS.pairing,
    }),
    alpha: z
      .number()
      .gt(0, 'expected a probability between 0 and 0.5')
      .max(0.5, 'expected a probability between 0 and 0.5')
      .optional()
      .meta({
        description:
          'Family-wise false-alarm rate over every gated (workload, metric) pair (weighted Holm: a metric of `required` gets 4 times the share of one that only informs).',
        default: GATE_DEFAULTS.alpha,
      }),
    test: z.enum(TEST_REQUESTS).optional().meta({
      description:
        'auto: for a same-runner comparison the Wilcoxon signed-rank test with the Hodges-Lehmann interval of the per-pair log ratios; for a stored baseline a t test on session summaries against the spread between sessions. A test named here applies where the design allows it (paired tests to paired runs, welch and mann-whitney to a stored baseline), else auto.',
      default: GATE_DEFAULTS.test,
    }),
    'fail-on-inconclusive': z.boolean().optional().meta({
      description: 'Fail the gate when a gated metric is inconclusive, not only on a regression.',
      default: GATE_DEFAULTS['fail-on-inconclusive'],
    }),
    required: z
      .array(z.enum(['throughput', 'p50', 'p90', 'p99', 'cpu', 'rss', 'errors']))
      .optional()
      .meta({
        description:
          'Metrics a pass must decide (confidently within tolerance). Every gated metric fails the gate on a regression; an undecided metric outside this list only informs, so noisy ones (p99, memory) do not keep identical code from a pass. These metrics get 4 times the share of alpha of the others (weighted Holm), so their intervals are narrower.',
        default: [...GATE_DEFAULTS.required],
      }),
    'max-error-rate': percent
      .refine((v) => v <= 1, { message: 'expected a percentage up to 100%' })
      .optional()
      .meta({
        description:
          "A kept run with more failed requests than this (or with no successful response at all) is broken and fails the gate whatever the statistics say, also without a baseline. A workload whose baseline already had a run above it is held to that run's rate instead.",
        default: GATE_DEFAULTS['max-error-rate'],
      }),
  })
  .meta({ description: 'How a comparison is decided.' });

export const baselineSchema = z
  .strictObject({
    store: z.enum(['auto', 'git', 'directory']).optional().meta({
      description:
        'Where baselines live: git (an orphan branch of this repository), directory (a local folder), or auto (git inside GitHub Actions, directory otherwise).',
      default: BASELINE_DEFAULTS.store,
    }),
    dir: z.string().min(1).optional().meta({
      description: 'Folder of the directory store, relative to the config file.',
      default: BASELINE_DEFAULTS.dir,
    }),
    branch: z
      .string()
      .regex(/^[A-Za-z0-9._/-]+$/, 'expected a git branch name')
      .refine(
        (v) => refNameProblem(v) === null,
        'expected a valid git branch name (as git check-ref-format --branch: no "..", no leading "-" or "/", no component starting with "." or ending with ".lock")',
      )
      .optional()
      .meta({ description: 'Branch of the git store.', default: BASELINE_DEFAULTS.branch }),
    mode: z.enum(['auto', 'record', 'compare']).optional().meta({
      description:
        'auto: record on a push to the default branch, compare on a pull request; record / compare force one. A pull request never records.',
      default: BASELINE_DEFAULTS.mode,
    }),
    pool: z.number().int().min(1).max(20).optional().meta({
      description:
        'Pool the runs of the last K records for the same config (robust to one bad day).',
      default: BASELINE_DEFAULTS.pool,
    }),
    history: z.number().int().min(1).max(100).optional().meta({
      description:
        'Recorded sessions (records of the same config, newest first) the spread between runner sessions is estimated from; from 5 on the estimate replaces runner-noise.',
      default: BASELINE_DEFAULTS.history,
    }),
    'runner-noise': percent.optional().meta({
      description:
        "Spread between runner sessions (sd of a session's offset) assumed while fewer than 5 records exist. The default, 10%, is what hosted runners show between machines (swings of 10-20%).",
      default: BASELINE_DEFAULTS['runner-noise'],
    }),
    'merge-base': z.boolean().optional().meta({
      description: "Prefer the record of the pull request's merge-base commit when one exists.",
      default: BASELINE_DEFAULTS['merge-base'],
    }),
    mismatch: z.enum(['warn', 'refuse']).optional().meta({
      description:
        'What to do with a baseline from another machine or another config: use it with a loud warning, or refuse it.',
      default: BASELINE_DEFAULTS.mismatch,
    }),
    'on-missing': z.enum(['pass', 'fail']).optional().meta({
      description: 'When there is no baseline yet: pass with a notice, or fail.',
      default: BASELINE_DEFAULTS['on-missing'],
    }),
    keep: z.number().int().min(1).max(1000).optional().meta({
      description: 'Records kept per config; older ones are pruned on every save.',
      default: BASELINE_DEFAULTS.keep,
    }),
    'max-age-days': z.number().int().min(1).optional().meta({
      description:
        'Records older than this are pruned (the newest record of a config is always kept).',
      default: BASELINE_DEFAULTS['max-age-days'],
    }),
  })
  .meta({ description: 'Where baselines are stored and which one a comparison uses.' });

/** The gate section with defaults filled in. */
export interface ResolvedGate {
  compareTo: 'stored' | 'base';
  confirm: 'none' | 'same-runner';
  /** How the two builds of a same-runner comparison share the machine (auto: see effectivePairing). */
  pairing: PairingRequest;
  alpha: number;
  test: TestRequest;
  failOnInconclusive: boolean;
  required: GatedMetricName[];
  /** Error-rate limit of one kept run, a fraction (0.5 = 50%). */
  maxErrorRate: number;
}

/** A metric `gate.required` can name. */
export type GatedMetricName = 'throughput' | 'p50' | 'p90' | 'p99' | 'cpu' | 'rss' | 'errors';

/** The baseline section with defaults filled in (dir made absolute). */
export interface ResolvedBaseline {
  store: 'auto' | 'git' | 'directory';
  dir: string;
  branch: string;
  mode: 'auto' | 'record' | 'compare';
  pool: number;
  history: number;
  /** Relative sd of a session offset assumed while the history is short. */
  runnerNoise: number;
  mergeBase: boolean;
  mismatch: 'warn' | 'refuse';
  onMissing: 'pass' | 'fail';
  keep: number;
  maxAgeDays: number;
}

/** What `gate.pairing` accepts. */
export type PairingRequest = 'auto' | 'alternate' | 'duet';

/** How two builds measured side by side actually share the machine. */
export type Pairing = 'alternate' | 'duet';

/** What decides `gate.pairing: auto`. */
export interface PairingNeeds {
  /** The record is to become the baseline: its figures must be this build's alone. */
  recordsBaseline: boolean;
  /** An objective on requests/s or latency must be checked: it needs the machine alone. */
  absoluteObjectives: boolean;
}

/**
 * The pairing a side-by-side session uses. `auto` is a duet (the machine is the same for both
 * builds at every moment), except when an absolute figure of this build matters: a record that
 * becomes the baseline, or an objective on requests/s or latency; such a run alternates.
 */
export function effectivePairing(requested: PairingRequest, needs: PairingNeeds): Pairing {
  if (requested !== 'auto') return requested;
  return needs.recordsBaseline || needs.absoluteObjectives ? 'alternate' : 'duet';
}

/** Fills in the gate section's defaults. */
export function resolveGate(g: z.output<typeof gateSchema> | undefined): ResolvedGate {
  const d = GATE_DEFAULTS;
  return {
    compareTo: g?.['compare-to'] ?? d['compare-to'],
    confirm: g?.confirm ?? d.confirm,
    pairing: g?.pairing ?? d.pairing,
    alpha: g?.alpha ?? d.alpha,
    test: g?.test ?? d.test,
    failOnInconclusive: g?.['fail-on-inconclusive'] ?? d['fail-on-inconclusive'],
    required: [...(g?.required ?? d.required)],
    maxErrorRate: g?.['max-error-rate'] ?? (parsePercent(d['max-error-rate']) as number),
  };
}

/** Fills in the baseline section's defaults; `resolvePath` anchors the directory store. */
export function resolveBaseline(
  b: z.output<typeof baselineSchema> | undefined,
  resolvePath: (p: string) => string,
): ResolvedBaseline {
  const d = BASELINE_DEFAULTS;
  return {
    store: b?.store ?? d.store,
    dir: resolvePath(b?.dir ?? d.dir),
    branch: b?.branch ?? d.branch,
    mode: b?.mode ?? d.mode,
    pool: b?.pool ?? d.pool,
    history: b?.history ?? d.history,
    runnerNoise: b?.['runner-noise'] ?? (parsePercent(d['runner-noise']) as number),
    mergeBase: b?.['merge-base'] ?? d['merge-base'],
    mismatch: b?.mismatch ?? d.mismatch,
    onMissing: b?.['on-missing'] ?? d['on-missing'],
    keep: b?.keep ?? d.keep,
    maxAgeDays: b?.['max-age-days'] ?? d['max-age-days'],
  };
}
