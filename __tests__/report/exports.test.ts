// The export formats: JUnit XML checked against the Ant JUnit schema with xmllint, Bencher's
// BMF against the shape Bencher documents (its bmf.json schema, restated here with zod), and
// github-action-benchmark's custom JSON against the fields its README names.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { renderExport, toBenchmarkAction, toBmf, toJunit } from '../../src/export/index.ts';
import { compareRecords } from '../../src/verdict/index.ts';
import { runCliInProcess } from '../helpers/cli.ts';
import { noisyRuns } from '../helpers/noisy-runs.ts';
import { makeRecord } from '../helpers/records.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const XSD = path.join(ROOT, 'fixtures/reference/junit.xsd');
const HOSTILE = 'a <b> & "c" \u0007 ]]>';

const base = makeRecord({
  workloads: { hello: noisyRuns({ n: 8, seed: 1 }), [HOSTILE]: noisyRuns({ n: 8, seed: 2 }) },
});
const head = makeRecord({
  workloads: {
    hello: noisyRuns({ n: 8, seed: 3, p99Us: 6000 }),
    [HOSTILE]: noisyRuns({ n: 8, seed: 4, cv: 0.2 }),
  },
  commit: 'b'.repeat(40),
});
const comparison = compareRecords(base, head, { runnerNoise: 0 });

// Bencher's documented BMF JSON Schema (draft-07): benchmark -> measure -> { value, lower_value?, upper_value? }.
const bmfSchema = z.record(
  z.string().min(1),
  z.record(
    z.string().min(1),
    z.object({
      value: z.number(),
      lower_value: z.number().optional(),
      upper_value: z.number().optional(),
    }),
  ),
);

const tmp = mkdtempSync(path.join(os.tmpdir(), 'perfgate-junit-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function validateJunit(xml: string): string {
  const file = path.join(tmp, `${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml);
  return execFileSync('xmllint', ['--noout', '--schema', XSD, file], {
    encoding: 'utf8',
    stdio: 'pipe',
  });
}

describe('JUnit XML', () => {
  it('validates against the JUnit schema, with and without a comparison', () => {
    expect(() => validateJunit(toJunit(head, comparison, { hostname: 'runner-1' }))).not.toThrow();
    expect(() => validateJunit(toJunit(head, null))).not.toThrow();
  });

  it('the schema check can fail: a suite without its hostname is refused', () => {
    const broken = toJunit(head, null).replace(/ hostname="[^"]*"/, '');
    expect(() => validateJunit(broken)).toThrow();
  });

  it('fails the regressed metric, skips the undecided ones, escapes names', () => {
    const xml = toJunit(head, comparison);
    expect(xml).toMatch(/<testcase name="p99" classname="perfgate.hello" time="0">\s*<failure /);
    expect(xml).toContain('type="regression"');
    expect(xml).toContain('name="a &lt;b&gt; &amp; &quot;c&quot;  ]]&gt;"');
    expect(xml).not.toContain('\u0007');
    const suites = xml.match(/<testsuite /g) ?? [];
    expect(suites).toHaveLength(2);
  });
});

describe('Bencher Metric Format', () => {
  it('has Bencher documented shape: one benchmark per workload, latency in nanoseconds', () => {
    const doc = toBmf(head);
    expect(bmfSchema.safeParse(doc).success).toBe(true);
    expect(Object.keys(doc)).toEqual(['hello', HOSTILE]);
    const hello = doc.hello!;
    expect(Object.keys(hello)).toEqual(
      expect.arrayContaining(['throughput', 'latency', 'latency-p99', 'cpu-per-request']),
    );
    // p50 about 1000 µs = 1e6 ns; value between its lower and upper values.
    expect(hello.latency!.value).toBeGreaterThan(0.9e6);
    expect(hello.latency!.value).toBeLessThan(1.1e6);
    for (const m of Object.values(hello)) {
      expect(m.lower_value!).toBeLessThanOrEqual(m.value);
      expect(m.upper_value!).toBeGreaterThanOrEqual(m.value);
    }
    expect(JSON.parse(renderExport('bmf', head, null))).toEqual(doc);
  });
});

describe('github-action-benchmark custom JSON', () => {
  const entry = z.strictObject({
    name: z.string(),
    unit: z.string(),
    value: z.number(),
    range: z.string().optional(),
    extra: z.string().optional(),
  });

  it('splits bigger-is-better (req/s) from smaller-is-better metrics', () => {
    const bigger = toBenchmarkAction(head, 'bigger');
    const smaller = toBenchmarkAction(head, 'smaller');
    expect(z.array(entry).safeParse(bigger).success).toBe(true);
    expect(z.array(entry).safeParse(smaller).success).toBe(true);
    expect(bigger.map((e) => e.name)).toEqual(['hello - req/s', `${HOSTILE} - req/s`]);
    expect(smaller.map((e) => e.unit)).toContain('ms');
    expect(smaller.some((e) => e.name === 'hello - p99' && e.value > 5 && e.value < 7)).toBe(true);
    expect(smaller.some((e) => e.name.endsWith('max'))).toBe(false);
  });
});

describe('perfgate export', () => {
  const results = (f: string) => path.join(ROOT, 'fixtures/results', f);

  it('converts a results file; junit with --baseline reports the regression', async () => {
    const bmf = await runCliInProcess(['export', '--format', 'bmf', results('head-slower.json')]);
    expect(bmf.code, bmf.err).toBe(0);
    expect(bmfSchema.safeParse(JSON.parse(bmf.out)).success).toBe(true);
    const junit = await runCliInProcess([
      'export',
      '-f',
      'junit',
      '-b',
      results('base.json'),
      '--runner-noise',
      '0%',
      results('head-slower.json'),
    ]);
    expect(junit.code, junit.err).toBe(0);
    expect(() => validateJunit(junit.out)).not.toThrow();
    expect(junit.out).toContain('<failure ');
  });

  it('names a bad format and a missing file', async () => {
    const bad = await runCliInProcess(['export', '--format', 'csv', results('base.json')]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--format: expected one of junit, bmf');
    const none = await runCliInProcess(['export', '--format', 'bmf']);
    expect(none.code).toBe(2);
  });
});
