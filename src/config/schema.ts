import { z } from 'zod';
import { duration, percent } from './units.ts';

// The one source of truth for perfgate.yml: the TypeScript types are inferred from it and
// perfgate.schema.json is generated from it (scripts/gen-schemas.ts). Every object is strict,
// so a misspelt key is an error rather than a silently ignored setting.

const httpMethod = z
  .enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'])
  .meta({ description: 'HTTP method (upper case).' });

const headers = z
  .record(z.string().min(1), z.string())
  .meta({ description: 'Request headers, name to value. Values may use {{captured}} values.' });

const body = z
  .union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())])
  .meta({
    description:
      'Request body: a string sent as is, or an object/array sent as JSON (content-type defaults to application/json). Strings may use {{captured}} values.',
  });

const expect = z
  .strictObject({
    status: z
      .union([z.number().int().min(100).max(599), z.array(z.number().int().min(100).max(599)).min(1)])
      .optional()
      .meta({ description: 'Expected status code(s). Default: any 2xx.' }),
    body: z
      .string()
      .optional()
      .meta({ description: 'Text the response body must contain; a response without it counts as a body mismatch.' }),
  })
  .meta({ description: 'Checks on each response; failures count as errors of their kind.' });

const capture = z
  .record(
    z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected a name of letters, digits and _'),
    z
      .string()
      .regex(/^(body(\.[^.\s]+)*|headers\.[A-Za-z0-9-]+|status)$/, 'expected "body", "body.<field>[.<field>...]", "headers.<name>" or "status"'),
  )
  .meta({
    description:
      'Values to capture from this response for later steps, name to source: "body.id" (a field of the JSON body, nested with dots, array items by index), "headers.location", "status".',
  });

/** One HTTP request; used for single-request workloads, sequence steps and setup steps. */
export const requestSchema = z.strictObject({
  method: httpMethod.default('GET'),
  path: z
    .string()
    .startsWith('/', 'expected a path starting with "/"')
    .meta({ description: 'Request path and query, relative to server.url; may use {{captured}} values.' }),
  headers: headers.optional(),
  body: body.optional(),
  expect: expect.optional(),
  capture: capture.optional(),
});

const runs = z
  .union([z.number().int().min(1).max(1000), z.literal('auto')])
  .meta({ description: 'Kept (measured) runs per workload, or "auto" for adaptive sampling between min-runs and max-runs.' });

/** Load and sampling options; set in `defaults` and overridable per workload. */
export const loadOptionsShape = {
  connections: z.number().int().min(1).max(10_000).optional().meta({ description: 'Concurrent connections (closed model). Default 10.' }),
  pipelining: z.number().int().min(1).max(1000).optional().meta({ description: 'Requests in flight per connection. Default 1.' }),
  duration: duration.optional().meta({ description: 'Length of one run. Default 10s. Ignored when `requests` is set.' }),
  requests: z.number().int().min(1).optional().meta({ description: 'Stop a run after this many requests instead of after `duration`.' }),
  rate: z
    .number()
    .positive()
    .optional()
    .meta({ description: 'Open model: send this many requests per second in total, whatever the latency (latency is corrected for coordinated omission).' }),
  timeout: duration.optional().meta({ description: 'Per-request timeout; a request slower than this counts as a timeout error. Default 10s.' }),
  runs: runs.optional(),
  warmup: z.number().int().min(0).max(100).optional().meta({ description: 'Runs made and discarded before the kept runs. Default 1.' }),
  'min-runs': z.number().int().min(2).optional().meta({ description: 'With runs: auto, the fewest kept runs. Default 5.' }),
  'max-runs': z.number().int().min(2).optional().meta({ description: 'With runs: auto, the most kept runs. Default 20.' }),
  budget: duration.optional().meta({ description: 'With runs: auto, stop adding runs after this much total time. Default 10m.' }),
  restart: z
    .enum(['per-run', 'per-workload'])
    .optional()
    .meta({ description: 'Start a fresh server for every run, or one per workload. Default per-workload.' }),
};

const thresholdValue = z.union([percent, z.literal('off')]);

/** Tolerances per metric: a regression must be confidently larger than this to fail the gate. */
export const thresholdsSchema = z
  .strictObject({
    throughput: thresholdValue.optional().meta({ description: 'Requests/s decrease tolerated. Default 5%.' }),
    p50: thresholdValue.optional().meta({ description: 'Median latency increase tolerated. Default 5%.' }),
    p90: thresholdValue.optional().meta({ description: 'p90 latency increase tolerated. Default off.' }),
    p99: thresholdValue.optional().meta({ description: 'p99 latency increase tolerated. Default 10%.' }),
    cpu: thresholdValue.optional().meta({ description: 'Server CPU time per request increase tolerated. Default 10%.' }),
    rss: thresholdValue.optional().meta({ description: 'Server peak memory increase tolerated. Default 10%.' }),
    errors: thresholdValue
      .optional()
      .meta({ description: 'Absolute increase of the error rate tolerated (0.1% = one request in a thousand). Default 0.1%.' }),
  })
  .meta({ description: 'Per-metric tolerances; "off" stops gating on that metric.' });

