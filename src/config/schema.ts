import { z } from 'zod';
import { baselineSchema, gateSchema } from './gate-schema.ts';
import { LOAD_OPTION_DEFAULTS as LOAD, THRESHOLD_DEFAULTS } from './defaults.ts';
import { requestSchema } from './request-schema.ts';
import { cpuList, serverSchema } from './server-schema.ts';
import { checkConfigSemantics } from './semantics.ts';
import { parseShard, SHARD_EXPECTED } from './shard-spec.ts';
import { objectivesSchema, stagesSchema } from './workload-extras-schema.ts';
import { duration, percent } from './units.ts';

// The one source of truth for perfgate.yml: the TypeScript types are inferred from it and
// perfgate.schema.json and docs/config.md are generated from it (scripts/gen-schemas.ts).
// Every object is strict, so a misspelt key is an error rather than a silently ignored
// setting. `default` in .meta() is documentation only (resolve.ts applies the defaults, from
// the same constants), so "not set" stays distinguishable from "set to the default".
// The request (request-schema.ts) and the server (server-schema.ts) live in files of their own.

const runs = z
  .union(
    [
      z
        .number()
        .int('expected a whole number of runs')
        .min(1, 'expected at least 1 run')
        .max(1000, 'expected at most 1000 runs'),
      z.literal('auto'),
    ],
    { error: 'expected a number of runs from 1 to 1000, or "auto"' },
  )
  .meta({
    description:
      'Kept (measured) runs per workload, or "auto" for adaptive sampling between min-runs and max-runs. Fewer than 5 measured side by side is warned before the run: so few pairs decide only large changes (1 can never be compared).',
  });

const count = (what: string, min: number, max?: number) => {
  const expected = `expected a whole number of ${what} from ${min}${max === undefined ? ' up' : ` to ${max}`}`;
  const n = z.number().int(expected).min(min, expected);
  return max === undefined ? n : n.max(max, expected);
};

/** Load and sampling options; set in `defaults` and overridable per workload. */
export const loadOptionsShape = {
  connections: count('connections', 1, 10_000)
    .optional()
    .meta({ description: 'Concurrent connections (closed model).', default: LOAD.connections }),
  pipelining: count('requests', 1, 1000)
    .optional()
    .meta({ description: 'Requests in flight per connection.', default: LOAD.pipelining }),
  duration: duration.optional().meta({
    description: 'Length of one run. Ignored when `requests` is set.',
    default: LOAD.duration,
  }),
  requests: count('requests', 1).optional().meta({
    description:
      'End a run after this many requests instead of after `duration`. With `rate`, the run sends this many requests at that rate.',
  }),
  iterations: count('iterations', 1).optional().meta({
    description:
      'End a run after this many iterations: passes through all the steps of a sequence (a sequence of 4 steps with iterations: 10000 sends 40,000 requests), or requests of a single-request or mix workload. Not together with `requests`.',
  }),
  stages: stagesSchema.optional(),
  think: duration.optional().meta({
    description:
      'Think time: each connection waits this long after a response before it sends its next request (closed model, built-in client). Not measured as latency.',
  }),
  rate: z.number().positive('expected a positive number of requests per second').optional().meta({
    description:
      'Open model: send this many requests per second in total, whatever the latency (latency is corrected for coordinated omission). Combines with `duration` or `requests`.',
  }),
  timeout: duration.optional().meta({
    description: 'Per-request timeout; a request slower than this counts as a timeout error.',
    default: LOAD.timeout,
  }),
  runs: runs.optional().meta({ default: LOAD.runs }),
  warmup: count('runs', 0, 100)
    .optional()
    .meta({ description: 'Runs made and discarded before the kept runs.', default: LOAD.warmup }),
  'min-runs': count('runs', 2)
    .optional()
    .meta({ description: 'With runs: auto, the fewest kept runs.', default: LOAD['min-runs'] }),
  'max-runs': count('runs', 2)
    .optional()
    .meta({ description: 'With runs: auto, the most kept runs.', default: LOAD['max-runs'] }),
  budget: duration.optional().meta({
    description: 'With runs: auto, stop adding runs after this much total time.',
    default: LOAD.budget,
  }),
  latency: z
    .enum(['corrected', 'service'], { error: 'expected "corrected" or "service"' })
    .optional()
    .meta({
      description:
        'Closed model: which latency p50/p90/p99 (and the gate) use. corrected: corrected for coordinated omission as wrk does, so a server stall shows in the percentiles; service: from sending a request to its answer only. Both are recorded. The open model always measures from when each request was due.',
      default: LOAD.latency,
    }),
  'min-rate-share': percent.optional().meta({
    description:
      'Open model: a run that sends less than this share of `rate` is flagged, and fails the gate as a measurement problem (add connections, or lower the rate).',
    default: LOAD['min-rate-share'],
  }),
  client: z
    .enum(['auto', 'autocannon'], { error: 'expected "auto" or "autocannon"' })
    .optional()
    .meta({
      description:
        "Load client. auto: perfgate's built-in HTTP/1.1 client (the least CPU per request) for closed-model http:// workloads without pipelining, autocannon for `rate`, `pipelining` and https://; autocannon: always autocannon.",
      default: LOAD.client,
    }),
};

