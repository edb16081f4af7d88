// The same locally: two terminals run `perfgate run --shard 1/2` and `--shard 2/2` against
// the base commit side by side (same-runner pairing in each shard), then `perfgate merge`
// gives one paired comparison of every workload, laid out as an unsharded run's report. Shard
// files that do not belong together are refused with exit 2, naming the shard.

import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadRunConfig } from '../../src/config/load-run-config.ts';
import { withPairing } from '../../src/gate/plan.ts';
import { gatedFamilySize } from '../../src/verdict/index.ts';
import { runCli } from '../helpers/cli.ts';
import { expectNoChildProcesses } from '../helpers/processes.ts';
import { configYaml, createRepo, serverSource } from '../same-runner/repos.ts';

const CONFIG = configYaml({
  cpuWork: 100,
  runs: 'runs: 2, warmup: 0',
  extra: 'gate: { compare-to: base }\n',
})
  // Runs bounded by a request count (about 0.1 s of the server's CPU each): the same work
  // whatever else the machine is doing.
  .replace('duration: 1s', 'requests: 300')
  .concat(
    '  - name: json\n    path: /json\n  - name: echo\n    method: POST\n    path: /echo\n    body: { id: 1 }\n',
  );

let root: string;
let dir: string;
const shardDir = () => path.join(dir, '.perfgate-shards');
const cli = (args: string[]) => runCli(args, { cwd: dir, timeoutMs: 120_000 });
/**
 * Workload headings and the family line of a report: what must not depend on sharding. (Not the
 * sentence that stands for an empty changes table: whether a metric of two 2-run sessions is
 * decided is a verdict, which may differ between the merged and the unsharded run.)
 */
const layout = (out: string) =>
  out
    .split('\n')
    .filter(
      (l) =>
        /^\S.*: (🟢|🟡|🔴|⚪)/.test(l) ||
        (l.includes('gated metrics') && !l.startsWith('No gated metric changed')),
    );

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'perfgate-shard-cli-'));
  dir = await createRepo(path.join(root, 'repo'), [
    { 'server.mjs': serverSource(), 'perfgate.yml': CONFIG },
    { 'README.md': '# docs only\n' },
  ]);
});
afterAll(() => rm(root, { recursive: true, force: true }));
afterEach(() => expectNoChildProcesses());

describe('perfgate run --shard and perfgate merge', () => {
  let merged = '';

  it('two shards, each paired with its base, merge into one paired comparison of every workload', async () => {
    const [one, two] = await Promise.all([
      cli(['run', '--shard', '1/2', '--compare-ref', 'HEAD~1', '-q']),
      cli(['run', '--shard', '2/2', '--compare-ref', 'HEAD~1', '-q']),
    ]);
    for (const r of [one, two]) {
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain('partial report without a verdict');
      expect(r.out).toContain('measured the base');
    }
    const r = await cli(['merge', '--out', path.join(root, 'merged.json')]);
    expect(r.code, `${r.out}\n${r.err}`).toBeLessThanOrEqual(1);
    merged = r.out;
    expect(r.out).toContain('merged 2 shards: 1/2 (');
    expect(r.out).toContain('design: paired');
    // Measured in a duet (gate.pairing: auto on a comparison that records nothing): latency is
    // not gated, so the family is that of the config with latency off.
    const config = withPairing(await loadRunConfig(path.join(dir, 'perfgate.yml')), 'duet');
    expect(r.out).toContain(`over the ${gatedFamilySize(config.resolved.workloads)} gated metrics`);
    expect(r.out).toContain('Measured in a duet');
    const record = JSON.parse(await readFile(path.join(root, 'merged.json'), 'utf8'));
    expect(record.design).toBe('paired');
    expect(record.workloads.map((w: { name: string }) => w.name)).toEqual([
      'hello',
      'json',
      'echo',
    ]);
  }, 240_000);

  it('gives the report an unsharded run gives, apart from the numbers', async () => {
    const r = await cli(['run', '--compare-ref', 'HEAD~1', '-q']);
    expect(r.code, r.err).toBeLessThanOrEqual(1);
    const strip = (lines: string[]) => lines.map((l) => l.replace(/: (🟢|🟡|🔴).*$/, ''));
    expect(strip(layout(merged))).toEqual(strip(layout(r.out)));
    expect(layout(merged).length).toBeGreaterThanOrEqual(4);
  }, 120_000);

  it('refuses a missing, a duplicated or a foreign shard with exit 2, naming it', async () => {
    const one = path.join(shardDir(), 'perfgate-shard-1-of-2.json');
    const two = path.join(shardDir(), 'perfgate-shard-2-of-2.json');
    const missing = await cli(['merge', '--from', one]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('shard 2/2 is missing: no perfgate-shard-2-of-2.json');

    const copy = path.join(root, 'copy');
    await cp(two, path.join(copy, 'perfgate-shard-2-of-2.json'));
    const dup = await cli(['merge', '--from', shardDir(), '--from', copy]);
    expect(dup.code).toBe(2);
    expect(dup.err).toMatch(/shard 2\/2 appears 2 times: .*copy\/perfgate-shard-2-of-2\.json/);

    const foreign = JSON.parse(await readFile(two, 'utf8'));
    foreign.configHash = '0123456789abcdef';
    foreign.commit.sha = 'f'.repeat(40);
    await writeFile(path.join(copy, 'perfgate-shard-2-of-2.json'), JSON.stringify(foreign));
    const bad = await cli(['merge', '--from', one, '--from', copy]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('shard 2/2 (');
    expect(bad.err).toContain('was made with config hash 0123456789abcdef');
    expect(bad.err).toMatch(
      /the shards measured different commits .*commit ffffffffffff: shard 2\/2/,
    );
    expect(bad.err).toContain('nothing was compared or recorded');
  }, 120_000);

  it('refuses a bad --shard before any load', async () => {
    const r = await cli(['run', '--shard', '3/2']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--shard: expected "i/n" with 1 <= i <= n <= 256');
    expect(r.err).not.toContain('run 1/');
  });
});
