import { rateShortfall } from '../load/latency-basis.ts';
import type { ResultsRecord, RunSample } from '../record/record.ts';
import { keptRuns } from '../record/record.ts';
import type { ComparisonNote } from './comparison-schema.ts';

// Notes about how the candidate's numbers were measured: which latency the percentiles are, which
// client made the load, and open-model runs that fell behind their rate (a measurement problem,
// which fails a gated comparison: see decideGate).

/** What latencyUs of a run is; records made before the field existed hold service time. */
export function latencyBasisOf(r: RunSample): NonNullable<RunSample['latencyBasis']> {
  return r.latencyBasis ?? 'service';
}

const BASIS_TEXT: Record<NonNullable<RunSample['latencyBasis']>, string> = {
  corrected: 'corrected for coordinated omission (closed model, as wrk does)',
  service: 'service time (send to answer, uncorrected)',
  intended: 'timed from when each request was due (open model)',
};

/** The basis of a set of runs in words, e.g. "corrected for coordinated omission (...)". */
export function describeLatencyBasis(runs: readonly RunSample[]): string {
  const bases = [...new Set(runs.map(latencyBasisOf))];
  return bases.map((b) => BASIS_TEXT[b]).join('; ');
}

const CLIENT_TEXT: Record<NonNullable<RunSample['loadClient']>, string> = {
  c: "the built-in client's C build",
  javascript: 'the built-in client in JavaScript',
  autocannon: 'autocannon',
};

/** Which clients made the load of `runs`, in words; null when no run says (older records). */
export function describeLoadClients(runs: readonly RunSample[]): string | null {
  const kinds = [...new Set(runs.flatMap((r) => (r.loadClient ? [r.loadClient] : [])))].sort();
  return kinds.length > 0 ? kinds.map((k) => CLIENT_TEXT[k]).join(' and ') : null;
}

/** The basis of `runs` and, when the runs say, their load clients: "<basis>; load from <client>". */
export function describeMeasurement(runs: readonly RunSample[]): string {
  const clients = describeLoadClients(runs);
  return `${describeLatencyBasis(runs)}${clients ? `; load from ${clients}` : ''}`;
}

/** Open-model workloads of the candidate whose kept runs sent less than their min-rate-share. */
export function rateNotes(candidate: ResultsRecord): ComparisonNote[] {
  return candidate.workloads.flatMap((w): ComparisonNote[] => {
    const short = keptRuns(w).filter((r) => rateShortfall(r.rate) !== null);
    const first = short[0];
    if (!first) return [];
    const of = `${short.length} of ${keptRuns(w).length} runs`;
    return [
      {
        level: 'warning',
        code: 'rate-not-delivered',
        message: `"${w.name}" did not deliver its rate (${of}; run ${first.index + 1} ${rateShortfall(first.rate) as string}). Its latency describes a lighter load than the one asked for: a measurement problem, not a verdict on the code.`,
      },
    ];
  });
}

/** Notes on the latency basis: what the percentiles are, and a warning when the sides differ. */
export function latencyNotes(
  baselines: readonly ResultsRecord[],
  candidate: ResultsRecord,
): ComparisonNote[] {
  const runsOf = (rs: readonly ResultsRecord[]) => rs.flatMap((r) => r.workloads.flatMap(keptRuns));
  const mine = runsOf([candidate]);
  if (mine.length === 0) return [];
  const theirs = runsOf(baselines);
  const key = (runs: RunSample[]) => [...new Set(runs.map(latencyBasisOf))].sort().join(',');
  const notes: ComparisonNote[] = [
    {
      level: 'info',
      code: 'latency-basis',
      message: `Latency percentiles are ${describeMeasurement(mine)}.`,
    },
  ];
  const differs = clientChanges(baselines, candidate);
  const first = differs[0];
  if (first) {
    const others =
      differs.length > 1
        ? ` (and ${differs.length - 1} more workload${differs.length > 2 ? 's' : ''})`
        : '';
    notes.push({
      level: 'warning',
      code: 'load-client-differs',
      message: `The baseline's load of "${first.name}" came from ${first.theirs}, this run's from ${first.mine}${others}: latency and requests/s partly compare the clients (CPU time per request is the server's own). Record a new baseline.`,
    });
  }
  if (theirs.length > 0 && key(theirs) !== key(mine)) {
    notes.push({
      level: 'warning',
      code: 'latency-basis-differs',
      message: `The baseline's latency percentiles are ${describeLatencyBasis(theirs)}, this run's ${describeLatencyBasis(mine)}: latency changes compare different measures (record a new baseline).`,
    });
  }
  return notes;
}

/** A workload whose load came from other clients in the baseline than in this run. */
interface ClientChange {
  name: string;
  theirs: string;
  mine: string;
}

/**
 * The workloads measured on both sides whose clients differ, workload by workload (a run can use
 * the C client for one workload and the client in JavaScript for another). Sides that do not say
 * (records made before the field existed) are not compared.
 */
function clientChanges(
  baselines: readonly ResultsRecord[],
  candidate: ResultsRecord,
): ClientChange[] {
  return candidate.workloads.flatMap((w): ClientChange[] => {
    const mine = describeLoadClients(keptRuns(w));
    const theirs = describeLoadClients(
      baselines.flatMap((b) => b.workloads.filter((t) => t.name === w.name).flatMap(keptRuns)),
    );
    return mine && theirs && mine !== theirs ? [{ name: w.name, theirs, mine }] : [];
  });
}
