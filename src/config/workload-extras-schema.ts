import { z } from 'zod';
import { duration, percent, size } from './units.ts';

// Stages (load that changes over a run) and absolute objectives of a workload. Part of the
// config schema (schema.ts), split out by subject.

const stageSchema = z
  .strictObject({
    duration: duration.meta({ description: 'How long the stage lasts.' }),
    connections: z
      .number()
      .int('expected a whole number of connections')
      .min(0, 'expected 0 to 10000 connections')
      .max(10_000, 'expected 0 to 10000 connections')
      .optional()
      .meta({
        description:
          'Closed model: open connections at the end of the stage, reached linearly from the level before (0 at the start of a run).',
      }),
    rate: z.number().min(0, 'expected 0 or more requests per second').optional().meta({
      description:
        'Open model: requests per second at the end of the stage, reached linearly from the rate before (0 at the start of a run).',
    }),
  })
  .meta({
    id: 'stage',
    description:
      'One stage of a run: a target of connections or of a rate, reached linearly over its duration. A stage with the same target as the one before holds the level.',
  });

/** Stages of a run (k6 `stages`, JMeter ramp-up, artillery `phases`). */
export const stagesSchema = z
  .array(stageSchema)
  .min(1, 'expected at least one stage')
  .max(100, 'expected at most 100 stages')
  .meta({
    description:
      'Load that changes over a run: every stage sets a target of connections (closed model) or of a rate (open model), all stages the same kind, reached linearly. A run lasts the sum of the stages (`duration` and `requests` do not apply). Every run goes through the same stages.',
  });

const latency = (which: string) =>
  duration.optional().meta({ description: `${which} latency must be at most this.` });

/**
 * Absolute objectives (k6 `thresholds`): limits the workload must meet whatever the baseline
 * says. Each is checked on the median across the kept runs of this build.
 */
export const objectivesSchema = z
  .strictObject({
    throughput: z
      .number()
      .positive('expected a positive number of requests per second')
      .optional()
      .meta({ description: 'Successful requests per second must be at least this.' }),
    p50: latency('Median'),
    p90: latency('p90'),
    p99: latency('p99'),
    cpu: duration.optional().meta({
      description: 'Server CPU time per request must be at most this (e.g. "2ms").',
    }),
    rss: size.optional().meta({ description: 'Server peak memory must be at most this.' }),
    errors: percent.optional().meta({ description: 'The error rate must be at most this.' }),
  })
  .meta({
    id: 'objectives',
    description:
      'Absolute objectives: limits checked on the median of the kept runs of this build, independent of any baseline; one that is not met fails the gate.',
  });
