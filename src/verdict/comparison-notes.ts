import type { MachineInfo, ResultsRecord } from '../record/record.ts';
import type { ComparisonNote, RecordInfo } from './comparison-schema.ts';
import { configDifferences } from './record-config.ts';

// Comparison-level warnings: never a crash and never a silent pass when the two sides are not
// like for like (different machine, different config, workloads on one side only).

/** A machine in one line, for mismatch warnings. */
export function describeMachine(m: MachineInfo): string {
  return `${m.cpuModel}, ${m.cores} cores, ${m.os} ${m.arch}, Node ${m.node}`;
}

/** What a comparison shows about a record. */
export function recordInfo(r: ResultsRecord): RecordInfo {
  return {
    createdAt: r.createdAt,
    commit: r.commit,
    toolVersion: r.tool.version,
    configHash: r.configHash,
    design: r.design,
    seed: r.seed,
    machine: { ...r.machine },
  };
}

/** Notes about machines and configs of the baseline record(s) against the candidate. */
export function recordNotes(
  baselines: readonly ResultsRecord[],
  candidate: ResultsRecord,
  design: 'independent' | 'paired',
): ComparisonNote[] {
  const notes: ComparisonNote[] = [];
  if (baselines.length > 1) {
    notes.push({
      level: 'info',
      code: 'pooled',
      message:
        design === 'paired'
          ? `The baseline pools the kept runs of ${baselines.length} records.`
          : `The baseline is the mean of ${baselines.length} recorded sessions (each record one session, its runs summarised first).`,
    });
  }
  if (design === 'paired' && measuredInDuet(candidate)) {
    notes.push({
      level: 'info',
      code: 'duet',
      message:
        'Measured in a duet: both builds at once, on the same CPUs, each with its own load, so a change of machine speed hits both alike. Requests/s and latency are those of CPUs shared with the other build; latency is shown but not gated, since that sharing magnifies a difference of CPU time (gate.pairing: alternate gates it).',
    });
  }
  const otherMachines = uniqueBy(
    baselines
      .filter((b) => b.machine.fingerprint !== candidate.machine.fingerprint)
      .map((b) => b.machine),
    (m) => m.fingerprint,
  );
  for (const m of otherMachines) {
    const unpaired =
      design === 'independent'
        ? ' Differences of several percent between machines are common, so small changes may be the machine, not the code; the default tolerances are wide for this reason, and the paired design (both builds on one runner) removes the problem.'
        : '';
    notes.push({
      level: 'warning',
      code: 'machine-differs',
      message: `Different machines: the baseline ran on ${describeMachine(m)} (fingerprint ${m.fingerprint}), this run on ${describeMachine(candidate.machine)} (fingerprint ${candidate.machine.fingerprint}).${unpaired}`,
    });
  }
  for (const b of uniqueBy(
    baselines.filter((r) => r.configHash !== candidate.configHash),
    (r) => r.configHash,
  )) {
    const fields = configDifferences(b, candidate);
    const which = fields.length ? `; they differ in ${fields.join(', ')}` : '';
    notes.push({
      level: 'warning',
      code: 'config-differs',
      message: `Configs differ: the baseline was made with config ${b.configHash} and this run with ${candidate.configHash}${which}. The comparison may not be like for like.`,
    });
  }
  return notes;
}

/** A setting of the record's own config (`section.key`), or undefined when it has none. */
function recordSetting(record: ResultsRecord, section: string, key: string): unknown {
  const value = record.config[section];
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/**
 * Whether each build kept its server processes across runs (server.restart never or
 * per-workload): then a steady difference between the two processes of identical code is in
 * every pair, and no number of pairs removes it.
 */
export function keptServerProcesses(record: ResultsRecord): boolean {
  return recordSetting(record, 'server', 'restart') !== 'per-run';
}

/** The record's config says it was measured in a duet (gate.pairing: duet). */
export function measuredInDuet(record: ResultsRecord): boolean {
  return record.design === 'paired' && recordSetting(record, 'gate', 'pairing') === 'duet';
}

function uniqueBy<T>(items: readonly T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => {
    const k = key(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
