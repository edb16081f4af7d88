import { z } from 'zod';
import { NAMED_TESTS } from '../config/gate-schema.ts';

// The comparison written by `perfgate compare --format json` (and --out): one schema is the
// source of truth for the TypeScript types and the published comparison.schema.json. Bump
// COMPARISON_VERSION on any incompatible change.

/** Current version of the comparison format. */
export const COMPARISON_VERSION = 1;

/** Every metric a comparison reports, in report order; `max` is reported but never gated. */
export const REPORTED_METRICS = [
  'throughput',
  'p50',
  'p90',
  'p99',
  'max',
  'cpu',
  'rss',
  'errors',
] as const;

const metricKeySchema = z.enum(REPORTED_METRICS);

/** Outcome for one (workload, metric). */
export const metricStatusSchema = z.enum([
  'regression',
  'improvement',
  'no-change',
  'inconclusive',
  'not-gated',
  'not-measured',
]);

/** Tests a verdict can come from; `exact` is the deterministic rule for samples without spread. */
export const testNameSchema = z.enum([
  'session',
  ...NAMED_TESTS,
  'welch-absolute',
  'paired-t-absolute',
  'exact',
]);

const intervalSchema = z.tuple([z.number(), z.number()]);

const sideSummarySchema = z
  .strictObject({
    n: z.number().int().nonnegative().meta({ description: 'Kept runs with a value.' }),
    median: z.number().nullable().meta({ description: 'Median of the kept runs.' }),
    center: z.number().nullable().optional().meta({
      description:
        'The center the change compares (geometric mean, session summary, or median for rank tests): change = candidate center / baseline center - 1.',
    }),
  })
  .meta({
    description: 'One side of a metric: how many runs, their median and the compared center.',
  });

/** One (workload, metric) verdict with its numbers. */
export const metricComparisonSchema = z
  .strictObject({
    metric: metricKeySchema,
    label: z.string().meta({ description: 'Short name shown in reports (req/s, p99, ...).' }),
    direction: z.enum(['lower-is-better', 'higher-is-better']),
    scale: z.enum(['relative', 'absolute']).meta({
      description:
        'relative: change and interval are candidate / baseline - 1 (0.05 = +5%); absolute: candidate - baseline of the raw value (error rate). Which sign is worse follows `direction`.',
    }),
    threshold: z.number().nullable().meta({
      description:
        'Tolerance tau as a fraction (relative) or absolute difference; null when not gated.',
    }),
    gated: z.boolean().meta({ description: 'True when this metric can fail the gate.' }),
    required: z.boolean().optional().meta({
      description:
        'True when a pass needs this metric decided; a gated metric that is not required fails on a regression but, undecided, only informs.',
    }),
    status: metricStatusSchema,
    baseline: sideSummarySchema,
    candidate: sideSummarySchema,
    change: z
      .number()
      .nullable()
      .meta({ description: 'Point estimate of the change, in the unit given by `scale`.' }),
    interval: intervalSchema
      .nullable()
      .meta({ description: 'Two-sided interval of the change at `intervalLevel`.' }),
    intervalLevel: z.number().nullable().optional().meta({
      description:
        "Two-sided level of `interval`, 1 - 2 alpha' share: each bound is a one-sided test at the metric's share of alpha' (alpha, less what adaptive sampling spent), the level of its first weighted-Holm step. A metric a pass needs has REQUIRED_WEIGHT (4) times the share of one that only informs.",
    }),
    pWorse: z
      .number()
      .nullable()
      .meta({ description: 'One-sided p-value of H0: change <= tolerance (the gating test).' }),
    pBetter: z
      .number()
      .nullable()
      .meta({ description: 'One-sided p-value of H0: change >= -tolerance.' }),
    pWorseAdjusted: z.number().nullable().meta({
      description: 'pWorse adjusted with weighted Holm over every gated (workload, metric).',
    }),
    pBetterAdjusted: z
      .number()
      .nullable()
      .meta({ description: 'pBetter adjusted with weighted Holm over the same family.' }),
    test: testNameSchema.nullable(),
    testReason: z.string().meta({ description: 'Which test was used and why.' }),
    noiseFloor: z.number().nullable().meta({
      description:
        'Smallest regression (a positive size, tolerance included) these runs flag with 80% power at the corrected level, in the unit of `change`.',
    }),
    between: z
      .strictObject({
        sd: z.number(),
        source: z.enum(['history', 'default']),
        sessions: z.number().int(),
      })
      .nullable()
      .optional()
      .meta({
        description:
          'Stored comparisons: the spread between sessions (relative sd) the verdict allowed for, estimated from `sessions` recorded sessions or the configured runner noise.',
      }),
    moreRunsNeeded: z.number().int().nullable().meta({
      description: 'For an inconclusive verdict: more runs per side that would likely decide it.',
    }),
    reason: z.string().meta({ description: 'The verdict in words.' }),
  })
  .meta({ description: 'The verdict of one metric of one workload.' });

/** The per-run values of one run, as shown in the raw-data section. */
export const runRowSchema = z.strictObject({
  index: z.number().int().nonnegative(),
  pair: z.number().int().nonnegative().nullable(),
  reqPerSec: z.number(),
  p50: z.number(),
  p90: z.number(),
  p99: z.number(),
  max: z.number(),
  errorRate: z.number(),
  cpuMsPerRequest: z.number().nullable(),
  peakRssBytes: z.number().nullable(),
});

