import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { InputError } from '../errors.ts';
import { resultsRecordSchema } from '../record/record.ts';
import type { ResultsRecord } from '../record/record.ts';
import { writeJsonFile } from '../run/write-json.ts';
import type { ShardSpec } from '../config/shard-spec.ts';
import { formatShard, SHARD_FILE_PATTERN, shardFileName } from '../config/shard-spec.ts';

// What a shard job leaves for its merge: one JSON file per shard (perfgate-shard-i-of-n.json)
// holding the shard's records, what it was asked to measure, and whether its server ran. It is
// meant for actions/upload-artifact; the merge reads nothing else.

/** Version of the shard file format. */
export const SHARD_FILE_VERSION = 1;

/** The shard file: the results of one shard of a sharded run. */
export const shardFileSchema = z.strictObject({
  kind: z.literal('perfgate-shard'),
  version: z.literal(SHARD_FILE_VERSION),
  shard: z.strictObject({
    index: z.number().int().positive(),
    count: z.number().int().positive(),
  }),
  config: z.string().meta({ description: 'The config, as the PR comment names it.' }),
  configHash: z.string(),
  commit: z
    .strictObject({ sha: z.string(), ref: z.string().nullable(), dirty: z.boolean() })
    .nullable(),
  workloads: z.array(z.string()).meta({ description: 'The workloads this shard measures.' }),
  status: z.enum(['ok', 'failed']),
  error: z.string().nullable().meta({ description: 'Why the shard failed (server, load).' }),
  notices: z.array(z.string()),
  record: resultsRecordSchema.nullable().meta({ description: "This build's runs." }),
  base: resultsRecordSchema
    .nullable()
    .meta({ description: "The base build's runs, measured side by side (compare-to: base)." }),
  createdAt: z.string(),
});

/** A shard file's content. */
export type ShardFile = z.output<typeof shardFileSchema>;

/** A shard file and where it was read from. */
export interface FoundShard {
  file: string;
  shard: ShardFile;
}

/** Writes a shard's file into `dir`; returns its path. */
export async function writeShardFile(dir: string, shard: ShardFile): Promise<string> {
  const file = path.join(dir, shardFileName(shard.shard));
  await writeJsonFile(file, shard);
  return file;
}

/** "shard 2/3 (path)". */
export function describeShard(s: { shard: ShardSpec }, file?: string): string {
  return `shard ${formatShard(s.shard)}${file ? ` (${file})` : ''}`;
}

async function collect(p: string, out: string[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(p, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') {
      out.push(p);
      return;
    }
    if (code === 'ENOENT') throw new InputError(`no such file or folder: ${p}`);
    throw new InputError(`cannot read ${p}: ${(err as Error).message}`);
  }
  for (const e of entries) {
    const child = path.join(p, e.name);
    if (e.isDirectory()) await collect(child, out);
    else if (e.isFile() && SHARD_FILE_PATTERN.test(e.name)) out.push(child);
  }
}

/**
 * Reads every shard file in these files or folders (folders are searched recursively for
 * perfgate-shard-i-of-n.json). A file that cannot be read or does not match the format is an
 * InputError naming it: a merge never guesses around a damaged shard.
 */
export async function readShardFiles(paths: readonly string[]): Promise<FoundShard[]> {
  const files: string[] = [];
  for (const p of paths) await collect(p, files);
  const found: FoundShard[] = [];
  for (const file of files.sort()) {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(file, 'utf8'));
    } catch (err) {
      throw new InputError(`${file}: not a readable shard file: ${(err as Error).message}`);
    }
    const parsed = shardFileSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
      throw new InputError(
        `${file}: not a perfgate shard file of version ${SHARD_FILE_VERSION}${where}: ${issue?.message ?? 'invalid'}`,
      );
    }
    found.push({ file, shard: parsed.data });
  }
  return found;
}

/** The records of a shard file that ran, for the merge. */
export function shardRecords(
  s: ShardFile,
): { record: ResultsRecord; base: ResultsRecord | null } | null {
  return s.status === 'ok' && s.record ? { record: s.record, base: s.base } : null;
}
