// Seeded fuzzing of the config reader through main(): 240 generated invalid configs (a valid
// one with one or two fields broken, sometimes dressed with huge or hostile valid values, as
// YAML or JSON). Every one must exit 2 naming the broken field, never exit 4, finish within
// seconds of CPU time, print less than 64 KB, and neither start the server nor connect to its
// port. (CPU time, not wall time: the file runs at a low priority next to others, where a case
// may wait for the CPU; a hang still fails the case after HANG_MS.)
// Replay one case with FUZZ_SEED=<seed> (the failing case's seed is in the test name).
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createRng, randomInt, type Rng } from '../../src/stats/random.ts';
import { runCliInProcess } from '../helpers/cli.ts';

const CASES = 240;
const FIRST_SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const MAX_STDERR = 64 * 1024;
/** CPU time one case may take (a case takes tens of milliseconds). */
const MAX_CPU_MS = 10_000;
/** Wall time after which a case counts as hung. */
const HANG_MS = 30_000;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Config = { [key: string]: Json };

/** A broken field: where (as perfgate names it) and the value put there. */
interface Breakage {
  path: (string | number)[];
  value: Json;
  /** What stderr must contain; default: the field's path as perfgate writes it. */
  expect?: string;
}

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[randomInt(rng, xs.length)] as T;
const long = (rng: Rng, n: number) => 'x'.repeat(n + randomInt(rng, n));

/** The field breakers: each returns one invalid change to a valid config. */
const BREAKERS: ((rng: Rng, workloads: number) => Breakage)[] = [
  (rng) => ({
    path: ['defaults', 'connections'],
    value: pick(rng, [-1, 0, 0.5, 'many', null, [], {}, 1e12]),
  }),
  (rng) => ({ path: ['defaults', 'duration'], value: pick(rng, ['10 sec', -1, '', 'forever']) }),
  (rng) => ({ path: ['defaults', 'runs'], value: pick(rng, [0, -3, 'x', 2.5, true]) }),
  (rng) => ({ path: ['thresholds', 'p99'], value: pick(rng, ['ten', '-3%', [], 'NaN%']) }),
  (rng, n) => ({
    path: ['workloads', randomInt(rng, n), 'path'],
    value: pick(rng, ['no-slash', '/a\0b', '/a\r\nGET /x', '/\u007f', 123, long(rng, 5000)]),
  }),
  (rng, n) => ({
    path: ['workloads', randomInt(rng, n), 'method'],
    value: pick(rng, ['FETCH', 'get ', '', long(rng, 3000)]),
  }),
  (rng, n) => ({
    path: ['workloads', randomInt(rng, n), 'headers', 'x-a'],
    value: pick(rng, ['1\r\nInjected: yes', 'a\0b', 'a\nb', 7]),
  }),
  (rng, n) => ({
    path: ['workloads', randomInt(rng, n), 'headers', pick(rng, ['bad name', 'a:b', 'é'])],
    value: 'v',
  }),
  (rng) => ({
    path: ['baseline', 'branch'],
    value: pick(rng, ['../../etc/passwd', 'a..b', '-x', 'x.lock', '/x', 'a//b', 'a.', '.h', '']),
  }),
  (rng) => ({
    path: ['defaults', pick(rng, ['duraton', 'conections', long(rng, 20_000)])],
    value: 1,
  }),
  (rng) => ({ path: [pick(rng, ['wrkloads', 'thresholdz'])], value: {} }),
  (rng, n) => ({
    path: ['workloads', randomInt(rng, n), 'expect', 'status'],
    value: pick(rng, [999, 0, 'ok', [], [200, 42]]),
  }),
  (rng) => ({ path: ['server', 'ready', 'port'], value: pick(rng, [0, 70000, -1, 'http']) }),
  (rng) => {
    // Thousands of invalid workloads: the list of problems must stay short. (input-limits.test.ts
    // checks the most 1 MiB holds, 30,000; here up to 3,000, since reading YAML this long costs
    // about 0.1 ms a workload and a tenth of the cases draw this breaker.)
    const count = 1000 + randomInt(rng, 2000);
    return {
      path: ['workloads'],
      value: Array.from({ length: count }, (_, i) => ({ name: `w${i}`, path: 'nope' })),
      expect: 'workloads[0].path',
    };
  },
  (rng) => {
    // Lists nested far deeper than any config needs.
    let v: Json = 1;
    for (let i = 0, d = 100 + randomInt(rng, 2000); i < d; i++) v = [v];
    return { path: ['workloads', 0, 'body'], value: v, expect: 'nested' };
  },
];

