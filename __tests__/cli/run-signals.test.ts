// Ctrl-C and a cancelled job through the real CLI: perfgate exits with 130 (SIGINT) or 143
// (SIGTERM), and the server tree (two processes deep, FORK_CHILD=1) and the load generator are
// gone, checked in /proc. No results file is written.
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnCli, type CliProcess } from '../helpers/cli.ts';
import {
  descendants,
  expectNoChildProcesses,
  expectNoMarkedProcesses,
  markedProcesses,
  waitForExit,
  type ProcessInfo,
} from '../helpers/processes.ts';

afterEach(() => expectNoChildProcesses());

/** Polls the processes under perfgate until `ready` holds for them; fails after `timeoutMs`. */
async function waitForTree(
  cli: CliProcess,
  ready: (tree: ProcessInfo[]) => boolean,
  timeoutMs = 30_000,
): Promise<ProcessInfo[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const tree = descendants(cli.child.pid);
    if (ready(tree)) return tree;
    if (cli.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`the expected processes never appeared; stderr:\n${cli.err()}`);
    }
    await sleep(50);
  }
}

const servers = (tree: ProcessInfo[]) =>
  tree.filter((p) => p.cmdline.includes('server.mjs') && !p.cmdline.startsWith('sh '));
const loadGenerators = (tree: ProcessInfo[]) =>
  tree.filter((p) => /worker\.ts|loadgen\.js/.test(p.cmdline));

async function interrupt(config: string, signal: NodeJS.Signals, midRun: boolean) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'perfgate-signal-'));
  const outFile = path.join(dir, 'results.json');
  const cli = spawnCli(['run', '--config', config, '--out', outFile], { timeoutMs: 60_000 });
  // The server leader and its forked child serve (or never listen); mid-run, the load
  // generator runs too.
  const tree = await waitForTree(
    cli,
    (t) => servers(t).length >= 2 && (!midRun || loadGenerators(t).length === 1),
  );
  if (midRun) await sleep(500);
  cli.child.kill(signal);
  const r = await cli.done;
  await waitForExit(tree.map((p) => p.pid));
  expect(existsSync(outFile), 'no results after an interruption').toBe(false);
  return { r, tree };
}

describe('perfgate run: interrupted', () => {
  it('SIGINT during a run: exit 130, the server tree and the load generator stopped', async () => {
    const { r, tree } = await interrupt('fixtures/configs/cli/signal-mid-run.yml', 'SIGINT', true);
    expect(r.code, r.err).toBe(130);
    expect(r.signal).toBeNull();
    expect(loadGenerators(tree)).toHaveLength(1);
    expect(servers(tree).length).toBeGreaterThanOrEqual(2);
  });

  it('SIGTERM during a run: exit 143, everything stopped', async () => {
    const { r } = await interrupt('fixtures/configs/cli/signal-mid-run.yml', 'SIGTERM', true);
    expect(r.code, r.err).toBe(143);
  });

  it('SIGINT while waiting for the server to be ready: exit 130, the tree stopped', async () => {
    const { r } = await interrupt('fixtures/configs/cli/signal-ready-wait.yml', 'SIGINT', false);
    expect(r.code, r.err).toBe(130);
    expect(r.err).toContain('starting the server');
  });

  it('kill -9 of perfgate run: the watchdog stops every server process within seconds', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'perfgate-signal-'));
    const cli = spawnCli(
      [
        'run',
        '--config',
        'fixtures/configs/cli/signal-mid-run.yml',
        '--out',
        path.join(dir, 'r.json'),
      ],
      { timeoutMs: 60_000 },
    );
    await waitForTree(cli, (t) => servers(t).length >= 2);
    const owner = cli.child.pid as number;
    expect(markedProcesses(owner).length).toBeGreaterThanOrEqual(2);
    cli.child.kill('SIGKILL');
    const r = await cli.done;
    expect(r.signal).toBe('SIGKILL');
    // Checked in the process table by the cookie, wherever the processes went.
    await expectNoMarkedProcesses(owner, 5_000);
  });
});
