// Runs the bundled action exactly as a GitHub runner does: a fresh `node index.js` with the
// INPUT_* variables, the event payload at GITHUB_EVENT_PATH, and the command files
// (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_STATE) it writes to. The bundle is built from
// src/ into a temporary folder once per test run, so it is never stale and the committed dist/
// is untouched.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { STOP_ORPHANS_VAR } from '../../src/server/start-server.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

/** The bundle built from the sources for this test run (__tests__/global-setup.ts). */
export function testBundle(): string {
  return inject('bundleDir');
}

/** The events the fixtures hold a payload for. */
export type FixtureEvent = 'push' | 'pull_request' | 'pull_request-fork';

const EVENTS: Record<FixtureEvent, { name: string; file: string; ref: string; sha: string }> = {
  push: {
    name: 'push',
    file: 'event-push.json',
    ref: 'refs/heads/main',
    sha: '9d8c7b6a5f4e3d2c1b0a99887766554433221100',
  },
  pull_request: {
    name: 'pull_request',
    file: 'event-pull_request.json',
    ref: 'refs/pull/57/merge',
    sha: 'aaaabbbbccccddddeeeeffff0000111122223333',
  },
  'pull_request-fork': {
    name: 'pull_request',
    file: 'event-pull_request-fork.json',
    ref: 'refs/pull/58/merge',
    sha: 'aaaabbbbccccddddeeeeffff0000111122223333',
  },
};

/** Node 24, the runtime GitHub runs the action on, as .ci/run installs it; null when absent. */
export function node24(): string | null {
  const bin = path.join(REPO_ROOT, '.cache', 'node24', 'node_modules', 'node', 'bin', 'node');
  return existsSync(bin) ? bin : null;
}

/** One action run. */
export interface ActionRunOptions {
  bundle: string;
  /** The repository checkout (the step's working directory). */
  workspace: string;
  event: FixtureEvent;
  /** Inputs by their action.yml names (`github-token`, `baseline-store`, ...). */
  inputs: Record<string, string>;
  /** The stand-in's URL (GITHUB_API_URL). */
  apiUrl: string;
  /** Extra environment (e.g. knobs of the fixture server: DELAY_MS). */
  env?: Record<string, string>;
  /** Another event than the fixtures': its name, payload, GITHUB_SHA and GITHUB_REF. */
  customEvent?: { name: string; payload: unknown; sha: string; ref: string };
  timeoutMs?: number;
  /** The Node binary that runs the bundle (default: the one running the tests). */
  node?: string;
}

/** What a run left behind. */
export interface ActionRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  state: Record<string, string>;
  runnerTemp: string;
}

/** Parses a runner command file (`name<<DELIMITER\nvalue\nDELIMITER`, or `name=value`). */
export function parseCommandFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) value.push(lines[i]!);
      out[heredoc[1]!] = value.join('\n');
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}

/** A main step still running. */
export interface StartedRun {
  child: ChildProcess;
  /** The GITHUB_STATE file: readable while the step runs. */
  stateFile: string;
  runnerTemp: string;
  done: Promise<ActionRun>;
}

/** Starts the bundled main step; `done` resolves with everything it left behind. */
export async function startActionRun(o: ActionRunOptions): Promise<StartedRun> {
  const runnerTemp = await mkdtemp(path.join(os.tmpdir(), 'perfgate-runner-'));
  const files = {
    event: path.join(runnerTemp, 'event.json'),
    output: path.join(runnerTemp, 'github_output'),
    summary: path.join(runnerTemp, 'step_summary.md'),
    state: path.join(runnerTemp, 'github_state'),
  };
  const e = o.customEvent ?? EVENTS[o.event];
  if (o.customEvent) await writeFile(files.event, JSON.stringify(o.customEvent.payload));
  else
    await copyFile(path.join(REPO_ROOT, 'fixtures', 'github', EVENTS[o.event].file), files.event);
  await Promise.all([files.output, files.summary, files.state].map((f) => writeFile(f, '')));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? os.tmpdir(),
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_EVENT_NAME: e.name,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REPOSITORY: 'octo-org/web-app',
    GITHUB_SHA: e.sha,
    GITHUB_REF: e.ref,
    GITHUB_RUN_ID: '4242',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: o.apiUrl,
    GITHUB_WORKSPACE: o.workspace,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    RUNNER_TEMP: runnerTemp,
    // A runner's environment, but for this test run's PERFGATE_STOP_ORPHANS: `npm test` sets it
    // to 0 for the files that run next to the serial ones, whose servers left on purpose for a
    // backstop to stop must not be swept by a server start of the action (it was, once).
    ...(process.env[STOP_ORPHANS_VAR] ? { [STOP_ORPHANS_VAR]: process.env[STOP_ORPHANS_VAR] } : {}),
    ...o.env,
  };
  for (const [name, value] of Object.entries(o.inputs)) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  const child = spawn(o.node ?? process.execPath, [path.join(o.bundle, 'index.js')], {
    cwd: o.workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => void (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => void (stderr += d.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 90_000);
  const done = (async (): Promise<ActionRun> => {
    const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
    clearTimeout(killer);
    return {
      code,
      signal,
      stdout,
      stderr,
      outputs: parseCommandFile(await readFile(files.output, 'utf8')),
      summary: await readFile(files.summary, 'utf8'),
      state: parseCommandFile(await readFile(files.state, 'utf8')),
      runnerTemp,
    };
  })();
  return { child, stateFile: files.state, runnerTemp, done };
}

/** Runs the bundled main step to the end. */
export async function runActionBundle(o: ActionRunOptions): Promise<ActionRun> {
  return (await startActionRun(o)).done;
}

/** Runs the bundled post step with the state the main step saved (`STATE_<name>`). */
export async function runPostBundle(
  bundle: string,
  state: Record<string, string>,
): Promise<{ code: number | null; stdout: string }> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', GITHUB_ACTIONS: 'true' };
  for (const [name, value] of Object.entries(state)) env[`STATE_${name}`] = value;
  const child = spawn(process.execPath, [path.join(bundle, 'post.js')], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout!.on('data', (d: Buffer) => void (stdout += d.toString()));
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout };
}

/** A workspace folder holding `perfgate.yml` with the given text. */
export async function makeWorkspace(configText: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'perfgate-workspace-'));
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'perfgate.yml'), configText);
  return dir;
}

/** The fixture server's absolute path, for configs written outside the repository. */
export const FIXTURE_SERVER = path.join(REPO_ROOT, 'fixtures', 'server.mjs');
