import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadJob, ParentMessage, WorkerMessage } from './protocol.ts';
import { LoadError, type LoadResult, type LoadRunOptions } from './types.ts';

// The load processes of a session. Starting one costs ~90 ms (Node, then the bundle), so a
// process is kept between runs and reused by the next run with the same CPU pinning and a
// high enough open-files limit; it is killed when it misbehaves (abort, silence, crash), when
// the session closes the pool, and when this process exits.

/** How to start the worker: from the TypeScript sources (tests, tsx) or next to the bundle. */
function workerArgs(): { args: string[]; cwd: string | undefined } {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    // src/load/worker-pool.ts: a loadgen.js built from these sources when one is named (the
    // test suite builds the bundle once per run), else worker.ts through tsx, from the
    // repository root so that `--import tsx` resolves.
    const built = process.env.PERFGATE_LOADGEN;
    if (built) return { args: [built], cwd: undefined };
    const root = path.resolve(path.dirname(here), '..', '..');
    return { args: ['--import', 'tsx', path.join(path.dirname(here), 'worker.ts')], cwd: root };
  }
  return { args: [path.join(path.dirname(here), 'loadgen.js')], cwd: undefined };
}

/** The command line of a worker: optionally pinned (taskset) and with a raised fd limit (sh). */
function commandLine(
  cpus: string | null,
  fdLimit: number | null,
  args: string[],
): [string, string[]] {
  let argv = [process.execPath, ...args];
  if (cpus) argv = ['taskset', '-c', cpus, ...argv];
  // `exec "$0" "$@"` replaces the shell, so the worker is still this process's direct child.
  if (fdLimit !== null) argv = ['sh', '-c', `ulimit -n ${fdLimit} && exec "$0" "$@"`, ...argv];
  return [argv[0] as string, argv.slice(1)];
}

/** One load process, running jobs one at a time. */
class LoadWorker {
  private readonly child: ChildProcess;
  private text = '';
  private exited = false;
  busy = false;
  /** Settles when the process has exited. */
  readonly closed: Promise<void>;

