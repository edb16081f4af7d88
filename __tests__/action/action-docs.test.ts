// The inputs and outputs tables in docs/action.md and README.md are generated from action.yml
// (npm run docs:action), and every workflow example uses only inputs action.yml declares.
import { readFile } from 'node:fs/promises';
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
});
