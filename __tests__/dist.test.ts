import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = path.resolve(import.meta.dirname, '..');

describe('dist/', () => {
  // Built once for the whole test run (__tests__/global-setup.ts), as `npm run build` does.
  const tmp = inject('bundleDir');

  it('is what a fresh build of src/ produces (run `npm run build` and commit dist/)', () => {
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
