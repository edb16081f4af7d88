import { describe, expect, it } from 'vitest';
import { hashConfig, canonicalJson } from '../../src/config/hash.ts';
import { parseConfig } from '../../src/config/parse.ts';
import { DEFAULT_THRESHOLDS, resolveConfig } from '../../src/config/resolve.ts';
import type { ParsedConfig } from '../../src/config/schema.ts';

function parsed(text: string): ParsedConfig {
  const r = parseConfig(text, 'perfgate.yml');
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.config;
}

const MINIMAL = `
server: { command: node server.js, ready: { url: 'http://127.0.0.1:3000/health' } }
workloads: [{ name: hello, path: / }]
`;

describe('resolveConfig', () => {
  it('fills every default', () => {
    const c = resolveConfig(parsed(MINIMAL), '/repo');
    expect(c.server).toEqual({
      command: 'node server.js',
      build: null,
      cwd: '/repo',
      env: {},
      ready: { kind: 'url', url: 'http://127.0.0.1:3000/health' },
      readyTimeoutMs: 30_000,
      stopTimeoutMs: 5_000,
      url: 'http://127.0.0.1:3000',
      port: null,
      cpus: null,
      restart: 'never',
    });
    expect(c.loadCpus).toBeNull();
    expect(c.seed).toBeNull();
    expect(c.workloads).toEqual([
      {
        name: 'hello',
        steps: [{ method: 'GET', path: '/' }],
        setup: [],
        thresholds: DEFAULT_THRESHOLDS,
        connections: 10,
        pipelining: 1,
        durationMs: 10_000,
        requests: null,
        rate: null,
        timeoutMs: 10_000,
        runs: 'auto',
        warmup: 1,
        minRuns: 5,
        maxRuns: 20,
        budgetMs: 600_000,
        client: 'auto',
        latency: 'corrected',
        minRateShare: 0.95,
      },
    ]);
  });

  it('has the documented default thresholds', () => {
    expect(DEFAULT_THRESHOLDS).toEqual({
      throughput: 0.05,
      p50: 0.05,
      p90: null,
      p99: 0.1,
      cpu: 0.05,
      rss: 0.1,
      errors: 0.001,
    });
  });

  it('layers defaults, then the workload, over the built-in defaults', () => {
    const c = resolveConfig(
      parsed(`
server: { command: x, ready: { port: 3000 }, cwd: app }
defaults: { connections: 50, duration: 3s }
thresholds: { p99: off, p90: 4% }
workloads:
  - { name: a, path: /, connections: 5, thresholds: { p90: off, throughput: 2% } }
  - name: b
    steps: [{ method: POST, path: /t, capture: { id: body.id } }, { path: '/t/{{id}}' }]
`),
      '/repo',
    );
    const [a, b] = c.workloads;
    expect(c.server.cwd).toBe('/repo/app');
    expect(c.server.url).toBe('http://127.0.0.1:3000');
    expect(a?.connections).toBe(5);
    expect(a?.durationMs).toBe(3000);
    expect(a?.thresholds).toMatchObject({ p99: null, p90: null, throughput: 0.02, p50: 0.05 });
    expect(b?.connections).toBe(50);
    expect(b?.thresholds.p90).toBe(0.04);
    expect(b?.steps.map((s) => s.method)).toEqual(['POST', 'GET']);
  });

  it('uses server.url when readiness is by log', () => {
    const c = resolveConfig(
      parsed(`
server: { command: x, ready: { log: listening }, url: 'http://127.0.0.1:4000/' }
workloads: [{ name: a, path: / }]
`),
      '/repo',
    );
    expect(c.server.ready).toEqual({ kind: 'log', text: 'listening' });
    expect(c.server.url).toBe('http://127.0.0.1:4000');
  });
});

describe('hashConfig', () => {
  const config = parsed(MINIMAL);

  it('is 16 hex characters and stable', () => {
    const h = hashConfig(resolveConfig(config, '/a'));
    expect(h).toMatch(/^[0-9a-f]{16}$/);
    expect(hashConfig(resolveConfig(config, '/a'))).toBe(h);
  });

  it('ignores where the checkout is', () => {
    expect(hashConfig(resolveConfig(config, '/home/a/repo'))).toBe(
      hashConfig(resolveConfig(config, '/tmp/b')),
    );
  });

  it('ignores the order keys were written in', () => {
    const reordered = parsed(`
workloads: [{ path: /, name: hello }]
server: { ready: { url: 'http://127.0.0.1:3000/health' }, command: node server.js }
`);
    expect(hashConfig(resolveConfig(reordered, '/x'))).toBe(
      hashConfig(resolveConfig(config, '/y')),
    );
  });

  it('changes when what is measured changes', () => {
    const more = parsed(MINIMAL.replace('path: / }', 'path: /, connections: 11 }'));
    expect(hashConfig(resolveConfig(more, '/a'))).not.toBe(hashConfig(resolveConfig(config, '/a')));
  });

  it('canonical JSON sorts keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: 3 } })).toBe(
      '{"a":{"c":3,"d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });
});
