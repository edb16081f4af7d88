import { InputError } from '../errors.ts';
import type { ResultsRecord, RunSample, WorkloadResult } from '../record/record.ts';
import { keptRuns } from '../record/record.ts';
import type { RunRow } from './comparison-schema.ts';
import type { MetricDef } from './metrics.ts';

// Which runs of each side a workload comparison uses: the kept runs (pooled over several
// baseline records), or for the paired design the kept runs matched by their pair index.

/** The kept runs of a workload in every record that has it, concatenated (pooling). */
export function pooledRuns(records: readonly ResultsRecord[], name: string): RunSample[] | null {
  const found = records
    .map((r) => r.workloads.find((w) => w.name === name))
    .filter((w): w is WorkloadResult => w !== undefined);
  return found.length ? found.flatMap(keptRuns) : null;
}

/** The kept runs of a workload per record that has it: one session per record. */
export function sessionRuns(records: readonly ResultsRecord[], name: string): RunSample[][] {
  return records
    .map((r) => r.workloads.find((w) => w.name === name))
    .filter((w): w is WorkloadResult => w !== undefined)
    .map(keptRuns);
}

/**
 * Baseline and candidate runs in matching order for the paired design. Throws an InputError
 * naming the workload when a run has no pair index, an index repeats, or the two sides do not
 * hold the same pairs: pairing the wrong runs would silently produce a wrong verdict.
 */
export function pairRuns(
  name: string,
  baseline: readonly RunSample[],
  candidate: readonly RunSample[],
): { baseline: RunSample[]; candidate: RunSample[] } {
  const index = (runs: readonly RunSample[], side: string): Map<number, RunSample> => {
    const map = new Map<number, RunSample>();
    for (const r of runs) {
      if (r.pair === undefined) {
        throw new InputError(
          `paired comparison of "${name}": ${side} run ${r.index + 1} has no pair index; the paired design needs records made side by side`,
        );
      }
      if (map.has(r.pair)) {
        throw new InputError(
          `paired comparison of "${name}": ${side} has two runs with pair ${r.pair}`,
        );
      }
      map.set(r.pair, r);
    }
    return map;
  };
  const b = index(baseline, 'the baseline');
  const c = index(candidate, 'this run');
  const onlyB = [...b.keys()].filter((p) => !c.has(p));
  const onlyC = [...c.keys()].filter((p) => !b.has(p));
  if (onlyB.length || onlyC.length) {
    const list = (xs: number[]) => (xs.length ? xs.sort((x, y) => x - y).join(', ') : 'none');
    throw new InputError(
      `paired comparison of "${name}": the pair indices differ (only in the baseline: ${list(onlyB)}; only in this run: ${list(onlyC)}); both records must come from the same paired session`,
    );
  }
  const pairs = [...b.keys()].sort((x, y) => x - y);
  return {
    baseline: pairs.map((p) => b.get(p) as RunSample),
    candidate: pairs.map((p) => c.get(p) as RunSample),
  };
}

/**
 * The values of one metric on both sides: runs without a value are dropped (independent) or
 * their pair is dropped (paired).
 */
export function metricValues(
  def: MetricDef,
  baseline: readonly RunSample[],
  candidate: readonly RunSample[],
  paired: boolean,
): { baseline: number[]; candidate: number[] } {
  if (!paired) {
    const values = (runs: readonly RunSample[]) =>
      runs.map(def.value).filter((v): v is number => v !== null);
    return { baseline: values(baseline), candidate: values(candidate) };
  }
  const out = { baseline: [] as number[], candidate: [] as number[] };
  baseline.forEach((r, i) => {
    const x = def.value(r);
    const y = def.value(candidate[i] as RunSample);
    if (x !== null && y !== null) {
      out.baseline.push(x);
      out.candidate.push(y);
    }
  });
  return out;
}

/** The raw-data row of one run. */
export function runRow(r: RunSample): RunRow {
  return {
    index: r.index,
    pair: r.pair ?? null,
    reqPerSec: r.reqPerSec,
    p50: r.latencyUs.p50,
    p90: r.latencyUs.p90,
    p99: r.latencyUs.p99,
    max: r.latencyUs.max,
    errorRate: r.errorRate,
    cpuMsPerRequest: r.cpuMsPerRequest,
    peakRssBytes: r.peakRssBytes,
  };
}
