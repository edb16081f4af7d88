// `npm run bench:isolation -- [--trials N] [--policy idle|nice|both] <test file>...`: how often
// timing-dependent test files pass next to npm test's timing-free group. The `unit` and
// `integration-io` projects run in a loop at nice 19 (and under SCHED_IDLE with `--policy idle`,
// as `npm test` runs them on Linux) while the named files run N times at normal priority, one
// vitest process per trial. Prints, per policy, the trials passed and their wall times. With
// `both` (the default) the nice-19 block runs first, then the SCHED_IDLE one (the loop is never
// killed mid-pass, whose servers nothing would stop: each block waits for its last pass to end,
// a few minutes), so the machine's own drift between blocks is part of the difference. Every
// process shares one build of the bundle and one temporary folder, removed at the end. Example
// (the action's end to end against a stored baseline):
//   npm run bench:isolation -- --trials 10 __tests__/action/action-node24.test.ts
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { VITEST } from './vitest-entry.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    trials: { type: 'string', default: '6' },
    policy: { type: 'string', default: 'both' },
  },
});
const trials = Number(values.trials);
const policies = values.policy === 'both' ? ['nice', 'idle'] : [values.policy];
if (!Number.isInteger(trials) || trials < 1) {
  console.error(`--trials ${values.trials}: expected a whole number of at least 1`);
  process.exit(2);
}
if (policies.some((p) => p !== 'nice' && p !== 'idle')) {
  console.error(`--policy ${values.policy}: expected idle, nice or both`);
  process.exit(2);
}
if (positionals.length === 0) {
  console.error('name the test files to run, e.g. __tests__/action/action-node24.test.ts');
  process.exit(2);
}
const absent = positionals.filter((f) => !existsSync(f));
if (absent.length > 0) {
  console.error(`no such test file: ${absent.join(', ')}`);
  process.exit(2);
}
const idleWorks =
  process.platform === 'linux' && spawnSync('chrt', ['--idle', '0', 'true']).status === 0;
if (policies.includes('idle') && !idleWorks) {
  console.error('--policy idle needs Linux and chrt (util-linux); use --policy nice');
  process.exit(2);
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'perfgate-isolation-'));
const buildDir = path.join(tmp, 'build');
mkdirSync(buildDir);
const env = { ...process.env, TMPDIR: tmp, PERFGATE_TEST_BUILD_DIR: buildDir };

/**
 * Runs vitest to its end; resolves with its exit code, wall time in seconds and the lines of its
 * output that name a failure (colours removed).
 */
function vitest(args, { prefix = [], extraEnv = {}, nice = 0 } = {}) {
  const started = performance.now();
  const argv = [...prefix, process.execPath, VITEST, 'run', ...args];
  const child = spawn(argv[0], argv.slice(1), {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...env, ...extraEnv },
  });
  if (nice) os.setPriority(child.pid, nice);
  let output = '';
  const keep = (chunk) => (output = (output + chunk.toString()).slice(-200_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      // eslint-disable-next-line no-control-regex
      const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
      const failures = plain
        .split('\n')
        .filter((l) => /\bFAIL\b|No test files|AssertionError|Error:/.test(l))
        .slice(0, 4);
      // "Tests  3 passed | 1 skipped (4)": a skipped test measured nothing.
      const tests = /^\s*Tests\s+(.*)$/m.exec(plain)?.[1]?.trim() ?? 'no test summary';
      resolve({ code, seconds: (performance.now() - started) / 1000, failures, tests });
    });
  });
}

/** Runs the timing-free group under `policy` again and again until `until` settles. */
async function loopOthers(policy, until) {
  let done = false;
  until.then(() => (done = true));
  let passes = 0;
  while (!done) {
    await vitest(['--project', 'unit', '--project', 'integration-io'], {
      prefix: policy === 'idle' ? ['chrt', '--idle', '0'] : [],
      extraEnv: { PERFGATE_STOP_ORPHANS: '0' },
      nice: 19,
    });
    passes++;
  }
  return passes;
}

const results = Object.fromEntries(policies.map((p) => [p, []]));
try {
  for (const policy of policies) {
    let finish = () => {};
    const trialsDone = new Promise((resolve) => (finish = resolve));
    const others = loopOthers(policy, trialsDone);
    // Let the others' files get going before the first trial.
    await new Promise((resolve) => setTimeout(resolve, 15_000));
    for (let i = 0; i < trials; i++) {
      // The projects the timing-dependent files belong to (vitest.config.ts).
      const projects = ['--project', 'integration', '--project', 'integration-alone'];
      const r = await vitest([...projects, ...positionals]);
      results[policy].push(r);
      const verdict = r.code === 0 ? 'passed' : 'FAILED';
      console.log(`${policy} trial ${i + 1}: ${verdict} in ${r.seconds.toFixed(1)} s (${r.tests})`);
      if (r.code !== 0) for (const line of r.failures) console.log(`  ${line.trim()}`);
    }
    finish();
    console.log(`(waiting for the others' pass to end: ${await others} pass(es) in all)`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
}
for (const policy of policies) {
  const rs = results[policy];
  const passed = rs.filter((r) => r.code === 0).length;
  const times = rs.map((r) => r.seconds.toFixed(1)).join(', ');
  const how = policy === 'idle' ? 'nice 19 + SCHED_IDLE' : 'nice 19';
  console.log(`others at ${how}: ${passed} of ${rs.length} trials passed (${times} s)`);
}
