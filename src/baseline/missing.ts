// Pure: what a run reports when there is no usable baseline. The run still reports its own
// numbers; whether that passes is the user's choice (`on-missing`).

/** What to do when no baseline exists: pass with a notice (default) or fail. */
export type OnMissing = 'pass' | 'fail';

/** Input of `decideMissingBaseline`. */
export interface MissingInput {
  onMissing: OnMissing;
  configHash: string;
  /** This run will be recorded as the first baseline. */
  recording: boolean;
  /** Description of the store, e.g. `branch perfgate-baselines of origin`. */
  store: string;
  /** Warnings of the load (e.g. corrupt records skipped). */
  warnings?: readonly string[];
  /** A run outside CI (a terminal): the notice then says how to record one there. */
  local?: boolean;
}

/** The outcome of a run without a baseline. */
export interface MissingOutcome {
  verdict: 'no-baseline';
  /** True when the job should fail (`on-missing: fail`). */
  fail: boolean;
  /** The notice to show (job summary, PR comment, terminal). */
  notice: string;
}

/** Decides the outcome of a run that found no usable baseline. */
export function decideMissingBaseline(input: MissingInput): MissingOutcome {
  const skipped = (input.warnings ?? []).length;
  const why =
    skipped > 0
      ? ` (${skipped} stored record${skipped === 1 ? ' was' : 's were'} unusable and skipped)`
      : '';
  const next = input.recording
    ? 'This run is recorded as the first baseline.'
    : input.local
      ? 'Run "perfgate record" (same config) to store one here, then "perfgate run" compares with it.'
      : 'A run on a push to the default branch records one.';
  const head = `No baseline yet for this config (hash ${input.configHash.slice(0, 12)}) in ${input.store}${why}: reporting this run's numbers without a comparison.`;
  const tail = input.onMissing === 'fail' ? ' Failing because on-missing is set to fail.' : '';
  return {
    verdict: 'no-baseline',
    fail: input.onMissing === 'fail',
    notice: `${head} ${next}${tail}`,
  };
}
