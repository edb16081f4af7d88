// Every file in fixtures/invalid must fail to parse, and the formatted problems must contain
// each expected text: `# expect: <text>` lines at the top of a YAML file, or one text per line
// in a sidecar `<name>.expect` file (JSON has no comments).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/parse.ts';
import { formatProblems } from '../../src/config/problems.ts';

const INVALID = path.join('fixtures', 'invalid');
const VALID = path.join('fixtures', 'configs');

function expectedTexts(file: string): string[] {
  const own = [...readFileSync(file, 'utf8').matchAll(/^# expect: (.*)$/gm)].map(
    (m) => m[1] as string,
  );
  const sidecar = file.replace(/\.[^.]+$/, '.expect');
  const side = existsSync(sidecar) ? readFileSync(sidecar, 'utf8').split('\n').filter(Boolean) : [];
  return [...own, ...side];
}

const invalid = readdirSync(INVALID)
  .filter((f) => /\.(ya?ml|json)$/.test(f))
  .sort();

describe('fixtures/invalid', () => {
  it('holds a large corpus', () => {
    expect(invalid.length).toBeGreaterThanOrEqual(35);
  });

  it.each(invalid)('%s is rejected with the expected message', async (name) => {
    const file = path.join(INVALID, name);
    const texts = expectedTexts(file);
    expect(texts.length, 'no expected message recorded').toBeGreaterThan(0);
    const result = await loadConfig(file);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const text = formatProblems(result.problems, file);
    for (const t of texts) expect(text).toContain(t);
  });
});

describe('fixtures/configs', () => {
  const valid = readdirSync(VALID)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort();

  it.each(valid)('%s parses', async (name) => {
    const result = await loadConfig(path.join(VALID, name));
    if (!result.ok) throw new Error(formatProblems(result.problems, name));
  });

  it('the bundled demo config parses', async () => {
    const result = await loadConfig(path.join('fixtures', 'demo', 'perfgate.yml'));
    if (!result.ok) throw new Error(formatProblems(result.problems, 'demo'));
  });
});
