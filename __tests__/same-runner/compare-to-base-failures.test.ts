// The same-runner comparison when the base cannot be measured, through the real CLI in a real
// git repository: a base ref that does not exist and a fixed server port are refused before any
// load (exit 2); a base that cannot be built or started leaves this build's numbers reported
// (exit 0) with a notice saying what could not be compared and why. The checkout is removed and
// the user's work tree untouched on every path (perfgateIn). Nothing here depends on how fast
// the machine is, so the file runs next to the unit tests (vitest.config.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectNoChildProcesses } from '../helpers/processes.ts';
import { configs, perfgateIn, type RunInRepo } from './compare-cli.ts';
import { createRepo, reportedCheckouts, serverSource } from './repos.ts';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'perfgate-same-runner-failures-'));
});

afterAll(() => rm(root, { recursive: true, force: true }));
afterEach(() => expectNoChildProcesses());

const perfgate = (dir: string, args: string[]) => perfgateIn(root, dir, args);

describe('perfgate run --compare-ref: when the base cannot be measured', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await createRepo(path.join(root, 'failures'), [
      // The base commit's server does not even parse.
      {
        'server.mjs': `this is not javascript;\n${serverSource()}`,
        ...configs(path.join(root, 'baselines')),
      },
      { 'server.mjs': serverSource() },
    ]);
  });

  /** This build's own numbers are in the report and the results file. */
  function expectHeadReported(r: RunInRepo): void {
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
