// The same-runner comparison end to end, through the real CLI in real git repositories: the base
// commit is checked out into a temporary worktree, built, started next to this build and
// measured interleaved with it; the paired test decides. The user's work tree is never touched,
// the checkout is removed on every path, a base ref that does not exist is refused before any
// load, and a base that cannot be built or started leaves this build's numbers reported with a
// notice saying what could not be compared.
//
// The fixture server does CPU_WORK units of deterministic work per request, so CPU time per
// request (read from /proc, the least noisy metric on a shared machine) is what the gate watches.
// A "slower" commit changes the default of CPU_SCALE in the committed server file: the config is
// this build's and is shared by both sides, so the change has to live in the code.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resultsRecordSchema, type ResultsRecord } from '../../src/record/record.ts';
import { runCli, type CliResult } from '../helpers/cli.ts';
import { expectNoChildProcesses } from '../helpers/processes.ts';
import {
  checkoutsGone,
  configYaml,
  createRepo,
  git,
  repoState,
  reportedCheckouts,
  serverSource,
  type Files,
} from './repos.ts';

// CPU_WORK 300 is about 0.8 ms of CPU per request, most of the per-request CPU time, so that
// CPU_SCALE 1.5 (+50% work) is roughly +35% CPU per request once the fixed HTTP handling is
// counted. Tolerance 3%: a +35% change is "confidently worse than 3%" after 3 pairs of half-second
// runs even on a busy two-core machine (where a run's CPU reading is a few tens of 10 ms ticks),
// and an A/A is not: its true change is 3 points below the line it would have to cross.
const CPU_WORK = 300;
const SLOWER = 1.5;
/** Length of one run: enough CPU ticks per run for the paired test above. */
const DURATION = '500ms';
/** max-runs of runs: auto: where an undecided A/A stops. */
const MAX_RUNS = 8;

let root: string;
let storeDir: string;

/** Config files committed in every repository (identical in every commit). */
function configs(): Files {
  // The configs below that measure nothing worth comparing run the shortest runs.
  const quick = { cpuWork: CPU_WORK, duration: '200ms', runs: 'runs: 2, warmup: 0' };
  return {
    'perfgate.yml': configYaml({
      cpuWork: CPU_WORK,
      duration: DURATION,
      runs: `runs: auto, min-runs: 3, max-runs: ${MAX_RUNS}, warmup: 1`,
      extra: 'seed: 11\n',
    }),
    'quick.yml': configYaml(quick),
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

async function repo(name: string, commits: Files[]): Promise<string> {
  return createRepo(path.join(root, name), commits);
}

/** `perfgate run` in `dir` (the CLI as a user starts it), with the state of the repo around it. */
async function perfgate(
  dir: string,
  args: string[],
): Promise<CliResult & { record: ResultsRecord | null }> {
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

const cpuRow = (out: string) => out.split('\n').find((l) => l.startsWith('| CPU/req')) ?? '';

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'perfgate-same-runner-'));
  storeDir = path.join(root, 'baselines');
});

afterAll(() => rm(root, { recursive: true, force: true }));
afterEach(() => expectNoChildProcesses());

