// Checking and joining shard files: a missing, duplicated or foreign shard is refused with
// its name; the joined record holds every workload once, in config order; a failed shard is
// named and the others' numbers kept; machines that differ are shown.

import { describe, expect, it } from 'vitest';
import { mergeShards } from '../../src/shard/merge-shards.ts';
import type { FoundShard, ShardFile } from '../../src/shard/shard-file.ts';
import { shardFileSchema } from '../../src/shard/shard-file.ts';
import { makeRecord } from '../helpers/records.ts';

const HASH = 'c0ffee0000000000';
const ALL = ['a', 'b', 'c', 'd', 'e'];
const PLAN: Record<number, string[]> = { 1: ['a', 'd'], 2: ['b', 'e'], 3: ['c'] };

function shard(
  index: number,
  o: { count?: number; hash?: string; sha?: string; failed?: boolean; fingerprint?: string } = {},
  workloads: string[] = PLAN[index] ?? [],
): FoundShard {
  const record = makeRecord({
    workloads: Object.fromEntries(workloads.map((w) => [w, [1000, 1010, 990]])),
    configHash: o.hash ?? HASH,
    commit: o.sha ?? 'a'.repeat(40),
    fingerprint: o.fingerprint,
    createdAt: `2024-01-0${index}T00:00:00.000Z`,
    seed: index,
    config: { workloads: workloads.map((name) => ({ name })), shard: { index, count: 3 } },
  });
  const file: ShardFile = {
    kind: 'perfgate-shard',
    version: 1,
    shard: { index, count: o.count ?? 3 },
    config: 'perfgate.yml',
    configHash: o.hash ?? HASH,
    commit: record.commit,
    workloads,
    status: o.failed ? 'failed' : 'ok',
    error: o.failed ? 'the server exited with code 1 before it was ready' : null,
    notices: [],
    record: o.failed ? null : record,
    base: null,
    createdAt: record.createdAt,
  };
  return {
    file: `/art/perfgate-shard-${index}-of-${o.count ?? 3}.json`,
    shard: shardFileSchema.parse(file),
  };
}

const expectation = { configHash: HASH, workloads: ALL, where: '/art' };
const refusal = (found: FoundShard[]) => {
  try {
    mergeShards(found, expectation);
  } catch (err) {
    expect((err as Error).name).toBe('InputError');
    return (err as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('mergeShards', () => {
  it('joins every shard into one record in config order, from the earliest start', () => {
    const m = mergeShards([shard(3), shard(1), shard(2)], expectation);
    expect(m.record!.workloads.map((w) => w.name)).toEqual(ALL);
    expect((m.record!.config.workloads as { name: string }[]).map((w) => w.name)).toEqual(ALL);
    expect(m.record!.config.shard).toBeUndefined();
    expect(m.record!.createdAt).toBe('2024-01-01T00:00:00.000Z');
    expect(m.failed).toEqual([]);
    expect(m.base).toBeNull();
    expect(m.notices[0]).toBe('merged 3 shards: 1/3 ("a", "d"); 2/3 ("b", "e"); 3/3 ("c")');
  });

  it('refuses a missing shard, naming it and its file', () => {
    const msg = refusal([shard(1), shard(3)]);
    expect(msg).toContain('shard 2/3 is missing: no perfgate-shard-2-of-3.json in /art');
    expect(msg).toContain('nothing was compared or recorded');
  });

  it('refuses a duplicated shard, naming both files', () => {
    const dup = { ...shard(2), file: '/art/again/perfgate-shard-2-of-3.json' };
    const msg = refusal([shard(1), shard(2), dup, shard(3)]);
    expect(msg).toContain(
      'shard 2/3 appears 2 times: /art/perfgate-shard-2-of-3.json, /art/again/perfgate-shard-2-of-3.json',
    );
  });

  it('refuses shards of another config or another commit, naming the shard', () => {
    expect(refusal([shard(1), shard(2, { hash: 'deadbeef00000000' }), shard(3)])).toContain(
      'shard 2/3 (/art/perfgate-shard-2-of-3.json) was made with config hash deadbeef00000000, but this config hashes to c0ffee0000000000',
    );
    const msg = refusal([shard(1), shard(2), shard(3, { sha: 'b'.repeat(40) })]);
    expect(msg).toMatch(
      /the shards measured different commits \(commit a{12}: shard 1\/3 .*shard 2\/3 .*; commit b{12}: shard 3\/3/,
    );
  });

  it('refuses shards of different counts, and workloads measured twice or never', () => {
    expect(refusal([shard(1), shard(2, { count: 2 }), shard(3)])).toContain(
      'the shard files disagree on the number of shards',
    );
    const msg = refusal([shard(1), shard(2, {}, ['b', 'a']), shard(3, {}, [])]);
    expect(msg).toContain('workload "a" was measured by shard 1/3 and shard 2/3');
    expect(msg).toContain('workload "c" was measured by no shard');
    expect(msg).toContain('workload "e" was measured by no shard');
  });

  it('refuses shard files it cannot find at all', () => {
    expect(refusal([])).toContain('no shard files in /art');
  });

  it('names a failed shard and keeps the numbers of the others', () => {
    const m = mergeShards([shard(1), shard(2, { failed: true }), shard(3)], expectation);
    expect(m.record!.workloads.map((w) => w.name)).toEqual(['a', 'c', 'd']);
    expect(m.failed).toEqual([
      {
        label: 'shard 2/3',
        workloads: ['b', 'e'],
        error: 'the server exited with code 1 before it was ready',
      },
    ]);
    expect(m.notices).toContain(
      '⛔ shard 2/3 failed, so "b", "e" were not measured: the server exited with code 1 before it was ready',
    );
  });

  it('shows machines that differ between shards', () => {
    const m = mergeShards(
      [shard(1), shard(2, { fingerprint: 'machine-b' }), shard(3)],
      expectation,
    );
    const note = m.notices.find((n) => n.startsWith('the shards ran on 2 different machines'));
    expect(note).toContain('1/3, 3/3 on Test CPU');
    expect(note).toContain('(fingerprint machine-a); 2/3 on');
    expect(note).toContain('(fingerprint machine-b)');
  });

  it('skips shard files of another config name', () => {
    const other = { ...shard(1), shard: { ...shard(1).shard, config: 'api/perfgate.yml' } };
    const m = mergeShards([shard(1), shard(2), shard(3), other], {
      ...expectation,
      configName: 'perfgate.yml',
    });
    expect(m.notices[0]).toContain('skipped 1 shard file(s) of other configs ("api/perfgate.yml")');
  });
});
