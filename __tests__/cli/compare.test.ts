import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import type { CliIO } from '../../src/cli/io.ts';
import { comparisonSchema } from '../../src/verdict/index.ts';

const R = 'fixtures/results';

type RawRecord = {
  workloads: { runs: ({ latencyUs: Record<string, unknown> } & Record<string, unknown>)[] }[];
};

/** Writes a record to a temporary file (no checksum: a results file, not a stored one). */
async function writeTemp(record: RawRecord): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'perfgate-compare-'));
  const file = path.join(dir, 'record.json');
  await writeFile(file, JSON.stringify(record));
  return file;
}

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = {
    out: { write: (t) => void (out += t), isTTY: false },
    err: { write: (t) => void (err += t), isTTY: false },
  };
  const code = await main(argv, io);
  return { code, out, err };
}

describe('perfgate compare', () => {
  it('exit 0 when nothing regressed', async () => {
    const r = await cli(
      'compare',
      '--baseline',
      `${R}/base.json`,
      '--candidate',
      `${R}/head-same.json`,
      '--runner-noise',
      '0%',
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^🟢 perfgate: no regression in 2 workloads/);
  });

  it('records of two sessions: the default runner noise is allowed for, and said', async () => {
    const r = await cli('compare', '-b', `${R}/base.json`, '-c', `${R}/head-slower.json`);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/spread between sessions \(sd 10\.0%, the configured runner noise/);
  });

  it('exit 2 on a bad --runner-noise', async () => {
    const r = await cli(
      'compare',
      '-b',
      `${R}/base.json`,
      '-c',
      `${R}/head-same.json`,
      '--runner-noise',
      'lots',
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--runner-noise: expected a percentage/);
  });

  it('exit 1 on a regression, with the reason in the report', async () => {
    const r = await cli(
      'compare',
      '-b',
      `${R}/base.json`,
      '-c',
      `${R}/head-slower.json`,
      '--format',
      'markdown',
      '--runner-noise',
      '0%',
    );
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^### 🔴 perfgate: 1 regression \\\(hello p99 \\\+\d+\.\d%\\\)/);
    expect(r.out).toContain('<details>');
  });

  it('--format json and --out write a comparison that follows the schema', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'perfgate-compare-'));
    const file = path.join(dir, 'comparison.json');
    const r = await cli(
      'compare',
      '-b',
      `${R}/base.json`,
      '-c',
      `${R}/head-slower.json`,
      '-f',
      'json',
      '-o',
      file,
      '--runner-noise',
      '0%',
    );
    expect(r.code).toBe(1);
    const printed = comparisonSchema.parse(JSON.parse(r.out));
    const written = comparisonSchema.parse(JSON.parse(await readFile(file, 'utf8')));
    expect(written).toEqual(printed);
    expect(printed.verdict).toBe('regression');
  });

  it.each([
    [
      'a missing file',
      ['-b', `${R}/nope.json`, '-c', `${R}/head-same.json`],
      /--baseline fixtures\/results\/nope\.json: cannot read the results record \(no such file\)/,
    ],
    [
      'a file that is not JSON',
      ['-b', `${R}/base.json`, '-c', `${R}/truncated.txt`],
      /--candidate .*truncated\.txt: not valid JSON/,
    ],
    [
      'the wrong kind',
      ['-b', `${R}/invalid-kind.json`, '-c', `${R}/head-same.json`],
      /not a perfgate results record \(kind: "something-else"\)/,
    ],
    [
      'an unknown version',
      ['-b', `${R}/invalid-version.json`, '-c', `${R}/head-same.json`],
      /record version 99 is newer than this perfgate understands/,
    ],
    [
      'a schema violation, naming the field',
      ['-b', `${R}/invalid-field.json`, '-c', `${R}/head-same.json`],
      /workloads\[0\]\.runs\[1\]\.reqPerSec/,
    ],
    [
      'records without a workload in common',
      ['-b', `${R}/base.json`, '-c', `${R}/head-disjoint.json`],
      /have no workload in common: nothing to compare/,
    ],
    ['no --candidate', ['-b', `${R}/base.json`], /--candidate FILE is required/],
    [
      'a bad --alpha',
      ['-b', `${R}/base.json`, '-c', `${R}/head-same.json`, '--alpha', '0.7'],
      /--alpha: expected a number between 0 and 0\.5/,
    ],
    [
      'a bad --format',
      ['-b', `${R}/base.json`, '-c', `${R}/head-same.json`, '--format', 'html'],
      /--format: expected one of text, markdown, json/,
    ],
    [
      'a paired test on independent records',
      ['-b', `${R}/base.json`, '-c', `${R}/head-same.json`, '--test', 'paired-t'],
      /needs the paired design/,
    ],
  ])('exit 2 on %s', async (_what, args, message) => {
    const r = await cli('compare', ...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it.each([
    [
      'an error rate above 1',
      'errorRate',
      5,
      /workloads\[0\]\.runs\[2\]\.errorRate: got 5, expected a rate from 0 to 1/,
    ],
    [
      'an absurd throughput',
      'reqPerSec',
      1e308,
      /workloads\[0\]\.runs\[2\]\.reqPerSec: got 1e\+308, expected a number at most/,
    ],
    [
      'a negative latency',
      'p99',
      -1,
      /workloads\[0\]\.runs\[2\]\.latencyUs\.p99: got -1, expected a non-negative number/,
    ],
  ])('exit 2 on a record with %s, naming the field', async (_what, field, value, message) => {
    const base = JSON.parse(await readFile(`${R}/base.json`, 'utf8')) as RawRecord;
    const run = base.workloads[0]!.runs[2]!;
    if (field === 'p99') run.latencyUs.p99 = value;
    else run[field] = value;
    const r = await cli('compare', '-b', await writeTemp(base), '-c', `${R}/head-same.json`);
    expect(r.code, r.err).toBe(2);
    expect(r.err).toMatch(message);
  });

  it('exit 2 on a workload without runs, naming it', async () => {
    const base = JSON.parse(await readFile(`${R}/base.json`, 'utf8')) as RawRecord;
    base.workloads[1]!.runs = [];
    const r = await cli('compare', '-b', `${R}/head-same.json`, '-c', await writeTemp(base));
    expect(r.code, r.err).toBe(2);
    expect(r.err).toMatch(/workloads\[1\]\.runs: expected at least one run/);
  });

  it('compares records of different configs, loudly', async () => {
    const r = await cli(
      'compare',
      '-b',
      `${R}/base.json`,
      '-b',
      `${R}/head-disjoint.json`,
      '-c',
      `${R}/head-same.json`,
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /WARNING: Configs differ: the baseline was made with config 0ther000000000000/,
    );
    expect(r.out).toMatch(
      /WARNING: "other" is in the baseline but not in this run: not compared\./,
    );
  });

  it('--help lists the options and exit codes', async () => {
    const r = await cli('compare', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/--baseline FILE/);
    expect(r.out).toMatch(/Exit codes: 0 no regression/);
    expect((await cli('--help')).out).toMatch(/compare\s+compare two results records/);
  });
});

describe('perfgate run --baseline', () => {
  it('rejects a bad baseline before any load is sent', async () => {
    const r = await cli(
      'run',
      '--config',
      'fixtures/configs/minimal.yml',
      '--baseline',
      `${R}/truncated.txt`,
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--baseline .*truncated\.txt: not valid JSON/);
    expect(r.err).not.toMatch(/seed/);
  });
});
