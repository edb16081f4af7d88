import { z } from 'zod';
import { SERVER_DEFAULTS } from './defaults.ts';
import { duration } from './units.ts';

// `server:` in perfgate.yml: how to start the server under test, know it is ready, and stop it.
// Part of the config schema (schema.ts), split out by subject.

const CPU_LIST = /^\d+(-\d+)?(,\d+(-\d+)?)*$/;
const PORT_EXPECTED = 'expected a TCP port from 1 to 65535';
const PORT_PLACEHOLDER = /\{\{\s*port\s*\}\}/g;

const ENV_PLACEHOLDER = /\{\{\s*env\.[A-Za-z_][A-Za-z0-9_]*\s*\}\}/g;

/**
 * An http(s) URL; `{{port}}` stands for server.port and is checked as if it were a number,
 * `{{env.NAME}}` as if it were a host name or a path segment.
 */
const httpUrl = z.string().refine(
  (text) => {
    try {
      const sample = text.replace(PORT_PLACEHOLDER, '1').replace(ENV_PLACEHOLDER, 'x');
      return /^https?:$/.test(new URL(sample).protocol);
    } catch {
      return false;
    }
  },
  { message: 'expected an http:// or https:// URL such as "http://127.0.0.1:3000/health"' },
);

const tcpPort = z.number().int(PORT_EXPECTED).min(1, PORT_EXPECTED).max(65535, PORT_EXPECTED);

export const cpuList = (example: string) =>
  z.string().regex(CPU_LIST, `expected a CPU list such as "${example}" or "0-1,3"`);

const readySchema = z
  .strictObject({
    url: httpUrl.optional().meta({
      description:
        'Ready when a GET to this URL answers with a 2xx or 3xx status (or one of `status`). May use {{port}}.',
    }),
    status: z
      .union([z.array(z.number().int().min(100).max(599)).min(1), z.literal('any')], {
        error: 'expected a list of HTTP status codes such as [200, 404], or "any"',
      })
      .optional()
      .meta({
        description:
          'With url: the statuses that mean ready, or "any" for any HTTP answer. Default: 2xx and 3xx, so a mistyped health path (404) is not taken for ready.',
      }),
    port: tcpPort
      .optional()
      .meta({ description: 'Ready when this TCP port on 127.0.0.1 accepts connections.' }),
    log: z
      .string()
      .min(1, 'expected non-empty text')
      .optional()
      .meta({ description: 'Ready when this text appears in the server output.' }),
    timeout: duration.optional().meta({
      description: 'Give up waiting after this long.',
      default: SERVER_DEFAULTS.readyTimeout,
    }),
  })
  .meta({
    description:
      'When the server is ready: exactly one of url, port or log, and a timeout. Without server.command it may be left out: the server is then ready when server.url answers at all.',
  });

export const serverSchema = z
  .strictObject({
    command: z.string().min(1, 'expected a non-empty command').optional().meta({
      description:
        'Shell command that starts the server (run with sh -c in its own process group). May use {{port}} and {{env.NAME}}. Leave it out to measure a server that is already running (docker compose, a services: container, an earlier step) at server.url.',
    }),
    pid: z.number().int('expected a process id').min(1, 'expected a process id').optional().meta({
      description:
        'Without server.command: process id of the running server, whose process tree perfgate reads server CPU and memory from. Without it, CPU and memory are reported as not measured.',
    }),
    build: z.string().min(1, 'expected a non-empty command').optional().meta({
      description:
        'Shell command that builds the server, run in the working directory of the base commit before it is started when comparing with the base on the same runner (gate.compare-to: base). Build this checkout yourself before perfgate runs.',
    }),
    port: z
      .union([tcpPort, z.literal('auto')], { error: `${PORT_EXPECTED}, or "auto"` })
      .optional()
      .meta({
        description:
          'Port the server should listen on, given to it as {{port}} in command, env values, ready.url and url; "auto" picks a free port before each start.',
      }),
    cwd: z.string().optional().meta({
      description: 'Working directory, relative to the config file.',
      default: SERVER_DEFAULTS.cwd,
    }),
    env: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String))
      .optional()
      .meta({
        description:
          'Extra environment variables for the server. Values may use {{port}} and {{env.NAME}} (masked in every report and log).',
      }),
    ready: readySchema.optional(),
    url: httpUrl.optional().meta({
      description:
        'Base URL the workloads are sent to. Default: the origin of ready.url, or http://127.0.0.1:<ready.port or port>; required when ready waits for a log line and no port is set. May use {{port}}.',
    }),
    restart: z.enum(['never', 'per-workload', 'per-run']).optional().meta({
      description:
        'never: one server for the whole session, runs interleaved in shuffled rounds; per-workload: a fresh server for each workload, whose runs then come in one block (blocks in shuffled order); per-run: a fresh server for every run.',
      default: SERVER_DEFAULTS.restart,
    }),
    'stop-timeout': duration.optional().meta({
      description: 'Grace period after SIGTERM before SIGKILL.',
      default: SERVER_DEFAULTS.stopTimeout,
    }),
    cpus: cpuList('0')
      .optional()
      .meta({ description: 'Pin the server to these CPUs (taskset list syntax).' }),
  })
  .meta({
    description:
      'How to start and stop the server under test, or (without command) where a running one is.',
  });
