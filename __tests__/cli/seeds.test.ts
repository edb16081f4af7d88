// Every seed article's workload as a perfgate config (fixtures/seeds/, written at full size),
// run here scaled down: fewer connections, shorter stages, fewer requests, two runs each.
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { resultsRecordSchema } from '../../src/record/record.ts';
import { runCliInProcess } from '../helpers/cli.ts';
import { REPO_ROOT } from '../helpers/fixture-server.ts';
import { expectNoChildProcesses } from '../helpers/processes.ts';

const SEEDS = path.join(REPO_ROOT, 'fixtures/seeds');
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The load options of a workload or the defaults, scaled down to a fraction of a second. */
function scaleLoad(o: Obj): void {
  if (typeof o.connections === 'number') o.connections = Math.min(o.connections, 8);
  if (typeof o.requests === 'number') o.requests = Math.min(o.requests, 200);
  if (typeof o.iterations === 'number') o.iterations = Math.min(o.iterations, 25);
  if (o.duration !== undefined) o.duration = '300ms';
  if (Array.isArray(o.stages)) {
    o.stages = o.stages.filter(isObj).map((s) => ({
      ...s,
      duration: '200ms',
      ...(typeof s.connections === 'number' ? { connections: Math.min(s.connections, 30) } : {}),
    }));
  }
  // Latency objectives depend on the machine; error objectives do not.
  if (isObj(o.objectives)) o.objectives = { errors: o.objectives.errors ?? '1%' };
  if (o.runs !== undefined) o.runs = 2;
  if (o.warmup !== undefined) o.warmup = 0;
}

/** A scaled-down copy of a seed config, with the server's folder made absolute. */
function scaled(text: string): string {
  const config = parse(text) as Obj;
  const server = config.server as Obj;
  server.cwd = SEEDS;
  if (isObj(config.objectives)) config.objectives = { errors: config.objectives.errors ?? '1%' };
  config.defaults = { ...(isObj(config.defaults) ? config.defaults : {}), runs: 2, warmup: 0 };
  scaleLoad(config.defaults as Obj);
  for (const w of (config.workloads as unknown[]).filter(isObj)) scaleLoad(w);
  return stringify(config, { aliasDuplicateObjects: false });
}

describe('the seed articles, scaled down', async () => {
  const files = (await readdir(SEEDS)).filter((f) => f.endsWith('.yml')).sort();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'perfgate-seeds-'));

  afterAll(() => expectNoChildProcesses());

  it('holds one config per seed article', () => {
    expect(files.map((f) => f.slice(0, 3))).toEqual(['000', '001', '002', '003', '004']);
  });

  it.each(files)(
    '%s runs without errors',
    async (name) => {
      const full = await readFile(path.join(SEEDS, name), 'utf8');
      const config = path.join(dir, name);
      await writeFile(config, scaled(full));
      const out = path.join(dir, `${name}.json`);
      const r = await runCliInProcess([
        'run',
        '-q',
        '--config',
        config,
        '--out',
        out,
        '--compare-to',
        'none',
      ]);
      expect(r.code, r.err + r.out).toBe(0);
      const record = resultsRecordSchema.parse(JSON.parse(await readFile(out, 'utf8')));
      const names = (parse(full) as { workloads: { name: string }[] }).workloads.map((w) => w.name);
      expect(record.workloads.map((w) => w.name).sort()).toEqual([...names].sort());
      for (const w of record.workloads) {
        for (const run of w.runs) expect(run.errorRate, `${w.name}`).toBe(0);
        // A CRUD iteration is 4 requests: 25 iterations are 100.
        if (w.name.startsWith('crud')) expect(w.runs.map((x) => x.requests)).toEqual([100, 100]);
      }
    },
    120_000,
  );
});
