import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResolvedWorkload } from '../config/resolve.ts';
import type { LoadJob, ParentMessage, WorkerMessage } from './protocol.ts';
import { readEnvValues, workloadEnvNames } from '../config/env-values.ts';
import { ITERATION_NAMES } from '../config/placeholders.ts';
import { nativeEngineFits } from './native-engine.ts';
import { unresolvedNames } from './request-template.ts';
import { runSetupRequests } from './setup-requests.ts';
import { LoadError, type LoadResult, type LoadRunner, type LoadRunOptions } from './types.ts';

/** Above this fraction of a core the load generator, not the server, may be the bottleneck. */
export const SATURATION_THRESHOLD = 0.9;

/** A warning to print when the load generator used nearly all of its CPU, else null. */
export function saturationWarning(result: LoadResult): string | null {
  if (result.loadCpu <= SATURATION_THRESHOLD) return null;
  const pct = Math.round(result.loadCpu * 100);
  return `the load generator saturated its CPU (${pct}% of a core); numbers may reflect the client, not the server`;
}

/** Options of createLoadRunner. */
export interface LoadRunnerOptions {
  /** Receives warnings about a run (e.g. a saturated load generator); the caller prints them. */
  onWarning?: (message: string) => void;
  /** Node arguments that start the worker instead of the default entry (tests use this). */
  workerArgs?: string[];
}

/** How to start the worker: from the TypeScript sources (tests, tsx) or next to the bundle. */
function workerArgs(): { args: string[]; cwd: string | undefined } {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    // src/load/load-runner.ts: run worker.ts through tsx, from the repository root so that
    // `--import tsx` resolves.
    const root = path.resolve(path.dirname(here), '..', '..');
    return { args: ['--import', 'tsx', path.join(path.dirname(here), 'worker.ts')], cwd: root };
  }
  return { args: [path.join(path.dirname(here), 'loadgen.js')], cwd: undefined };
}

function spawnWorker(cpus: string | null, override: string[] | undefined): ChildProcess {
  const { args, cwd } = override ? { args: override, cwd: undefined } : workerArgs();
  const [file, argv] = cpus
    ? ['taskset', ['-c', cpus, process.execPath, ...args]]
    : [process.execPath, args];
  return spawn(file as string, argv as string[], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'json',
  });
}

/** Keeps the last `max` characters of a stream, for error messages. */
function tailOf(child: ChildProcess, max = 4000): () => string {
  let text = '';
  const keep = (chunk: Buffer) => {
    text = (text + chunk.toString('utf8')).slice(-max);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => text.trim();
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

/** Runs one job in a fresh worker process; kills it on abort, silence or parent exit. */
function runInWorker(
  job: LoadJob,
  options: LoadRunOptions,
  override: string[] | undefined,
): Promise<LoadResult> {
  const w = job.workload;
  // Progress arrives every second; this much silence means the worker is stuck.
  const silenceMs = w.timeoutMs + 15_000;
  if (options.signal?.aborted) return Promise.reject(new LoadError('load run aborted'));
  return new Promise<LoadResult>((resolve, reject) => {
    const child = spawnWorker(options.cpus, override);
    const tail = tailOf(child);
    let settled = false;
    let watchdog: NodeJS.Timeout | undefined;
    const killOnExit = () => child.kill('SIGKILL');
    const onAbort = () => finish(new LoadError('load run aborted'));
    const armWatchdog = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(
        () => finish(new LoadError(`the load generator sent nothing for ${silenceMs} ms`)),
        silenceMs,
      );
    };

    function finish(outcome: LoadResult | Error) {
      if (settled) return;
      settled = true;
      clearTimeout(watchdog);
      process.removeListener('exit', killOnExit);
      options.signal?.removeEventListener('abort', onAbort);
      if (outcome instanceof Error) {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        reject(outcome);
      } else resolve(outcome);
    }

    process.once('exit', killOnExit);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    armWatchdog();

    child.on('error', (err: NodeJS.ErrnoException) => {
      const what = options.cpus && err.code === 'ENOENT' ? 'taskset (util-linux)' : 'node';
      finish(new LoadError(`cannot start the load generator with ${what}: ${err.message}`));
    });
    child.on('message', (m: WorkerMessage) => {
      armWatchdog();
      if (m.type === 'progress') options.onProgress?.(m.progress);
      else if (m.type === 'result') finish(m.result);
      else if (m.type === 'error') finish(new LoadError(`load generator failed: ${m.message}`));
    });
    // 'close' comes after the output streams and the IPC channel are drained, so the result
    // message and the whole stderr tail are in by then.
    child.on('close', (code, signal) => {
      const how = signal ? `signal ${signal}` : `code ${code}`;
      const out = tail();
      finish(new LoadError(`the load generator exited with ${how}${out ? `:\n${out}` : ''}`));
    });
    const message: ParentMessage = { type: 'job', job };
    child.send(message);
  });
}

/**
 * The LoadRunner used by perfgate: every run happens in its own child process (autocannon,
 * optionally pinned with taskset to `options.cpus`), setup requests in this process.
 */
export function createLoadRunner(runnerOptions: LoadRunnerOptions = {}): LoadRunner {
  return {
    async run(workload, options) {
      const vars = { ...envVars(workload), ...options.vars };
      const known = { ...iterationVars(workload, options.data), ...vars };
      const problems = checkWorkload(workload, known, options.baseUrl);
      if (problems.length > 0) {
        throw new LoadError(`workload "${workload.name}": ${problems.join('; ')}`);
      }
      const job = { workload, baseUrl: options.baseUrl, vars, data: options.data };
      const result = await runInWorker(job, options, runnerOptions.workerArgs);
      const warning = saturationWarning(result);
      if (warning) runnerOptions.onWarning?.(`workload "${workload.name}": ${warning}`);
      return result;
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
  };
}
