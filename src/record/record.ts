import { z } from 'zod';

// The results record written by `perfgate run --out` and stored as a baseline. One schema is
// the source of truth for the TypeScript types and the published results.schema.json. Bump
// RECORD_VERSION on any incompatible change and add a migration in the baseline module.

/** Current version of the results record format. */
export const RECORD_VERSION = 1;

/**
 * Largest plausible measured value (rates, bytes, microseconds): far above anything a machine
 * measures, far below where sums of runs would overflow to Infinity. A record past it is damaged
 * or forged, and is refused rather than compared ("+4.1e+306%").
 */
const MAX_MEASURE = 1e15;
const measure = () =>
  z
    .number()
    .nonnegative('expected a non-negative number')
    .max(MAX_MEASURE, `expected a number at most ${MAX_MEASURE}`);

const latencySchema = z
  .strictObject({
    mean: measure(),
    p50: measure(),
    p90: measure(),
    p99: measure(),
    max: measure(),
  })
  .meta({ description: 'Latency of the responses of one run, in microseconds.' });

const rateSchema = z
  .strictObject({
    target: z.number().positive().meta({ description: 'The rate asked for, requests/s.' }),
    achieved: z.number().nonnegative().meta({ description: 'Requests sent per second.' }),
    due: z
      .number()
      .int()
      .nonnegative()
      .meta({ description: 'Requests due by the end of the run.' }),
    dropped: z.number().int().nonnegative().meta({
      description: 'Requests due but not sent by the end of the run (the client fell behind).',
    }),
    minShare: z.number().min(0).meta({
      description:
        'The least share of target the run had to send (min-rate-share); below it the run is flagged.',
    }),
  })
  .meta({ description: 'Open model: what the run delivered against its target rate.' });

const errorsSchema = z
  .strictObject({
    connection: z
      .number()
      .int()
      .nonnegative()
      .meta({ description: 'Connection errors (refused, reset, closed).' }),
    timeout: z
      .number()
      .int()
      .nonnegative()
      .meta({ description: 'Requests that got no response within the timeout.' }),
    status: z
      .number()
      .int()
      .nonnegative()
      .meta({ description: 'Responses with an unexpected status (default: not 2xx).' }),
    body: z
      .number()
      .int()
      .nonnegative()
      .meta({ description: 'Responses whose body did not match, or lacked a value to capture.' }),
    // Optional, so records written before these kinds were counted stay readable (as 0).
    protocol: z.number().int().nonnegative().optional().meta({
      description:
        'Bytes that were not an HTTP/1.x response: a garbage status line, broken framing, a response cut off.',
    }),
    incomplete: z.number().int().nonnegative().optional().meta({
      description:
        'Requests still unanswered when the run ended, after waiting longer than its slowest response and half the run, and still unanswered after a drain of up to 1 s.',
    }),
  })
  .meta({ description: 'Errors of one run, by kind.' });