  constructor(
    readonly cpus: string | null,
    readonly fdLimit: number | null,
    override: string[] | undefined,
  ) {
    const { args, cwd } = override ? { args: override, cwd: undefined } : workerArgs();
    const [file, argv] = commandLine(cpus, fdLimit, args);
    this.child = spawn(file, argv, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    // Keeps the last 4000 characters of output, for error messages.
    const keep = (chunk: Buffer) => {
      this.text = (this.text + chunk.toString('utf8')).slice(-4000);
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    this.closed = new Promise<void>((resolve) => {
      this.child.once('close', () => {
        this.exited = true;
        resolve();
      });
      this.child.once('error', () => {
        this.exited = true;
        resolve();
      });
    });
    this.idle();
  }

  get alive(): boolean {
    return !this.exited && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Idle workers do not keep this process alive. */
  private idle(): void {
    this.busy = false;
    this.child.unref();
    (this.child.channel as { unref?: () => void } | undefined)?.unref?.();
    for (const stream of [this.child.stdout, this.child.stderr]) {
      (stream as unknown as { unref?: () => void } | null)?.unref?.();
    }
  }

  private active(): void {
    this.busy = true;
    this.child.ref();
    (this.child.channel as { ref?: () => void } | undefined)?.ref?.();
  }

  /** Kills the process; until it has exited it keeps this process alive, so `closed` settles. */
  kill(): void {
    if (!this.alive) return;
    this.child.ref();
    for (const stream of [this.child.stdout, this.child.stderr]) {
      (stream as unknown as { ref?: () => void } | null)?.ref?.();
    }
    this.child.kill('SIGKILL');
  }

  /** Runs one job; kills the process on abort, on silence, and when this process exits. */
  run(job: LoadJob, options: LoadRunOptions): Promise<LoadResult> {
    // Progress arrives every second; this much silence means the worker is stuck.
    const silenceMs = job.workload.timeoutMs + 15_000;
    const child = this.child;
    this.active();
    return new Promise<LoadResult>((resolve, reject) => {
      let settled = false;
      let watchdog: NodeJS.Timeout | undefined;
      const killOnExit = () => this.kill();
      const onAbort = () => finish(new LoadError('load run aborted'));
      const armWatchdog = () => {
        clearTimeout(watchdog);
        watchdog = setTimeout(
          () => finish(new LoadError(`the load generator sent nothing for ${silenceMs} ms`)),
          silenceMs,
        );
      };
      const onError = (err: NodeJS.ErrnoException) => {
        const what = this.cpus && err.code === 'ENOENT' ? 'taskset (util-linux)' : 'node';
        finish(new LoadError(`cannot start the load generator with ${what}: ${err.message}`));
      };
      const onMessage = (m: WorkerMessage) => {
        armWatchdog();
        if (m.type === 'progress') options.onProgress?.(m.progress);
        else if (m.type === 'result') finish(m.result);
        else if (m.type === 'error') finish(new LoadError(`load generator failed: ${m.message}`));
      };
      // 'close' comes after the output streams and the IPC channel are drained, so a result
      // message and the whole stderr tail are in by then.
      const onClose = (code: number | null, signal: NodeJS.Signals | null) => {
        const how = signal ? `signal ${signal}` : `code ${code}`;
        const out = this.text.trim();
        finish(new LoadError(`the load generator exited with ${how}${out ? `:\n${out}` : ''}`));
      };
      const finish = (outcome: LoadResult | Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(watchdog);
        process.removeListener('exit', killOnExit);
        options.signal?.removeEventListener('abort', onAbort);
        child.off('error', onError).off('message', onMessage).off('close', onClose);
        if (outcome instanceof Error) {
          this.kill(); // a worker that failed a job is not trusted with the next one
          reject(outcome);
        } else {
          this.idle();
          resolve(outcome);
        }
      };
      if (options.signal?.aborted) return finish(new LoadError('load run aborted'));
      if (!this.alive) return onClose(child.exitCode, child.signalCode);
      process.once('exit', killOnExit);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      armWatchdog();
      child.on('error', onError).on('message', onMessage).on('close', onClose);
      const message: ParentMessage = { type: 'job', job };
      // A failed send means the process is gone: its 'close' (or the watchdog) reports it.
      child.send(message, () => {});
    });
  }
}

/** The load processes of one runner; `close()` ends them. */
export class WorkerPool {
  private readonly workers: LoadWorker[] = [];
  private readonly killAll = () => void this.close();

  /**
   * @param override Node arguments that start the worker instead of the default entry
   * @param reuse keep a process between runs (false: one process per run)
   */
  constructor(
    private readonly override: string[] | undefined,
    private readonly reuse: boolean,
  ) {}

  /**
   * Starts `count` workers ahead of the first run (while the servers start), so that run does
   * not wait for Node and the bundle to load (two for runs made at the same time, so that they
   * start together). Only as many as are missing among the idle ones that fit.
   */
  prepare(
    cpus: string | null,
    fdLimit: { needed: number; raiseTo: number | null },
    count = 1,
  ): void {
    this.prune();
    if (!this.reuse) return;
    const idle = this.workers.filter((w) => this.fits(w, cpus, fdLimit)).length;
    for (let i = idle; i < count; i++) {
      this.workers.push(new LoadWorker(cpus, fdLimit.raiseTo, this.override));
      if (this.workers.length === 1) process.once('exit', this.killAll);
    }
  }

  private fits(
    w: LoadWorker,
    cpus: string | null,
    fdLimit: { needed: number; raiseTo: number | null },
  ): boolean {
    return !w.busy && w.cpus === cpus && (w.fdLimit ?? 0) >= (fdLimit.raiseTo ? fdLimit.needed : 0);
  }

  /** Runs `job` on an idle worker that fits, or on a new one. */
  async run(
    job: LoadJob,
    options: LoadRunOptions,
    fdLimit: { needed: number; raiseTo: number | null },
  ): Promise<LoadResult> {
    this.prune();
    let worker = this.reuse
      ? this.workers.find((w) => this.fits(w, options.cpus, fdLimit))
      : undefined;
    if (!worker) {
      worker = new LoadWorker(options.cpus, fdLimit.raiseTo, this.override);
      this.workers.push(worker);
      if (this.workers.length === 1) process.once('exit', this.killAll);
    }
    try {
      return await worker.run(job, options);
    } finally {
      if (!this.reuse) {
        worker.kill();
        await worker.closed;
      }
      this.prune();
    }
  }

  /** Ends every worker; resolves once they have exited. */
  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    process.removeListener('exit', this.killAll);
    for (const w of workers) w.kill();
    await Promise.all(workers.map((w) => w.closed));
  }

  private prune(): void {
    for (let i = this.workers.length - 1; i >= 0; i--) {
      if (!(this.workers[i] as LoadWorker).alive) this.workers.splice(i, 1);
    }
    if (this.workers.length === 0) process.removeListener('exit', this.killAll);
  }
}
