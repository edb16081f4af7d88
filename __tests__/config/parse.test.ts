import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from '../../src/config/parse.ts';
import { didYouMean, editDistance } from '../../src/config/did-you-mean.ts';
import { formatPath, formatProblems } from '../../src/config/problems.ts';

const SERVER = `server: { command: node server.js, ready: { port: 3000 } }\n`;

describe('parseConfig', () => {
  it('reports every problem at once, in file order', () => {
    const r = parseConfig(
      `${SERVER}defaults: { duraton: 10s }\nthresholds: { p99: ten }\nworkloads:\n  - { name: a, path: / }\n  - { name: b, method: FETCH, path: / }\n`,
      'perfgate.yml',
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(formatProblems(r.problems, 'perfgate.yml')).toBe(
      [
        'perfgate.yml: 3 problems:',
        '  - defaults.duraton: unknown key; did you mean "duration"?',
        '  - thresholds.p99: got "ten", expected a percentage such as "3%"',
        '  - workloads[1].method: got "FETCH", expected one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS',
      ].join('\n'),
    );
    expect(r.problems[2]).toEqual({
      path: 'workloads[1].method',
      message: 'expected one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS',
      value: 'FETCH',
    });
  });

  it('reports a workload with steps against the sequence form only', () => {
    const r = parseConfig(
      `${SERVER}workloads:\n  - name: crud\n    steps:\n      - { method: GET, path: x }\n`,
      'perfgate.yml',
    );
    if (r.ok) throw new Error('expected a failure');
    expect(r.problems).toEqual([
      {
        path: 'workloads[0].steps[0].path',
        message: 'expected a path starting with "/"',
        value: 'x',
      },
    ]);
  });

  it('accepts captures from setup and from earlier steps', () => {
    const r = parseConfig(
      `${SERVER}workloads:
  - name: crud
    setup: [{ method: POST, path: /login, capture: { token: body.token } }]
    steps:
      - { method: POST, path: /t, headers: { authorization: 'Bearer {{token}}' }, capture: { id: body.id } }
      - { method: GET, path: '/t/{{ id }}', body: { deep: ['{{id}}'] } }
`,
      'perfgate.yml',
    );
    expect(r.ok).toBe(true);
  });

  it('allows requests and rate together', () => {
    const r = parseConfig(
      `${SERVER}workloads: [{ name: a, path: /, rate: 100, requests: 1000 }]\n`,
      'p.yml',
    );
    expect(r.ok).toBe(true);
  });

  it('reads JSON by extension', () => {
    const r = parseConfig(
      JSON.stringify({
        server: { command: 'x', ready: { port: 1 } },
        workloads: [{ name: 'a', path: '/' }],
      }),
      'perfgate.json',
    );
    expect(r.ok).toBe(true);
  });

  it('gives the line and column of a YAML syntax error', () => {
    const r = parseConfig('server:\n  command: [x\n', 'perfgate.yml');
    if (r.ok) throw new Error('expected a failure');
    expect(r.problems[0]?.message).toMatch(/^YAML syntax error at perfgate\.yml:\d+:\d+: /);
  });
});

describe('loadConfig', () => {
  it('says how to point at a config when the file is missing', async () => {
    const r = await loadConfig('/nonexistent/perfgate.yml');
    if (r.ok) throw new Error('expected a failure');
    expect(formatProblems(r.problems, '/nonexistent/perfgate.yml')).toBe(
      '/nonexistent/perfgate.yml: 1 problem:\n  - config file not found: /nonexistent/perfgate.yml; pass --config <file> or create perfgate.yml',
    );
  });

  it('reads a file from disk', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'perfgate-config-'));
    const file = path.join(dir, 'perfgate.yaml');
    await writeFile(file, `${SERVER}workloads: [{ name: a, path: / }]\n`);
    const r = await loadConfig(file);
    expect(r.ok).toBe(true);
  });
});

describe('did you mean', () => {
  const keys = ['connections', 'duration', 'min-runs', 'max-runs', 'requests'];

  it.each([
    ['duraton', 'duration'],
    ['min_runs', 'min-runs'],
    ['conections', 'connections'],
    ['dur', 'duration'],
    ['Duration', 'duration'],
  ])('%s -> %s', (typo, known) => expect(didYouMean(typo, keys)).toBe(known));

  it('suggests nothing for a far-off key', () =>
    expect(didYouMean('banana', keys)).toBeUndefined());

  it('measures edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('formatPath', () => {
  it('writes paths as in the file', () => {
    expect(formatPath(['workloads', 2, 'steps', 0, 'method'])).toBe('workloads[2].steps[0].method');
    expect(formatPath(['server', 'env', 'MY VAR'])).toBe('server.env["MY VAR"]');
    expect(formatPath([])).toBe('');
  });
});

describe('the shard setting', () => {
  it('is read as i/n and resolved; anything else is a problem naming it', async () => {
    const { resolveConfig } = await import('../../src/config/resolve.ts');
    const good = parseConfig(
      `${SERVER}shard: 2/3\nworkloads:\n  - { name: a, path: / }\n`,
      'p.yml',
    );
    expect(good.ok && resolveConfig(good.config, '/tmp').shard).toEqual({ index: 2, count: 3 });
    const bad = parseConfig(`${SERVER}shard: 4/3\nworkloads:\n  - { name: a, path: / }\n`, 'p.yml');
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(formatProblems(bad.problems, 'p.yml')).toContain(
      'shard: got "4/3", expected "i/n" with 1 <= i <= n <= 256',
    );
  });
});