describe('perfgate run --compare-ref: the base built and measured side by side', () => {
  it('finds +35% CPU per request in the committed code: regression, exit 1', async () => {
    const dir = await repo('slower', [
      { 'server.mjs': serverSource(), ...configs() },
      { 'server.mjs': serverSource(SLOWER) },
    ]);
    const r = await perfgate(dir, ['run', '--compare-ref', 'HEAD~1']);
    expect(r.code, `${r.out}\n${r.err}`).toBe(1);
    expect(cpuRow(r.out)).toContain('regression');
    expect(r.out).toContain('measured the base');
    expect(r.out).toContain('design: paired');
    expect(r.err).toContain('perfgate: gate failed: 1 regression(s)');
    // Both builds ran, interleaved, and the checkout was announced (and is gone: perfgate()).
    expect(r.err).toMatch(/^\[base\] hello {2}run 2\//m);
    expect(r.err).toMatch(/^\[this\] hello {2}run 2\//m);
    const [checkout] = reportedCheckouts(r.err);
    expect(checkout).toBeDefined();
    expect(existsSync(checkout as string)).toBe(false);
    // runs: auto in the paired design stops with a reason, the same for both sides.
    expect(r.record?.design).toBe('paired');
    expect(r.record?.workloads[0]?.stopReason).toMatch(
      /^(clear regression after \d+ runs|reached max-runs \(8\))/,
    );
  }, 160_000);

  it('two commits with the same server: no regression, exit 0', async () => {
    const dir = await repo('same', [
      { 'server.mjs': serverSource(), ...configs() },
      { 'README.md': '# only the docs changed\n' },
    ]);
    const r = await perfgate(dir, ['run', '--compare-ref', 'HEAD~1']);
    expect(r.code, `${r.out}\n${r.err}`).toBe(0);
    expect(cpuRow(r.out)).toMatch(/no change|inconclusive/);
    expect(r.out).not.toMatch(/🔴/);
    expect(r.record?.workloads[0]?.stopReason).toMatch(
      /^(clear pass after \d+ runs|reached max-runs \(8\))/,
    );
  }, 160_000);
});

describe('perfgate run --compare-ref: when the base cannot be measured', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await repo('failures', [
      // The base commit's server does not even parse.
      { 'server.mjs': `this is not javascript;\n${serverSource()}`, ...configs() },
      { 'server.mjs': serverSource() },
    ]);
  });

  /** This build's own numbers are in the report and the results file. */
  function expectHeadReported(r: CliResult & { record: ResultsRecord | null }): void {
    expect(r.code, `${r.out}\n${r.err}`).toBe(0);
    expect(r.out).toContain('could not compare with the base on this runner:');
    expect(r.out).toContain('hello');
    expect(r.record?.design).toBe('independent');
    expect(r.record?.workloads[0]?.runs.length).toBe(2);
    expect(r.err).not.toMatch(/^\[this\] hello {2}run 2/m);
  }

  it('a base ref that does not exist: refused before any load, exit 2', async () => {
    const r = await perfgate(dir, ['run', '-c', 'quick.yml', '--compare-ref', 'no-such-ref']);
    expect(r.code, r.err).toBe(2);
    expect(r.err).toContain('the base ref "no-such-ref" does not exist');
    expect(r.err).toContain('pass an existing branch, tag or commit (--compare-ref)');
    expect(r.err).not.toContain('starting the server');
    expect(r.err).not.toMatch(/hello {2}run 1/);
    expect(reportedCheckouts(r.err)).toEqual([]);
    expect(r.record).toBeNull();
  }, 60_000);

  it('a failing base build: the build output in the notice, checkout removed', async () => {
    const r = await perfgate(dir, ['run', '-c', 'build-fails.yml', '--compare-ref', 'HEAD~1']);
    expectHeadReported(r);
    expect(r.out).toContain('the build command of the base commit failed (exit code 3)');
    expect(r.out).toContain('error: the base does not build');
    expect(reportedCheckouts(r.err)).toHaveLength(1);
  }, 60_000);

  it('a base server that cannot start: says which server, reports this build', async () => {
    const r = await perfgate(dir, ['run', '-c', 'quick.yml', '--compare-ref', 'HEAD~1']);
    expectHeadReported(r);
    expect(r.out).toMatch(/could not compare with the base on this runner: .*exited/);
    expect(r.out).toContain('SyntaxError');
    expect(reportedCheckouts(r.err)).toHaveLength(1);
  }, 60_000);

  it('a fixed server.port: exit 2 before anything runs', async () => {
    const r = await perfgate(dir, ['run', '-c', 'fixed-port.yml', '--compare-ref', 'HEAD~1']);
    expect(r.code, r.err).toBe(2);
    expect(r.err).toContain('set server.port: auto');
    expect(r.err).not.toContain('starting the server');
    expect(r.err).not.toContain('checked out');
    expect(r.record).toBeNull();
  }, 30_000);
});

describe('gate.confirm: same-runner', () => {
  /** Records a baseline with the server of `commit` (a clone checked out there). */
  async function recordAt(dir: string, commit: string): Promise<void> {
    const clone = path.join(root, `${path.basename(dir)}-record`);
    await git(root, ['clone', '--quiet', dir, clone]);
    await git(clone, ['checkout', '--quiet', commit]);
    const r = await runCli(['record', '-c', 'confirm.yml'], { cwd: clone, timeoutMs: 60_000 });
    expect(r.code, r.err).toBe(0);
  }

  it('a stored comparison that passes: the base is not built', async () => {
    await rm(storeDir, { recursive: true, force: true });
    // The baseline was recorded with a much slower server: this build is an improvement.
    const dir = await repo('confirm-pass', [
      { 'server.mjs': serverSource(2), ...configs() },
      { 'server.mjs': serverSource() },
    ]);
    await recordAt(dir, 'HEAD~1');
    const r = await perfgate(dir, ['run', '-c', 'confirm.yml', '--compare-ref', 'HEAD~1']);
    expect(r.code, `${r.out}\n${r.err}`).toBe(0);
    expect(cpuRow(r.out)).toContain('improvement');
    expect(r.err).not.toContain('[base]');
    expect(r.record?.design).toBe('independent');
  }, 90_000);

  it('a stored comparison that says regression: the base is built and the paired result decides', async () => {
    await rm(storeDir, { recursive: true, force: true });
    // The baseline was recorded with a much faster server (the stored comparison says
    // regression), but the base commit itself has the same server: the paired test clears it.
    const dir = await repo('confirm-regression', [
      { 'server.mjs': serverSource(0.5), ...configs() },
      { 'server.mjs': serverSource() },
      { 'README.md': '# only the docs changed\n' },
    ]);
    await recordAt(dir, 'HEAD~2');
    const r = await perfgate(dir, ['run', '-c', 'confirm.yml', '--compare-ref', 'HEAD~1']);
    // With one stored record the runner-to-runner spread is the configured 10%: the stored
    // comparison may only be undecided; either way the paired result decides.
    expect(r.out).toMatch(
      /confirm: same-runner \(the stored baseline said (regression|inconclusive)\)/,
    );
    expect(r.err).toMatch(/^\[base\] hello {2}run 2\//m);
    expect(reportedCheckouts(r.err)).toHaveLength(1);
    expect(r.record?.design).toBe('paired');
    expect(r.code, `${r.out}\n${r.err}`).toBe(0);
    expect(r.out).toContain('design: paired');
    expect(cpuRow(r.out)).not.toContain('regression');
  }, 120_000);
});