/** One measured (or warm-up) run of one workload. */
export const runSampleSchema = z
  .strictObject({
    index: z
      .number()
      .int()
      .nonnegative()
      .meta({ description: 'Run number within the workload, from 0, warm-up runs included.' }),
    round: z.number().int().nonnegative().meta({
      description: 'Round in which the run was made (workload order is shuffled per round).',
    }),
    pair: z.number().int().nonnegative().optional().meta({
      description:
        'Pair index for paired (same-runner) designs: runs with the same pair were made side by side.',
    }),
    warmup: z
      .boolean()
      .meta({ description: 'True for warm-up runs, which are never used in comparisons.' }),
    startedAt: z.string().meta({ description: 'ISO time the run started.' }),
    elapsedMs: measure(),
    requests: z
      .number()
      .int()
      .nonnegative()
      .meta({ description: 'Responses received (any status).' }),
    reqPerSec: measure().meta({ description: 'Successful responses per second.' }),
    bytesPerSec: measure(),
    latencyUs: latencySchema,
    latencyBasis: z.enum(['corrected', 'service', 'intended']).optional().meta({
      description:
        "What latencyUs is (the gated figures): corrected, closed-model times corrected for coordinated omission (wrk's expected-interval correction); service, send-to-answer times; intended, open-model times from when each request was due. Absent in records made before it existed, whose latencyUs is service time.",
    }),
    serviceLatencyUs: latencySchema.nullable().optional().meta({
      description: 'Send-to-answer latency without correction; null in the open model.',
    }),
    rate: rateSchema.nullable().optional(),
    errors: errorsSchema,
    errorRate: z
      .number()
      .min(0, 'expected a rate from 0 to 1')
      .max(1, 'expected a rate from 0 to 1')
      .meta({
        description:
          'Errors of every kind divided by requests attempted (responses + connection, timeout, protocol and incomplete errors).',
      }),
    cpuMsPerRequest: measure().nullable().meta({
      description: 'Server CPU time (user + system, whole process tree) per response, in ms.',
    }),
    peakRssBytes: z
      .number()
      .nonnegative()
      .nullable()
      .meta({ description: 'Peak resident memory of the server tree during the run.' }),
    loadCpu: z
      .number()
      .nonnegative()
      .meta({ description: 'Load generator CPU use, as a fraction of one core.' }),
    loadClient: z.enum(['c', 'javascript', 'autocannon']).optional().meta({
      description:
        'Which client ran the run: the built-in client compiled from load-client.c (c) or in JavaScript (javascript: no C compiler, not Linux, PERFGATE_C_CLIENT=0, or a workload the C build does not run), or autocannon. Absent in records made before it existed.',
    }),
    steps: z
      .array(
        z.strictObject({
          step: z.string().meta({ description: 'Method and path of the step, as configured.' }),
          requests: z.number().int().nonnegative(),
          latencyUs: latencySchema,
        }),
      )
      .optional()
      .meta({
        description:
          'Latency of each step of a sequence or entry of a mix (built-in client only); absent for one request.',
      }),
  })
  .meta({ description: 'What one run of one workload measured.' });

const machineSchema = z
  .strictObject({
    cpuModel: z.string(),
    cores: z.number().int().positive(),
    memoryBytes: measure(),
    os: z.string().meta({ description: 'Platform and kernel release.' }),
    arch: z.string(),
    node: z.string(),
    fingerprint: z
      .string()
      .meta({ description: 'Hash of CPU model, cores, platform, arch and Node major version.' }),
  })
  .meta({ description: 'The machine the runs were made on.' });

/** The runs of one workload. */
export const workloadResultSchema = z.strictObject({
  name: z.string(),
  runs: z.array(runSampleSchema).min(1, 'expected at least one run'),
  stopReason: z
    .string()
    .optional()
    .meta({ description: 'Why sampling stopped (adaptive sampling).' }),
  warnings: z.array(z.string()).optional(),
});

/** The whole results record. */
export const resultsRecordSchema = z
  .strictObject({
    $schema: z.string().optional(),
    kind: z.literal('perfgate-results'),
    version: z.literal(RECORD_VERSION),
    tool: z.strictObject({ name: z.literal('perfgate'), version: z.string() }),
    createdAt: z.string().meta({ description: 'ISO time the session started.' }),
    commit: z
      .strictObject({ sha: z.string(), ref: z.string().nullable(), dirty: z.boolean() })
      .nullable()
      .meta({ description: 'The git commit measured, when the config lives in a git work tree.' }),
    machine: machineSchema,
    configHash: z
      .string()
      .meta({ description: 'Hash of the resolved config; comparisons across hashes are flagged.' }),
    config: z
      .record(z.string(), z.unknown())
      .meta({ description: 'The resolved config the runs were made with.' }),
    seed: z
      .number()
      .int()
      .nonnegative()
      .meta({ description: 'Seed of the randomized run order; replays the same order.' }),
    design: z.enum(['independent', 'paired']).meta({
      description:
        'independent: runs of one build; paired: runs carry a pair index shared with another record.',
    }),
    workloads: z.array(workloadResultSchema),
    checksum: z.string().optional().meta({
      description: 'sha256 of the record without this field, set when stored as a baseline.',
    }),
  })
  .meta({
    title: 'perfgate results',
    description: 'Per-run samples of every workload, with what they were measured on.',
  });

/** One run's numbers. */
export type RunSample = z.output<typeof runSampleSchema>;
/** The runs of one workload. */
export type WorkloadResult = z.output<typeof workloadResultSchema>;
/** A whole results record. */
export type ResultsRecord = z.output<typeof resultsRecordSchema>;
/** Machine description carried by a record. */
export type MachineInfo = z.output<typeof machineSchema>;

/** The kept (non-warm-up) runs of a workload. */
export function keptRuns(w: WorkloadResult): RunSample[] {
  return w.runs.filter((r) => !r.warmup);
}
