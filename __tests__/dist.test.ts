import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = path.resolve(import.meta.dirname, '..');

describe('dist/', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'perfgate-dist-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('is what a fresh build of src/ produces (run `npm run build` and commit dist/)', () => {
    execFileSync(process.execPath, ['scripts/build.mjs', tmp], { cwd: ROOT });
    const fresh = readdirSync(tmp).sort();
    expect(readdirSync(path.join(ROOT, 'dist')).sort()).toEqual(fresh);
    for (const file of fresh) {
      const committed = readFileSync(path.join(ROOT, 'dist', file), 'utf8');
      const rebuilt = readFileSync(path.join(tmp, file), 'utf8');
      expect(committed === rebuilt, `dist/${file} is stale: run npm run build`).toBe(true);
    }
  });

  it('holds the entry points action.yml names', () => {
    const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
      runs: { using: string; main: string; post: string };
    };
    expect(action.runs.using).toBe('node24');
    for (const entry of [action.runs.main, action.runs.post]) {
      expect(readdirSync(path.join(ROOT, 'dist'))).toContain(path.basename(entry));
    }
  });
});
