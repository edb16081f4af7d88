import type { ResolvedWorkload } from '../config/resolve.ts';
import { FD_OVERHEAD, fdLimitFor, readFdLimits, type FdLimits } from './fd-limit.ts';
import { readEnvValues, workloadEnvNames } from '../config/env-values.ts';
import { ITERATION_NAMES } from '../config/placeholders.ts';
import { nativeEngineFits } from './native-engine.ts';
import { unresolvedNames } from './request-template.ts';
import { runSetupRequests } from './setup-requests.ts';
import { LoadError, type LoadRunner } from './types.ts';
import { WorkerPool } from './worker-pool.ts';

/** Options of createLoadRunner. */
export interface LoadRunnerOptions {
  /** Node arguments that start the worker instead of the default entry (tests use this). */
  workerArgs?: string[];
  /** Keep a load process between runs (default true); false starts one per run. */
  reuseWorkers?: boolean;
  /** false: the built-in client in JavaScript even where its C build could run (tests). */
  cClient?: boolean;
}

/** Connections a run of `w` opens. */
function connectionsOf(w: ResolvedWorkload): number {
  return w.requests ? Math.min(w.connections, w.requests) : w.connections;
}

/**
 * The workload's {{env.NAME}} values from this process's environment, as template values
 * ("env.NAME"). They travel to the load worker in the job, never into a record.
 */
function envVars(w: ResolvedWorkload): Record<string, string> {
  const { values, missing } = readEnvValues(workloadEnvNames(w), process.env);
  if (missing.length > 0) {
    throw new LoadError(
      `workload "${w.name}": environment variable ${missing.join(', ')} is not set (used as {{env.${missing[0]}}})`,
    );
  }
  return values;
}

/** Names every iteration fills itself: known to be set, though no step captures them. */
function iterationVars(w: ResolvedWorkload, data: Record<string, string>[] | undefined) {
  const names: string[] = [...ITERATION_NAMES];
  const columns = Object.keys(data?.[0] ?? {}).map((c) => `data.${c}`);
  return Object.fromEntries([...names, ...columns].map((n) => [n, '']));
}

/** Problems that make a workload impossible to run, found before any load is sent. */
function checkWorkload(
  w: ResolvedWorkload,
  vars: Record<string, string>,
  baseUrl: string,
): string[] {
  const problems = unresolvedNames(w.steps, vars);
  const native = w.client !== 'autocannon' && nativeEngineFits({ workload: w, baseUrl, vars: {} });
  if (!native && w.stages?.kind === 'connections') {
    problems.push(
      'stages of connections run on the built-in client, which takes http:// URLs without pipelining and client: auto',
    );
  }
  if (!native && (w.thinkMs ?? 0) > 0) {
    problems.push(
      'think time runs on the built-in client (closed model, http://, no pipelining, client: auto)',
    );
  }
  const captures = w.steps.some((s) => Object.keys(s.capture ?? {}).length > 0);
  if (w.pipelining > 1 && captures) {
    problems.push(
      `pipelining ${w.pipelining} cannot be combined with captured values: a pipelined request is sent before the response it would take a value from`,
    );
  }
  return problems;
}

/**
 * The LoadRunner used by perfgate: runs happen in a child process kept for the session
 * (optionally pinned with taskset to `options.cpus`, its open-files limit raised to what the
 * connections need), setup requests in this process. `close()` ends the child processes.
 */
export function createLoadRunner(runnerOptions: LoadRunnerOptions = {}): LoadRunner {
  const pool = new WorkerPool(runnerOptions.workerArgs, runnerOptions.reuseWorkers ?? true);
  let limits: FdLimits | null | undefined;
  const fdNeeds = (connections: number) => {
    limits ??= readFdLimits();
    return { needed: connections + FD_OVERHEAD, raiseTo: fdLimitFor(connections, limits) };
  };
  return {
    async run(workload, options) {
      const vars = { ...envVars(workload), ...options.vars };
      const known = { ...iterationVars(workload, options.data), ...vars };
      const problems = checkWorkload(workload, known, options.baseUrl);
      if (problems.length > 0) {
        throw new LoadError(`workload "${workload.name}": ${problems.join('; ')}`);
      }
      const job = {
        workload,
        baseUrl: options.baseUrl,
        vars,
        data: options.data,
        ...(runnerOptions.cClient === false ? { cClient: false } : {}),
      };
      // A saturated load generator is warned about by the session (run-session.ts), per workload.
      return pool.run(job, options, fdNeeds(connectionsOf(workload)));
    },
    async setup(workload, options) {
      return runSetupRequests(workload.setup, {
        baseUrl: options.baseUrl,
        vars: { ...envVars(workload), ...options.vars },
        data: options.data,
        timeoutMs: workload.timeoutMs,
        signal: options.signal,
      });
    },
    prepare(workloads, cpus, count = 1) {
      const most = Math.max(0, ...workloads.map(connectionsOf));
      try {
        pool.prepare(cpus, fdNeeds(most), count);
      } catch {
        // Too few file descriptors: the run of that workload says so, before its load.
      }
    },
    close: () => pool.close(),
  };
}
