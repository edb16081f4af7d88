// Generates the published JSON Schemas and their Markdown references from the zod schemas:
// `npx tsx scripts/gen-schemas.ts` (or `npm run schemas`). __tests__/config/generated.test.ts
// fails when a committed file differs from a fresh one, so they never drift.
// To publish one more schema, add one line to TARGETS.
import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as prettier from 'prettier';
import { z } from 'zod';
import { CONFIG_REFERENCE_INTRO } from '../src/config/reference-intro.ts';
import type { JsonSchema, ReferenceOptions } from '../src/config/reference.ts';
import { renderReference } from '../src/config/reference.ts';
import { configSchema } from '../src/config/schema.ts';
import { comparisonSchema } from '../src/verdict/comparison-schema.ts';
import { resultsRecordSchema } from '../src/record/record.ts';

/** Where the schemas are published; `$id` of each is this plus its file name. */
export const SCHEMA_BASE_URL = 'https://raw.githubusercontent.com/OWNER/perfgate/v1/';

/** One generated schema file, and optionally its Markdown reference. */
export interface SchemaTarget {
  /** Output path of the JSON Schema, relative to the repository root. */
  file: string;
  schema: z.ZodType;
  docs?: ReferenceOptions & { file: string };
}

/** Every published schema, one line each. */
export const TARGETS: SchemaTarget[] = [
  {
    file: 'perfgate.schema.json',
    schema: configSchema,
    docs: {
      file: 'docs/config.md',
      title: 'perfgate.yml reference',
      rootName: 'Top level',
      intro: CONFIG_REFERENCE_INTRO,
    },
  },
  {
    file: 'results.schema.json',
    schema: resultsRecordSchema,
    docs: {
      file: 'docs/results.md',
      title: 'Results record reference',
      rootName: 'Top level',
      intro:
        'The JSON file written by `perfgate run --out` and stored as a baseline. Latencies are in microseconds, rates per second, fractions between 0 and 1. Generated from `src/record/record.ts`.',
    },
  },
  { file: 'comparison.schema.json', schema: comparisonSchema },
];

/** The formats draft-07 defines; any other is dropped where a pattern says the same. */
const STANDARD_FORMATS = new Set([
  'date-time',
  'date',
  'time',
  'email',
  'idn-email',
  'hostname',
  'idn-hostname',
  'ipv4',
  'ipv6',
  'uri',
  'uri-reference',
  'iri',
  'iri-reference',
  'uri-template',
  'json-pointer',
  'relative-json-pointer',
  'regex',
]);

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Builds the JSON Schema (input side: what a person writes) of one target. */
export function buildJsonSchema(target: SchemaTarget): JsonSchema {
  const generated = z.toJSONSchema(target.schema, {
    io: 'input',
    // Draft-07: what the YAML language server (VS Code's YAML extension) validates.
    target: 'draft-7',
    // zod leaves a documented `default` out where the value is transformed (durations,
    // percentages); put it back so editors and the reference show every default.
    override: (ctx) => {
      const meta = z.globalRegistry.get(ctx.zodSchema);
      if (meta?.default !== undefined) ctx.jsonSchema.default ??= meta.default as never;
      // zod names checks like startsWith as a `format` no validator knows; its `pattern`
      // says the same thing in a form every validator enforces.
      const format = ctx.jsonSchema.format;
      if (typeof format === 'string' && !STANDARD_FORMATS.has(format) && ctx.jsonSchema.pattern) {
        delete ctx.jsonSchema.format;
      }
    },
  });
  const { $schema, ...rest } = generated as Record<string, unknown>;
  return { $schema, $id: `${SCHEMA_BASE_URL}${target.file}`, ...rest } as JsonSchema;
}

/** Every generated file, path (relative to the repository root) to content, formatted as committed. */
export async function renderSchemaFiles(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const target of TARGETS) {
    const json = buildJsonSchema(target);
    files.set(target.file, await formatted(target.file, JSON.stringify(json, null, 2)));
    if (target.docs) {
      const { file, ...options } = target.docs;
      files.set(file, renderReference(json, options));
    }
  }
  return files;
}

async function formatted(file: string, text: string): Promise<string> {
  const abs = path.join(ROOT, file);
  const options = (await prettier.resolveConfig(abs)) ?? {};
  return prettier.format(text, { ...options, filepath: abs });
}

async function main(): Promise<void> {
  for (const [file, content] of await renderSchemaFiles()) {
    const abs = path.join(ROOT, file);
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, content);
    console.log(`wrote ${file}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main();
}
