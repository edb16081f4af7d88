// Runs the perfgate CLI the way a user does (a child process of the bundle built from the
// current sources once per test run, __tests__/global-setup.ts) or in-process through main()
// with captured output (fast).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { inject } from 'vitest';
import { main } from '../../src/cli/main.ts';
import type { CliIO } from '../../src/cli/io.ts';
import { REPO_ROOT } from './fixture-server.ts';

/** How a CLI invocation ended and what it printed. */
export interface CliResult {
  /** Exit code, or null when a signal ended the process. */
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

/** Runs main(argv) in this process with captured, non-TTY output streams. */
export async function runCliInProcess(argv: string[]): Promise<CliResult> {
  let out = '';
  let err = '';
  const io: CliIO = {
    out: { write: (t) => void (out += t), isTTY: false },
    err: { write: (t) => void (err += t), isTTY: false },
  };
  const code = await main(argv, io);
  return { code, signal: null, out, err };
}

/** A running `perfgate` child process whose output is collected as it arrives. */
export interface CliProcess {
  child: ChildProcess;
  /** Output so far. */
  out(): string;
  err(): string;
  /** Resolves once the process has exited and its output is drained. */
  done: Promise<CliResult>;
  /** Resolves once stderr contains `text`; rejects if the process ends first. */
  waitForErr(text: string): Promise<void>;
}

/** Options of spawnCli(). */
export interface SpawnCliOptions {
  /** Working directory; default the repository root. */
  cwd?: string;
  /** Extra environment variables. */
  env?: Record<string, string>;
  /** Kill the process (SIGKILL) after this long, so a hang fails the test instead of stalling. */
  timeoutMs?: number;
}

/**
 * This process's environment without GitHub Actions' variables: a test run in CI must behave
 * like a local run (a push to the default branch would otherwise record a baseline).
 */
function localEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith('GITHUB_') && !k.startsWith('INPUT_'),
    ),
  );
}

/** Starts `node cli.js ...argv` of this test run's bundle (built from src/, not the committed dist/). */
export function spawnCli(argv: string[], options: SpawnCliOptions = {}): CliProcess {
  const cli = path.join(inject('bundleDir'), 'cli.js');
  const child = spawn(process.execPath, [cli, ...argv], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...localEnv(), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout?.on('data', (d: Buffer) => void (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
    for (const w of waiters.filter((x) => err.includes(x.text))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  const done = (async (): Promise<CliResult> => {
    const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
    clearTimeout(killer);
    return { code, signal, out, err };
  })();
  return {
    child,
    out: () => out,
    err: () => err,
    done,
    waitForErr: (text) =>
      err.includes(text)
        ? Promise.resolve()
        : Promise.race([
            new Promise<void>((resolve) => waiters.push({ text, resolve })),
            done.then((r) => {
              throw new Error(
                `perfgate exited (${r.code ?? r.signal}) before printing "${text}":\n${r.err}`,
              );
            }),
          ]),
  };
}

/** Runs the CLI as a child process to the end. */
export function runCli(argv: string[], options: SpawnCliOptions = {}): Promise<CliResult> {
  return spawnCli(argv, options).done;
}