const thresholdValue = (description: string, metric: keyof typeof THRESHOLD_DEFAULTS) =>
  z
    .union([percent, z.literal('off')], { error: 'expected a percentage such as "3%", or "off"' })
    .optional()
    .meta({ description, default: THRESHOLD_DEFAULTS[metric] });

/** Tolerances per metric: a regression must be confidently larger than this to fail the gate. */
export const thresholdsSchema = z
  .strictObject({
    throughput: thresholdValue('Requests/s decrease tolerated.', 'throughput'),
    p50: thresholdValue('Median latency increase tolerated.', 'p50'),
    p90: thresholdValue('p90 latency increase tolerated.', 'p90'),
    p99: thresholdValue('p99 latency increase tolerated.', 'p99'),
    cpu: thresholdValue('Server CPU time per request increase tolerated.', 'cpu'),
    rss: thresholdValue('Server peak memory increase tolerated.', 'rss'),
    errors: thresholdValue(
      'Absolute increase of the error rate tolerated (0.1% = one request in a thousand).',
      'errors',
    ),
  })
  .meta({
    id: 'thresholds',
    description: 'Per-metric tolerances; "off" stops gating on that metric.',
  });

const workloadCommon = {
  name: z
    .string()
    .trim()
    .min(1, 'expected a non-empty name')
    .max(100, 'expected a name of at most 100 characters')
    .meta({ description: 'Unique name of the workload, shown in reports.' }),
  setup: z.array(requestSchema).optional().meta({
    description:
      'Requests made once before each run is measured (not measured); their captures are available to the workload.',
  }),
  data: z.string().min(1, 'expected a file path').optional().meta({
    description:
      'A data file, relative to the config file: CSV with a header row (.csv) or JSON lines (.jsonl, .ndjson), one object per line. Each iteration takes the next row, round-robin from the first in every run; use its fields as {{data.<column>}}.',
  }),
  thresholds: thresholdsSchema.optional(),
  objectives: objectivesSchema.optional(),
  ...loadOptionsShape,
};

/** A workload of one request, repeated. */
export const singleWorkloadSchema = z
  .strictObject({ ...workloadCommon, ...requestSchema.shape })
  .check((payload) => {
    // A workload with `steps` is a sequence. Without this abort, zod's union would pick this
    // alternative (its only complaint, an unknown key, does not abort) and report the
    // sequence's real problems as "unknown key: steps".
    const hasSteps = payload.issues.some(
      (i) => i.code === 'unrecognized_keys' && (i.keys.includes('steps') || i.keys.includes('mix')),
    );
    if (hasSteps) {
      payload.issues.push({
        code: 'custom',
        message: 'expected no steps',
        input: payload.value,
        continue: false,
      });
    }
  })
  .meta({ title: 'single request', description: 'A workload of one request, repeated.' });

