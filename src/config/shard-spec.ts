// A shard of a sharded run: "i/n" means the i-th of n jobs, counted from 1. Parsed in one
// place for the action input, the CLI option and the config's `shard` field.

/** One shard of n: index from 1 to count. */
export interface ShardSpec {
  index: number;
  count: number;
}

/** The most shards a run may be split into (a job matrix has at most 256 jobs). */
export const MAX_SHARDS = 256;

/** What a valid shard looks like, for error messages. */
export const SHARD_EXPECTED = `"i/n" with 1 <= i <= n <= ${MAX_SHARDS}, e.g. "2/3"`;

/** Parses "i/n"; null when the text is not a valid shard. */
export function parseShard(text: string): ShardSpec | null {
  const m = /^\s*(\d{1,3})\s*\/\s*(\d{1,3})\s*$/.exec(text);
  if (!m) return null;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (index < 1 || count < 1 || index > count || count > MAX_SHARDS) return null;
  return { index, count };
}

/** "2/3". */
export function formatShard(s: ShardSpec): string {
  return `${s.index}/${s.count}`;
}

/** The file a shard writes its results to: `perfgate-shard-2-of-3.json`. */
export function shardFileName(s: ShardSpec): string {
  return `perfgate-shard-${s.index}-of-${s.count}.json`;
}

/** Matches the names `shardFileName` gives. */
export const SHARD_FILE_PATTERN = /^perfgate-shard-\d+-of-\d+\.json$/;
