// The committed perfgate.schema.json and docs/config.md must equal freshly generated ones.
// When this fails, run `npm run schemas` and commit the result.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { renderSchemaFiles } from '../../scripts/gen-schemas.ts';

describe('generated schema files', async () => {
  const files = await renderSchemaFiles();

  it.each([...files.keys()])('%s is up to date (npm run schemas)', async (file) => {
    const committed = await readFile(file, 'utf8');
    expect(committed).toBe(files.get(file));
  });

  it('the config schema has an $id, a title, draft-07 and no non-standard format', () => {
    const schema = JSON.parse(files.get('perfgate.schema.json') as string) as Record<
      string,
      unknown
    >;
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    for (const text of files.values()) expect(text).not.toContain('"format": "starts_with"');
    expect(schema.$id).toMatch(/perfgate\.schema\.json$/);
    expect(schema.title).toBe('perfgate configuration');
  });
});