/** A workload of several requests made in order by each connection, with captured values. */
export const sequenceWorkloadSchema = z
  .strictObject({
    ...workloadCommon,
    steps: z
      .array(requestSchema)
      .min(1, 'expected at least one step')
      .meta({ description: 'Requests made in order, again and again, by each connection.' }),
  })
  .meta({
    title: 'sequence',
    description: 'A workload of several requests made in order, with captured values.',
  });

/** One request of a weighted mix. */
const mixEntrySchema = requestSchema
  .omit({ capture: true })
  .extend({
    weight: count('shares', 1, 1000).meta({
      description: 'Share of the requests that go to this entry, relative to the other entries.',
    }),
  })
  .meta({ id: 'mix-entry', description: 'One request of a weighted mix, with its weight.' });

/** A workload of several independent requests sent in proportion to their weights. */
export const mixWorkloadSchema = z
  .strictObject({
    ...workloadCommon,
    mix: z.array(mixEntrySchema).min(2, 'expected at least two entries').max(50).meta({
      description:
        'Requests sent in proportion to their weights, interleaved in a fixed order (smooth weighted round-robin), so every run sends the same mix. Each entry is measured like a step of a sequence.',
    }),
  })
  .meta({
    title: 'weighted mix',
    description: 'A workload of several independent requests, sent in proportion to their weights.',
  });

/** One workload: a sequence when it has `steps`, a mix with `mix`, otherwise a single request. */
export const workloadSchema = z.union([
  sequenceWorkloadSchema,
  mixWorkloadSchema,
  singleWorkloadSchema,
]);

/**
 * Which branch of a union of objects a given input meant, for error reporting: a workload
 * with `steps` is a sequence, anything else a single request. Without this a typo in a
 * workload would be reported against both forms at once.
 */
export const UNION_BRANCH_CHOOSERS = new Map<z.ZodType, (input: Record<string, unknown>) => number>(
  [[workloadSchema, (input) => ('steps' in input ? 0 : 'mix' in input ? 1 : 2)]],
);

export const configSchema = z
  .strictObject({
    $schema: z
      .string()
      .optional()
      .meta({ description: 'URL or path of this JSON Schema, for editors.' }),
    version: z.literal(1).optional().meta({ description: 'Config format version.', default: 1 }),
    server: serverSchema,
    load: z
      .strictObject({
        cpus: cpuList('1')
          .optional()
          .meta({ description: 'Pin the load generator to these CPUs (taskset list syntax).' }),
      })
      .optional()
      .meta({ description: 'Where the load generator runs.' }),
    defaults: z.strictObject(loadOptionsShape).optional().meta({
      description: 'Load and sampling options for every workload; each workload may override them.',
    }),
    thresholds: thresholdsSchema.optional(),
    objectives: objectivesSchema.optional(),
    gate: gateSchema.optional(),
    baseline: baselineSchema.optional(),
    seed: z
      .number()
      .int('expected a whole number')
      .min(0, 'expected a whole number from 0 up')
      .optional()
      .meta({ description: 'Seed for the randomized workload order. Default: random, logged.' }),
    shard: z
      .string()
      .refine((s) => parseShard(s) !== null, { error: `expected ${SHARD_EXPECTED}` })
      .optional()
      .meta({
        description:
          'Measure only shard i of n of the workloads (a job of a matrix; see docs/sharding.md). The action input `shard` and `--shard` override it. Default: every workload.',
      }),
    workloads: z
      .array(workloadSchema)
      .min(1, 'expected at least one workload')
      .meta({ description: 'The HTTP workloads to measure.' }),
  })
  .superRefine(checkConfigSemantics, { when: () => true })
  .meta({
    title: 'perfgate configuration',
    description: 'perfgate.yml: what to start, what to send, what to tolerate.',
  });

/** A config as written in the file (durations and percentages as text). */
export type ConfigInput = z.input<typeof configSchema>;
/** A config after parsing (durations in ms, percentages as fractions). */
export type ParsedConfig = z.output<typeof configSchema>;
/** One request as parsed. */
export type RequestSpec = z.output<typeof requestSchema>;
/** One workload as parsed. */
export type WorkloadSpec = z.output<typeof workloadSchema>;
/** Absolute objectives as parsed. */
export type ObjectivesSpec = z.output<typeof objectivesSchema>;