const workloadCommon = {
  name: z.string().min(1).max(100).meta({ description: 'Unique name of the workload, shown in reports.' }),
  setup: z
    .array(requestSchema)
    .optional()
    .meta({ description: 'Requests made once before each run is measured (not measured); their captures are available to the workload.' }),
  thresholds: thresholdsSchema.optional(),
  ...loadOptionsShape,
};

/** A workload of one request, repeated. */
const singleWorkload = z.strictObject({ ...workloadCommon, ...requestSchema.shape });

/** A workload of several requests made in order by each connection, with captured values. */
const sequenceWorkload = z.strictObject({
  ...workloadCommon,
  steps: z.array(requestSchema).min(1).meta({ description: 'Requests made in order, again and again, by each connection.' }),
});

export const workloadSchema = z.union([sequenceWorkload, singleWorkload]);

const readySchema = z
  .strictObject({
    url: z.url().optional().meta({ description: 'Ready when a GET to this URL answers with a status below 500.' }),
    port: z.number().int().min(1).max(65535).optional().meta({ description: 'Ready when this TCP port on 127.0.0.1 accepts connections.' }),
    log: z.string().min(1).optional().meta({ description: 'Ready when this text appears in the server output.' }),
    timeout: duration.optional().meta({ description: 'Give up waiting after this long. Default 30s.' }),
  })
  .refine((r) => [r.url, r.port, r.log].filter((v) => v !== undefined).length === 1, {
    message: 'expected exactly one of url, port or log',
  });

export const serverSchema = z
  .strictObject({
    command: z.string().min(1).meta({ description: 'Shell command that starts the server (run with sh -c in its own process group).' }),
    cwd: z.string().optional().meta({ description: 'Working directory, relative to the config file. Default: the config file directory.' }),
    env: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).optional().meta({
      description: 'Extra environment variables for the server.',
    }),
    ready: readySchema,
    url: z
      .url()
      .optional()
      .meta({ description: 'Base URL the workloads are sent to. Default: the origin of ready.url, or http://127.0.0.1:<ready.port>.' }),
    'stop-timeout': duration.optional().meta({ description: 'Grace period after SIGTERM before SIGKILL. Default 5s.' }),
    cpus: z
      .string()
      .regex(/^\d+(-\d+)?(,\d+(-\d+)?)*$/, 'expected a CPU list such as "0" or "0-1,3"')
      .optional()
      .meta({ description: 'Pin the server to these CPUs (taskset list syntax).' }),
  })
  .meta({ description: 'How to start and stop the server under test.' });

export const configSchema = z
  .strictObject({
    $schema: z.string().optional(),
    version: z.literal(1).optional().meta({ description: 'Config format version. Default 1.' }),
    server: serverSchema,
    load: z
      .strictObject({
        cpus: z
          .string()
          .regex(/^\d+(-\d+)?(,\d+(-\d+)?)*$/, 'expected a CPU list such as "1"')
          .optional()
          .meta({ description: 'Pin the load generator to these CPUs (taskset list syntax).' }),
      })
      .optional(),
    defaults: z.strictObject(loadOptionsShape).optional().meta({ description: 'Load and sampling options for every workload.' }),
    thresholds: thresholdsSchema.optional(),
    seed: z.number().int().min(0).optional().meta({ description: 'Seed for the randomized workload order. Default: random, logged.' }),
    workloads: z.array(workloadSchema).min(1).meta({ description: 'The HTTP workloads to measure.' }),
  })
  .meta({ title: 'perfgate configuration', description: 'perfgate.yml: what to start, what to send, what to tolerate.' });

/** A config as written in the file (durations and percentages as text). */
export type ConfigInput = z.input<typeof configSchema>;
/** A config after parsing (durations in ms, percentages as fractions). */
export type ParsedConfig = z.output<typeof configSchema>;
/** One request as parsed. */
export type RequestSpec = z.output<typeof requestSchema>;
/** One workload as parsed. */
export type WorkloadSpec = z.output<typeof workloadSchema>;
/** Per-metric tolerances as parsed. */
export type ThresholdsSpec = z.output<typeof thresholdsSchema>;
