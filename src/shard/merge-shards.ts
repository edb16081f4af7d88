import { InputError } from '../errors.ts';
import type { ResultsRecord, WorkloadResult } from '../record/record.ts';
import { describeMachine } from '../verdict/comparison-notes.ts';
import type { FoundShard } from './shard-file.ts';
import { describeShard } from './shard-file.ts';
import { formatShard, shardFileName } from '../config/shard-spec.ts';

// Pure: checks that shard files belong together and joins them into one record per side, so
// that one comparison (one Holm family, one headline) covers every workload. Any doubt is an
// InputError listing every problem: a merge of the wrong files must never record or report.

/** What the shards must agree with: the config the merge runs with. */
export interface MergeExpectation {
  configHash: string;
  /** Every workload of the config, in config order. */
  workloads: readonly string[];
  /** Only shard files of this config name are merged (others are skipped); undefined: all. */
  configName?: string;
  /** Where the files were looked for, for messages. */
  where: string;
}

/** The shards joined: one record of this build (and of the base), and what to tell the reader. */
export interface MergedShards {
  count: number;
  /** Every measured workload of this build; null when no shard ran. */
  record: ResultsRecord | null;
  /** The base build's records joined, when every shard that ran measured one. */
  base: ResultsRecord | null;
  /** Shards whose server or load failed, with why. */
  failed: { label: string; workloads: string[]; error: string }[];
  notices: string[];
}

const list = (names: readonly string[]) => names.map((n) => JSON.stringify(n)).join(', ');

/** Checks the shard files and joins them; throws one InputError naming every problem. */
export function mergeShards(found: readonly FoundShard[], expect: MergeExpectation): MergedShards {
  const notices: string[] = [];
  const mine = found.filter(
    (f) => expect.configName === undefined || f.shard.config === expect.configName,
  );
  if (mine.length < found.length) {
    notices.push(
      `skipped ${found.length - mine.length} shard file(s) of other configs (${list([...new Set(found.filter((f) => !mine.includes(f)).map((f) => f.shard.config))])})`,
    );
  }
  if (mine.length === 0) {
    throw new InputError(
      `no shard files${expect.configName ? ` of ${expect.configName}` : ''} in ${expect.where} (expected perfgate-shard-<i>-of-<n>.json, written by "perfgate run --shard i/n" or the action's shard input)`,
    );
  }
  const problems = checkShards(mine, expect);
  if (problems.length) {
    const text = problems.map((p) => `  - ${p}`).join('\n');
    throw new InputError(
      `the shards cannot be merged (nothing was compared or recorded):\n${text}`,
    );
  }
  const shards = [...mine].sort((a, b) => a.shard.shard.index - b.shard.shard.index);
  const ran = shards.flatMap((s) =>
    s.shard.status === 'ok' && s.shard.record ? [{ ...s, record: s.shard.record }] : [],
  );
  const failed = shards
    .filter((s) => !ran.some((r) => r.shard === s.shard))
    .map((s) => ({
      label: `shard ${formatShard(s.shard.shard)}`,
      workloads: s.shard.workloads,
      error: s.shard.error ?? 'no record',
    }));
  notices.push(
    `merged ${shards.length} shards: ${shards.map((s) => `${formatShard(s.shard.shard)} (${list(s.shard.workloads)})`).join('; ')}`,
  );
  for (const f of failed) {
    notices.push(
      `⛔ ${f.label} failed, so ${list(f.workloads)} ${f.workloads.length === 1 ? 'was' : 'were'} not measured: ${f.error.split('\n')[0]}`,
    );
  }
  notices.push(...machineNotices(ran));
  const withBase = ran.flatMap((s) => (s.shard.base ? [{ ...s, base: s.shard.base }] : []));
  if (withBase.length > 0 && withBase.length < ran.length) {
    for (const s of ran.filter((r) => !r.shard.base)) {
      notices.push(
        `${describeShard(s.shard)} could not measure the base build, so ${list(s.shard.workloads)} ${s.shard.workloads.length === 1 ? 'is' : 'are'} shown without a comparison`,
      );
    }
  }
  const order = (w: { name: string }) => expect.workloads.indexOf(w.name);
  const record = joinRecords(
    ran.map((s) => s.record),
    order,
  );
  const base = withBase.length
    ? joinRecords(
        withBase.map((s) => s.base),
        order,
      )
    : null;
  return { count: shards[0]?.shard.shard.count ?? 0, record, base, failed, notices };
}

