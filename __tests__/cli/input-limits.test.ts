// Inputs that used to crash or balloon: a huge file, 100,000 invalid workloads, a 100,000-deep
// list, a 20,000-character name. Each is exit 2 with a short message, through main().
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../helpers/cli.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'perfgate-limits-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const HEAD = 'server: { command: node server.js, ready: { port: 1 } }\n';

async function run(name: string, text: string) {
  const file = path.join(dir, name);
  await writeFile(file, text);
  const r = await runCliInProcess(['run', '--config', file]);
  expect(r.code, r.err.slice(0, 1000)).toBe(2);
  return r.err;
}

describe('bounded config input', () => {
  it('a 50 MB file is refused by its size, without echoing it', async () => {
    const err = await run(
      'huge.yml',
      `${HEAD}workloads: [{ name: ${'n'.repeat(50e6)}, path: / }]\n`,
    );
    expect(err).toContain('the file is 47.7 MiB; a config file may be at most 1 MiB');
    expect(err.length).toBeLessThan(1000);
  });

  it('30,000 invalid workloads (the most 1 MiB holds): 20 listed, the rest counted', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => `  - {name: w${i}, path: x}`);
    const err = await run('many.yml', `${HEAD}workloads:\n${rows.join('\n')}\n`);
    expect(err).toContain('30,000 problems:');
    expect(err).toContain('workloads[0].path: got "x", expected a path starting with "/"');
    expect(err).toContain('  - and 29,980 more');
    expect(err.length).toBeLessThan(8_000);
  });

  it('a 100,000-deep list says it is nested too deeply', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const err = await run('deep.yml', `${HEAD}workloads: [{ name: a, path: /, body: ${deep} }]\n`);
    expect(err).toContain('nested');
    expect(err).not.toContain('call stack');
    const json = await run('deep.json', `{"workloads": ${deep}}`);
    expect(json).toContain('nested');
  });

  it('a 20,000-character name is cut with an ellipsis where it is echoed', async () => {
    const name = 'n'.repeat(20_000);
    const err = await run(
      'name.yml',
      `${HEAD}workloads: [{ name: ${name}, path: / }, { name: ${name}, path: / }]\n`,
    );
    expect(err).toContain('\u2026');
    expect(err.length).toBeLessThan(2_000);
  });

  it('a billion-laughs alias bomb is exit 2, not a crash', async () => {
    const lines = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      lines.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const err = await run('bomb.yml', `${lines.join('\n')}\n${HEAD}workloads: *i\n`);
    expect(err).toContain('YAML aliases expand too far');
    expect(err).not.toMatch(/\n\s+at /);
  });
});
