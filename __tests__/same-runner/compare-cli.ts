// What the same-runner CLI tests share: the configs committed in every test repository and
// `perfgate run` started in one of them (the real CLI, as a user starts it), with the check that
// the user's work tree, HEAD and worktrees are as they were and that no base checkout is left.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import { resultsRecordSchema, type ResultsRecord } from '../../src/record/record.ts';
import { runCli, type CliResult } from '../helpers/cli.ts';
import { checkoutsGone, configYaml, repoState, type Files } from './repos.ts';

// CPU_WORK 300 is about 0.8 ms of CPU per request, most of the per-request CPU time, so that
// CPU_SCALE 1.5 (+50% work) is roughly +35% CPU per request once the fixed HTTP handling is
// counted. Tolerance 3%: a +35% change is "confidently worse than 3%" after the 8 pairs of 400 ms
// runs the signed-rank test needs (a run's CPU reading is some 20 ticks of 10 ms per server;
// measured by hand, quiet: +40..+49% [lower bounds +22..+30%], p = 0.008 every time; with 300 ms
// runs the lower bounds came down to +19..+24%), and an A/A is not: its true change is 3 points
// below the line it would have to cross.
export const CPU_WORK = 300;
/** CPU_SCALE of a "slower" commit. */
export const SLOWER = 1.5;
/** Length of one run: enough CPU ticks per run for the paired test above. */
const DURATION = '400ms';
/** max-runs of runs: auto: where an undecided A/A stops. */
export const MAX_RUNS = 8;

/** Config files committed in every repository (identical in every commit). */
export function configs(storeDir: string): Files {
  // The configs below that measure nothing worth comparing run the shortest runs, bounded by a
  // request count: a run that waits for the CPU still gets its answers.
  const quick = { cpuWork: CPU_WORK, requests: 100, runs: 'runs: 2, warmup: 0' };
  return {
    'perfgate.yml': configYaml({
      cpuWork: CPU_WORK,
      duration: DURATION,
      runs: `runs: auto, min-runs: 3, max-runs: ${MAX_RUNS}, warmup: 1`,
      extra: 'seed: 11\n',
    }),
    'quick.yml': configYaml(quick),
    'alternate.yml': configYaml({
      cpuWork: CPU_WORK,
      duration: DURATION,
      runs: `runs: auto, min-runs: 3, max-runs: ${MAX_RUNS}, warmup: 1`,
      extra: 'seed: 11\ngate: { pairing: alternate }\n',
    }),
    'build-fails.yml': configYaml({
      ...quick,
      server: `  build: 'echo "compiling the base"; echo "error: the base does not build" >&2; exit 3'\n`,
    }),
    'fixed-port.yml': configYaml(quick).replace('port: auto', 'port: 47123'),
    'confirm.yml': configYaml({
      cpuWork: CPU_WORK,
      duration: DURATION,
      runs: 'runs: 3, warmup: 1',
      extra: `gate: { confirm: same-runner }\nbaseline: { dir: ${JSON.stringify(storeDir)} }\n`,
    }),
  };
}

export type RunInRepo = CliResult & { record: ResultsRecord | null };

/** `perfgate run` in `dir`, its results file (in a folder under `root`) read back if written. */
export async function perfgateIn(root: string, dir: string, args: string[]): Promise<RunInRepo> {
  const before = await repoState(dir);
  const out = path.join(await mkdtemp(path.join(root, 'out-')), 'results.json');
  const r = await runCli([...args, '--out', out], { cwd: dir, timeoutMs: 150_000 });
  // Whatever happened, the user's work tree, HEAD and worktrees are as they were.
  expect(await repoState(dir), r.err).toEqual(before);
  expect(checkoutsGone(r.err), r.err).toBe(true);
  const record = existsSync(out)
    ? resultsRecordSchema.parse(JSON.parse(await readFile(out, 'utf8')))
    : null;
  return { ...r, record };
}

/** The CPU/req row of the terminal report. */
export const cpuRow = (out: string) => out.split('\n').find((l) => l.startsWith('| CPU/req')) ?? '';
