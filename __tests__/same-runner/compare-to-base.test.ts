// The same-runner comparison end to end, through the real CLI in real git repositories: the base
// commit is checked out into a temporary worktree, built, started next to this build and
// measured in pairs with it (at once, a duet, by default; one after the other with
// gate.pairing: alternate); the paired test decides, and a stored comparison that says
// regression is confirmed by it (gate.confirm). The user's work tree is never touched and the
// checkout is removed on every path. What happens when the base cannot be measured (a ref that
// does not exist, a base that does not build or start) is in compare-to-base-failures.test.ts,
// which measures nothing and runs next to the unit tests.
//
// The fixture server does CPU_WORK units of deterministic work per request, so CPU time per
// request (read from /proc, the least noisy metric on a shared machine) is what the gate watches.
// A "slower" commit changes the default of CPU_SCALE in the committed server file: the config is
// this build's and is shared by both sides, so the change has to live in the code.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { expectNoChildProcesses } from '../helpers/processes.ts';
import { configs, cpuRow, perfgateIn, SLOWER } from './compare-cli.ts';
import { createRepo, git, reportedCheckouts, serverSource, type Files } from './repos.ts';

let root: string;
let storeDir: string;

async function repo(name: string, commits: Files[]): Promise<string> {
  return createRepo(path.join(root, name), commits);
}

const perfgate = (dir: string, args: string[]) => perfgateIn(root, dir, args);

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'perfgate-same-runner-'));
  storeDir = path.join(root, 'baselines');
});

afterAll(() => rm(root, { recursive: true, force: true }));
afterEach(() => expectNoChildProcesses());

describe('perfgate run --compare-ref: the base built and measured side by side', () => {
  it('finds +35% CPU per request in the committed code in a duet (the default): exit 1', async () => {
    const dir = await repo('slower', [
      { 'server.mjs': serverSource(), ...configs(storeDir) },
      { 'server.mjs': serverSource(SLOWER) },
    ]);
    const r = await perfgate(dir, ['run', '--compare-ref', 'HEAD~1']);
    expect(r.code, `${r.out}\n${r.err}`).toBe(1);
    expect(cpuRow(r.out)).toContain('regression');
    expect(r.out).toContain('measured the base');
    expect(r.out).toContain('design: paired');
    expect(r.err).toContain('perfgate: gate failed: 1 regression(s)');
    // gate.pairing auto on a comparison that records nothing: both builds loaded at once.
    expect(r.out).toMatch(
      /pinned: both servers CPU [0-9-]+ \(loaded at once, sharing it: pairing duet\)/,
    );
    // Each run is named after its own side, though the two run at the same time.
    expect(r.err).toMatch(/^\[base\] hello {2}run 2\/9 /m);
    expect(r.err).toMatch(/^\[this\] hello {2}run 2\/9 /m);
    const [checkout] = reportedCheckouts(r.err);
    expect(checkout).toBeDefined();
    expect(existsSync(checkout as string)).toBe(false);
    // runs: auto in the paired design stops with a reason, the same for both sides.
    expect(r.record?.design).toBe('paired');
    expect(r.record?.config['gate']).toMatchObject({ pairing: 'duet' });
    expect(r.record?.workloads[0]?.stopReason).toMatch(
      /^(clear regression after \d+ runs|reached max-runs \(8\))/,
    );
  }, 160_000);

  it('alternating (gate.pairing: alternate): one build after the other, +35% found, exit 1', async () => {
    const dir = await repo('slower-alternate', [
      { 'server.mjs': serverSource(), ...configs(storeDir) },
      { 'server.mjs': serverSource(SLOWER) },
    ]);
    const r = await perfgate(dir, ['run', '-c', 'alternate.yml', '--compare-ref', 'HEAD~1']);
    expect(r.code, `${r.out}\n${r.err}`).toBe(1);
    expect(cpuRow(r.out)).toContain('regression');
    expect(r.record?.design).toBe('paired');
    expect(r.record?.config['gate']).toMatchObject({ pairing: 'alternate' });
    expect(r.out).toContain('side by side with this build, one run of each in turn');
    expect(r.out).not.toContain('sharing it: pairing duet');
    expect(r.err).toMatch(/^\[base\] hello {2}run 2\//m);
    expect(r.err).toMatch(/^\[this\] hello {2}run 2\//m);
  }, 160_000);

  it('two commits with the same server: no regression, exit 0', async () => {
    const dir = await repo('same', [
      { 'server.mjs': serverSource(), ...configs(storeDir) },
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
    // The baseline was recorded with a much slower server: this build is an improvement. (Three
    // times the work: with one stored session, runs of half a second and the configured 10%
    // runner spread, twice the work once measured -30% [-50%, -1.5%], "no change".)
    const dir = await repo('confirm-pass', [
      { 'server.mjs': serverSource(3), ...configs(storeDir) },
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
      { 'server.mjs': serverSource(0.5), ...configs(storeDir) },
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
