// Starts the server under test and waits until it is ready, or explains why it is not.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import type { ResolvedServer } from '../config/resolve.ts';
import { holdSignalHandlers, releaseWatchdogIfIdle } from './cleanup-registry.ts';
import { describeExit, exitHint, type ExitInfo } from './exit-info.ts';
import { fillServerEnv, readEnvValues, serverEnvNames } from '../config/env-values.ts';
import { attachRunningServer } from './external-server.ts';
import { LogCapture } from './log-capture.ts';
import { assignPort } from './server-port.ts';
import { ManagedServer } from './managed-server.ts';
import { serverFailure } from './server-failure.ts';
import { keepNiceness } from './priority.ts';
import { findOrphans, newCookie, stopMarked } from './process-cookie.ts';
import { COOKIE_VAR } from './process-tree.ts';
import { watchdogTag } from './watchdog.ts';
import { ServerError, type RunningServer } from './types.ts';
import {
  describeReadiness,
  isPortOpen,
  readinessEndpoint,
  waitUntilReady,
} from './wait-until-ready.ts';

/**
 * `PERFGATE_STOP_ORPHANS=0`: a start leaves alone the processes other perfgate processes left
 * behind (for a machine shared by jobs that each stop their own, e.g. in their post step).
 */
export const STOP_ORPHANS_VAR = 'PERFGATE_STOP_ORPHANS';

/** Where the output goes, and an optional signal that cancels the start (and later stops it). */
export interface StartServerOptions {
  /** File that receives the server's stdout and stderr (appended; directories are created). */
  logFile: string;
  /** Aborting stops the server; during the start, startServer() then rejects with the reason. */
  signal?: AbortSignal;
}

/** Why the wait for readiness ended early; only used internally as an abort reason. */
class ReadyTimeout extends Error {}
class EarlyExit extends Error {
  constructor(readonly info: ExitInfo) {
    super('exited');
  }
}

/**
 * Starts `config.command` with `sh -c` in its own process group (pinned with taskset when
 * `config.cpus` is set), captures its output to `options.logFile`, and resolves once it is
 * ready. With `config.port` set, `{{port}}` is filled in first (a free port for 'auto'); the
 * returned server's `url` is the filled-in base URL. Throws ServerError, with the tail of the
 * log in the message, when the port is already taken by another process, the server exits, or
 * it is not ready in time; nothing it started is left running then.
 */
