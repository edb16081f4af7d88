// The inputs and outputs tables in docs/action.md and README.md are generated from action.yml
// (npm run docs:action), and every workflow example uses only inputs action.yml declares.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  ACTION_DOC_FILES,
  readActionYaml,
  renderActionDocs,
} from '../../scripts/gen-action-docs.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

describe('action docs', async () => {
  const fresh = await renderActionDocs();

  it.each(ACTION_DOC_FILES)(
    '%s has the tables action.yml generates (npm run docs:action)',
    async (file) => {
      expect(await readFile(path.join(ROOT, file), 'utf8')).toBe(fresh.get(file));
    },
  );

  it('every example step that uses the action passes only declared inputs', async () => {
    const action = await readActionYaml();
    const texts = [
      ...(await Promise.all(
        [...ACTION_DOC_FILES, 'docs/sharding.md'].map((f) => readFile(path.join(ROOT, f), 'utf8')),
      )),
      '```yaml\n' +
        (await readFile(path.join(ROOT, '.github/workflows/perfgate.yml'), 'utf8')) +
        '```',
    ];
    let steps = 0;
    for (const text of texts) {
      for (const block of text.matchAll(/```yaml\n([\s\S]*?)```/g)) {
        // Fragments of a job (indented steps) parse once dedented.
        const indent = /^ */.exec(block[1]!)![0].length;
        const yamlText = block[1]!.replace(new RegExp(`^ {${indent}}`, 'gm'), '');
        const doc = parse(yamlText) as unknown;
        const found: Record<string, unknown>[] = [];
        const walk = (node: unknown) => {
          if (Array.isArray(node)) node.forEach(walk);
          else if (node && typeof node === 'object') {
            const o = node as Record<string, unknown>;
            if (typeof o.uses === 'string' && /^(OWNER\/perfgate@|\.\/$)/.test(o.uses))
              found.push(o);
            Object.values(o).forEach(walk);
          }
        };
        walk(doc);
        for (const step of found) {
          steps++;
          for (const key of Object.keys((step.with ?? {}) as object))
            expect(Object.keys(action.inputs)).toContain(key);
        }
      }
    }
    expect(steps).toBeGreaterThanOrEqual(6);
  });

  it('every example uses the current majors of the first-party actions and Node 24', async () => {
    const files = [
      'README.md',
      ...(await readdir(path.join(ROOT, 'docs'))).map((f) => `docs/${f}`),
      ...(await readdir(path.join(ROOT, '.github/workflows'))).map((f) => `.github/workflows/${f}`),
    ];
    // Node 20 reached its end of life in April 2026; these majors run on node24.
    const CURRENT: Record<string, number> = {
      'actions/checkout': 5,
      'actions/setup-node': 5,
      'actions/upload-artifact': 7,
      'actions/download-artifact': 8,
    };
    for (const file of files) {
      const text = await readFile(path.join(ROOT, file), 'utf8');
      for (const m of text.matchAll(/uses: (actions\/[\w-]+)@v(\d+)/g)) {
        const current = CURRENT[m[1]!];
        if (current !== undefined)
          expect(`${file}: ${m[0]}`).toBe(`${file}: uses: ${m[1]}@v${current}`);
      }
      expect(text, file).not.toMatch(/node-version: ['"]?20\b/);
    }
  });
});