function checkShards(shards: readonly FoundShard[], expect: MergeExpectation): string[] {
  const problems: string[] = [];
  const counts = [...new Set(shards.map((s) => s.shard.shard.count))];
  if (counts.length > 1) {
    problems.push(
      `the shard files disagree on the number of shards: ${shards.map((s) => `${s.file} is ${formatShard(s.shard.shard)}`).join(', ')}; remove the files of the other run`,
    );
    return problems;
  }
  const count = counts[0] as number;
  for (let i = 1; i <= count; i++) {
    const at = shards.filter((s) => s.shard.shard.index === i);
    if (at.length === 0) {
      problems.push(
        `shard ${i}/${count} is missing: no ${shardFileName({ index: i, count })} in ${expect.where} (did its job upload its files?)`,
      );
    } else if (at.length > 1) {
      problems.push(
        `shard ${i}/${count} appears ${at.length} times: ${at.map((s) => s.file).join(', ')}`,
      );
    }
  }
  for (const s of shards) {
    if (s.shard.configHash !== expect.configHash) {
      problems.push(
        `${describeShard(s.shard, s.file)} was made with config hash ${s.shard.configHash}, but this config hashes to ${expect.configHash}: every shard must run the same config`,
      );
    }
  }
  const commits = [...new Set(shards.map((s) => s.shard.commit?.sha ?? 'none'))];
  if (commits.length > 1) {
    const by = commits.map(
      (c) =>
        `${c === 'none' ? 'no git commit' : `commit ${c.slice(0, 12)}`}: ${shards
          .filter((s) => (s.shard.commit?.sha ?? 'none') === c)
          .map((s) => describeShard(s.shard, s.file))
          .join(', ')}`,
    );
    problems.push(`the shards measured different commits (${by.join('; ')})`);
  }
  const bases = [
    ...new Set(shards.flatMap((s) => (s.shard.base ? [s.shard.base.commit?.sha ?? 'none'] : []))),
  ];
  if (bases.length > 1) {
    problems.push(`the shards measured different base commits (${bases.join(', ')})`);
  }
  problems.push(...checkWorkloads(shards, expect.workloads));
  return problems;
}

function checkWorkloads(shards: readonly FoundShard[], workloads: readonly string[]): string[] {
  const problems: string[] = [];
  const owners = new Map<string, string[]>();
  for (const s of shards) {
    for (const name of s.shard.workloads) {
      owners.set(name, [...(owners.get(name) ?? []), describeShard(s.shard)]);
    }
    const rec = s.shard.record;
    if (s.shard.status === 'ok' && rec) {
      const measured = rec.workloads.map((w) => w.name);
      const same =
        measured.length === s.shard.workloads.length &&
        measured.every((n) => s.shard.workloads.includes(n));
      if (!same) {
        problems.push(
          `${describeShard(s.shard, s.file)} was assigned ${list(s.shard.workloads)} but its record holds ${list(measured)}`,
        );
      }
    }
  }
  for (const [name, by] of owners) {
    if (!workloads.includes(name)) {
      problems.push(`workload ${JSON.stringify(name)} of ${by.join(', ')} is not in this config`);
    } else if (by.length > 1) {
      problems.push(`workload ${JSON.stringify(name)} was measured by ${by.join(' and ')}`);
    }
  }
  for (const name of workloads) {
    if (!owners.has(name))
      problems.push(`workload ${JSON.stringify(name)} was measured by no shard`);
  }
  return problems;
}

/** A shard that ran, with the record it wrote. */
type RanShard = FoundShard & { record: ResultsRecord };

function machineNotices(ran: readonly RanShard[]): string[] {
  const byPrint = new Map<string, [RanShard, ...RanShard[]]>();
  for (const s of ran) {
    const fp = s.record.machine.fingerprint;
    const group = byPrint.get(fp);
    if (group) group.push(s);
    else byPrint.set(fp, [s]);
  }
  if (byPrint.size <= 1) return [];
  const parts = [...byPrint.values()].map((group) => {
    const m = group[0].record.machine;
    const who = group.map((s) => formatShard(s.shard.shard)).join(', ');
    return `${who} on ${describeMachine(m)} (fingerprint ${m.fingerprint})`;
  });
  return [
    `the shards ran on ${byPrint.size} different machines: ${parts.join('; ')}. Each workload is compared on the numbers of its own shard; the recorded baseline names the machine of the first shard.`,
  ];
}

/** The records of several shards as one: every workload in config order, the earliest start. */
function joinRecords(
  records: readonly ResultsRecord[],
  order: (w: { name: string }) => number,
): ResultsRecord | null {
  const first = records[0];
  if (!first) return null;
  const workloads: WorkloadResult[] = records
    .flatMap((r) => r.workloads)
    .sort((a, b) => order(a) - order(b));
  const configured = records
    .flatMap((r) => (Array.isArray(r.config.workloads) ? (r.config.workloads as unknown[]) : []))
    .filter((w): w is { name: string } => typeof w === 'object' && w !== null && 'name' in w)
    .sort((a, b) => order(a) - order(b));
  const { shard: _shard, ...config } = first.config;
  const createdAt = records.map((r) => r.createdAt).sort()[0] as string;
  const { checksum: _checksum, ...rest } = first;
  return { ...rest, createdAt, config: { ...config, workloads: configured }, workloads };
}