export async function startServer(
  config: ResolvedServer,
  options: StartServerOptions,
): Promise<RunningServer> {
  const outer = options.signal;
  outer?.throwIfAborted();
  // {{env.NAME}} is filled here, at the edge, so the resolved config (and every record) keeps
  // the placeholder; the values are masked in everything perfgate prints (secrets.ts).
  const withEnv = fillServerEnv(config, readEnvValues(serverEnvNames(config), process.env).values);
  if (withEnv.command === null) return attachRunningServer(withEnv, outer);
  const spec = await assignPort(withEnv);
  const command = spec.command as string;
  checkCwd(spec.cwd);
  // Processes an earlier perfgate left behind (it was killed before it could stop them, and no
  // watchdog or post step did) may hold the port; their cookie proves whose they are.
  const orphans =
    process.env[STOP_ORPHANS_VAR] === '0'
      ? 0
      : await stopMarked(() => findOrphans(), spec.stopTimeoutMs);
  await checkPortFree(spec);
  outer?.throwIfAborted();

  const [file, args] = spec.cpus
    ? [findTaskset(), ['-c', spec.cpus, 'sh', '-c', command]]
    : ['sh', ['-c', command]];
  // Opened before spawning: a log file that cannot be written must not leave a server behind.
  const log = new LogCapture(options.logFile);
  if (orphans > 0) log.note(`stopped ${orphans} process(es) left running by an earlier perfgate`);
  // Every process the command starts inherits the cookie, however it detaches itself.
  const cookie = newCookie(watchdogTag());
  const release = holdSignalHandlers();
  const child = spawn(file, args, {
    cwd: spec.cwd,
    env: { ...process.env, ...spec.env, [COOKIE_VAR]: cookie },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) {
    release();
    const [err] = (await once(child, 'error')) as [Error];
    log.close();
    releaseWatchdogIfIdle();
    throw new ServerError(`could not start the server (${command}): ${err.message}`, '');
  }
  keepNiceness(child.pid);
  log.attach(child.stdout);
  log.attach(child.stderr);
  // Registered in the same turn as the spawn: a signal's handler runs after it, and stops it.
  const server = new ManagedServer(child, spec.url, command, log, spec.stopTimeoutMs, {
    cookie,
    endpoint: serverEndpoint(spec),
  });
  release();

  const wait = new AbortController();
  const onOuterAbort = () => wait.abort(outer?.reason);
  outer?.addEventListener('abort', onOuterAbort, { once: true });
  const timer = setTimeout(() => wait.abort(new ReadyTimeout()), spec.readyTimeoutMs);
  void server.exited.then((info) => wait.abort(new EarlyExit(info)));
  try {
    await waitUntilReady(spec.ready, log, wait.signal);
    // Ready, but the command itself is gone: a daemon answers, which perfgate cannot manage.
    if (child.exitCode !== null || child.signalCode !== null)
      throw new EarlyExit(await server.exited);
  } catch (err) {
    await server.stop();
    throw explainFailure(err, spec, server);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onOuterAbort);
    wait.abort();
  }
  if (outer) {
    const stopOnAbort = () => void server.stop();
    outer.addEventListener('abort', stopOnAbort, { once: true });
    void server.exited.then(() => outer.removeEventListener('abort', stopOnAbort));
  }
  return server;
}

function explainFailure(reason: unknown, spec: ResolvedServer, server: ManagedServer): unknown {
  const target = describeReadiness(spec.ready);
  const withTail = (message: string) => serverFailure(message, server);
  if (reason instanceof ReadyTimeout) {
    return withTail(
      `server did not become ready within ${formatDuration(spec.readyTimeoutMs)} (waiting for ${target})`,
    );
  }
  if (reason instanceof EarlyExit) {
    const hint = exitHint(reason.info);
    if (reason.info.leftRunning) {
      return withTail(`the server command exited (${describeExit(reason.info)})${hint}`);
    }
    return withTail(
      `server exited (${describeExit(reason.info)}) before it became ready (waiting for ${target})${hint}`,
    );
  }
  if (reason instanceof Error) return reason;
  return new DOMException('server start aborted', 'AbortError');
}

function checkCwd(cwd: string): void {
  let isDir = false;
  try {
    isDir = statSync(cwd).isDirectory();
  } catch {
    // Reported below.
  }
  if (!isDir) throw new ServerError(`server.cwd ${cwd} is not a directory`, '');
}

/** Where the server will answer: its readiness endpoint, else its base URL; null if unknown. */
function serverEndpoint(spec: ResolvedServer): { host: string; port: number } | null {
  return (
    readinessEndpoint(spec.ready) ??
    (spec.url ? readinessEndpoint({ kind: 'url', url: spec.url }) : null)
  );
}

/** Refuses to start when something already answers where the server will: we would measure it. */
async function checkPortFree(spec: ResolvedServer): Promise<void> {
  const endpoint = serverEndpoint(spec);
  if (endpoint && (await isPortOpen(endpoint.host, endpoint.port))) {
    throw new ServerError(
      `port ${endpoint.port} on ${endpoint.host} is already in use by another process; stop it or change the port`,
      '',
    );
  }
}

function findTaskset(): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir || '.', 'taskset');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here.
    }
  }
  throw new ServerError(
    'server.cpus is set but taskset was not found on PATH; install util-linux or remove server.cpus',
    '',
  );
}

/** 30000 -> "30s", 1500 -> "1.5s", 250 -> "250ms". */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms}ms` : `${Number((ms / 1000).toFixed(1))}s`;
}