/** The comparison of one workload. */
export const workloadComparisonSchema = z
  .strictObject({
    name: z.string(),
    presence: z.enum(['both', 'missing', 'new']).meta({
      description: 'both: compared; missing: only in the baseline; new: only in this run.',
    }),
    verdict: z.enum(['regression', 'improvement', 'no-change', 'inconclusive', 'not-compared']),
    runs: z.strictObject({ baseline: z.number().int(), candidate: z.number().int() }),
    stopReason: z
      .string()
      .nullable()
      .meta({ description: "Why this run's sampling stopped (adaptive sampling)." }),
    thresholds: z.record(z.string(), z.number().nullable()),
    metrics: z.array(metricComparisonSchema),
    notes: z.array(z.string()),
    samples: z.strictObject({ baseline: z.array(runRowSchema), candidate: z.array(runRowSchema) }),
  })
  .meta({ description: 'Every metric verdict of one workload, with the runs it is based on.' });

/** A comparison-level warning or notice. */
export const comparisonNoteSchema = z.strictObject({
  level: z.enum(['warning', 'info']),
  code: z.enum([
    'machine-differs',
    'config-differs',
    'workload-missing',
    'workload-new',
    'too-few-runs',
    'no-common-workload',
    'noise-floor',
    'pooled',
    'latency-basis',
    'latency-basis-differs',
    'load-client-differs',
    'rate-not-delivered',
    'duet',
  ]),
  message: z.string(),
});

const recordInfoSchema = z
  .strictObject({
    createdAt: z.string(),
    commit: z
      .strictObject({ sha: z.string(), ref: z.string().nullable(), dirty: z.boolean() })
      .nullable(),
    toolVersion: z.string(),
    configHash: z.string(),
    design: z.enum(['independent', 'paired']),
    seed: z.number().int(),
    machine: z.strictObject({
      cpuModel: z.string(),
      cores: z.number().int(),
      memoryBytes: z.number(),
      os: z.string(),
      arch: z.string(),
      node: z.string(),
      fingerprint: z.string(),
    }),
  })
  .meta({ description: 'Where a compared record came from.' });

const breakageSchema = z
  .strictObject({
    summary: z.string().meta({ description: 'The reason in one line, as in the headline.' }),
    workloads: z.array(
      z.strictObject({
        name: z.string(),
        runs: z.number().int().meta({ description: 'Kept runs of the workload.' }),
        noSuccess: z
          .number()
          .int()
          .meta({ description: 'Kept runs without a successful response.' }),
        overLimit: z.number().int().meta({
          description: 'Other kept runs whose error rate is above the limit.',
        }),
        limit: z.number().meta({
          description:
            "Error-rate limit of one run: gate.max-error-rate, or the baseline's worst kept run when higher.",
        }),
        worstRate: z.number().meta({ description: 'Highest error rate of a kept run.' }),
      }),
    ),
  })
  .meta({ description: 'Workloads whose kept runs are broken.' });

/** The whole comparison of a candidate record with a baseline. */
export const comparisonSchema = z
  .strictObject({
    $schema: z.string().optional(),
    kind: z.literal('perfgate-comparison'),
    version: z.literal(COMPARISON_VERSION),
    verdict: z.enum(['pass', 'regression', 'inconclusive', 'broken']).meta({
      description:
        'broken if a kept run of this run had no successful response or too many errors (whatever the statistics say), else regression if any metric regressed, else inconclusive if any is, else pass.',
    }),
    breakage: breakageSchema.nullable().optional().meta({
      description: 'The broken workloads of this run (see verdict broken), or null.',
    }),
    headline: z.string().meta({ description: 'The verdict in one line.' }),
    counts: z.strictObject({
      workloads: z.number().int(),
      gatedMetrics: z.number().int(),
      regressions: z.number().int(),
      improvements: z.number().int(),
      inconclusive: z.number().int().meta({
        description: 'Undecided metrics a pass needs (they keep the verdict inconclusive).',
      }),
      informing: z.number().int().optional().meta({
        description: 'Undecided gated metrics a pass does not wait for.',
      }),
      noChange: z.number().int(),
    }),
    alpha: z.number().meta({ description: 'Family-wise significance level.' }),
    familySize: z
      .number()
      .int()
      .meta({ description: 'Gated (workload, metric) pairs adjusted together (weighted Holm).' }),
    intervalLevel: z.number().meta({
      description:
        "Two-sided level of the intervals of the metrics a pass needs (each metric carries its own `intervalLevel`): with F gated metrics of which R are required, 1 - 2 alpha' 4 / (4 R + F - R). Equal shares (every metric required, or none): 1 - 2 alpha' / familySize.",
    }),
    design: z.enum(['independent', 'paired']),
    notes: z.array(comparisonNoteSchema),
    baseline: z
      .array(recordInfoSchema)
      .meta({ description: 'The baseline record(s), pooled when more than one.' }),
    candidate: recordInfoSchema,
    workloads: z.array(workloadComparisonSchema),
  })
  .meta({
    title: 'perfgate comparison',
    description: 'Verdicts of a candidate results record against a baseline, with their numbers.',
  });

/** One reported metric name. */
export type MetricKey = z.output<typeof metricKeySchema>;
/** Outcome of one (workload, metric). */
export type MetricStatus = z.output<typeof metricStatusSchema>;
/** Test a verdict came from. */
export type TestName = z.output<typeof testNameSchema>;
/** One (workload, metric) verdict. */
export type MetricComparison = z.output<typeof metricComparisonSchema>;
/** The values of one run in the raw-data section. */
export type RunRow = z.output<typeof runRowSchema>;
/** The comparison of one workload. */
export type WorkloadComparison = z.output<typeof workloadComparisonSchema>;
/** A comparison-level note. */
export type ComparisonNote = z.output<typeof comparisonNoteSchema>;
/** Where a compared record came from. */
export type RecordInfo = z.output<typeof recordInfoSchema>;
/** A whole comparison. */
export type Comparison = z.output<typeof comparisonSchema>;