/** Valid but hostile dressing: huge names and values that must not be echoed in full. */
function dress(rng: Rng, config: Config): void {
  const workloads = config.workloads as Config[];
  const w = pick(rng, workloads);
  if (rng() < 0.5) w.name = `${long(rng, 10_000)} https://example.com/@user #1`;
  if (rng() < 0.3) w.headers = { 'x-big': long(rng, 50_000) };
}

/** A valid config whose server leaves a mark and whose port counts connections. */
function validConfig(rng: Rng, port: number, marker: string): Config {
  const n = 1 + randomInt(rng, 4);
  return {
    server: {
      command: `node -e "require('node:fs').writeFileSync(${JSON.stringify(JSON.stringify(marker))}, 'x')"`,
      ready: { port },
    },
    defaults: { connections: 2, duration: '1s', runs: 2, warmup: 0 },
    thresholds: { throughput: '3%', p99: '10%' },
    workloads: Array.from({ length: n }, (_, i) => ({
      name: `w${i}`,
      method: pick(rng, ['GET', 'POST']),
      path: `/p${i}`,
      headers: { 'x-i': String(i) },
    })),
  };
}

function setAt(config: Config, where: (string | number)[], value: Json): void {
  let node = config as Record<string | number, Json>;
  for (const key of where.slice(0, -1)) {
    node[key] ??= typeof key === 'number' ? [] : {};
    node = node[key] as Record<string | number, Json>;
  }
  node[where.at(-1) as string | number] = value;
}

/** The path as perfgate's messages write it: workloads[2].headers["bad name"]. */
function formatPath(where: (string | number)[]): string {
  let out = '';
  for (const key of where) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(key)) out += `${out ? '.' : ''}${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

let dir: string;
let marker: string;
let counter: net.Server;
let port: number;
let connections = 0;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'perfgate-fuzz-'));
  marker = path.join(dir, 'server-started');
  counter = net.createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => counter.listen(0, '127.0.0.1', resolve));
  port = (counter.address() as net.AddressInfo).port;
  // Loads the run command's modules (imported when a command first runs), untimed.
  const warmUp = path.join(dir, 'warm-up.yml');
  const broken = validConfig(createRng(1), port, marker);
  setAt(broken, ['defaults', 'runs'], 0);
  await writeFile(warmUp, stringify(broken));
  expect((await runCliInProcess(['run', '--config', warmUp])).code).toBe(2);
});

afterAll(async () => {
  await new Promise((resolve) => counter.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

const seeds = Array.from({ length: CASES }, (_, i) => FIRST_SEED + i);

describe('fuzzed invalid configs', () => {
  it.each(seeds)('seed %i: exit 2 naming the field, bounded output, nothing sent', async (seed) => {
    const rng = createRng(seed);
    const config = validConfig(rng, port, marker);
    const n = (config.workloads as Json[]).length;
    if (rng() < 0.4) dress(rng, config);
    const breaks = [pick(rng, BREAKERS)(rng, n)];
    if (rng() < 0.25) breaks.push(pick(rng, BREAKERS)(rng, n));
    for (const b of breaks) setAt(config, b.path, b.value);
    const json = rng() < 0.3;
    const file = path.join(dir, `case-${seed}.${json ? 'json' : 'yml'}`);
    await writeFile(file, json ? JSON.stringify(config) : stringify(config, { lineWidth: 0 }));

    const cpuBefore = process.cpuUsage();
    let hang: NodeJS.Timeout | undefined;
    const r = await Promise.race([
      runCliInProcess(['run', '--config', file, '--out', path.join(dir, 'r.json')]),
      new Promise<never>((_, reject) => {
        hang = setTimeout(
          () => reject(new Error(`seed ${seed}: no answer within ${HANG_MS} ms`)),
          HANG_MS,
        );
      }),
    ]).finally(() => clearTimeout(hang));
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    expect(r.code, r.err.slice(0, 2000)).toBe(2);
    expect(r.err.length, 'stderr is bounded').toBeLessThan(MAX_STDERR);
    // With two breakages the listing may stop before the second one: one must be named.
    const named = breaks.map((b) => b.expect ?? formatPath(b.path).slice(0, 59));
    expect(
      named.some((t) => r.err.includes(t)),
      `one of ${JSON.stringify(named)} named in:\n${r.err.slice(0, 2000)}`,
    ).toBe(true);
    expect(existsSync(marker), 'the server command was started').toBe(false);
    expect(connections, 'a connection reached the server port').toBe(0);
    expect(cpuMs, 'CPU time of the case (ms)').toBeLessThan(MAX_CPU_MS);
  });
});
