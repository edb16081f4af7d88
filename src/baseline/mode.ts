// Pure: whether a run records a baseline, compares with one, or both, from the configured mode
// and where the run happens. Pull requests never write: their code is unreviewed and a fork's
// token cannot push anyway.

/** The configured baseline mode. */
export type BaselineMode = 'auto' | 'record' | 'compare';

/** Where the run happens: a GitHub event name, or `local` for the CLI. */
export type RunEvent =
  | 'push'
  | 'pull_request'
  | 'pull_request_target'
  | 'workflow_dispatch'
  | 'schedule'
  | 'local'
  | (string & {});

/** Input of `decideBaselineMode`. */
export interface ModeInput {
  mode: BaselineMode;
  event: RunEvent;
  /** The ref the run is for, e.g. `refs/heads/main` (or `main`). */
  ref?: string | null;
  /** The repository's default branch, e.g. `main`. */
  defaultBranch?: string | null;
}

/** What the run does with baselines, or why the configuration is not allowed here. */
export type ModeDecision =
  { ok: true; record: boolean; compare: boolean; reason: string } | { ok: false; error: string };

/** Message for a forced `record` in a pull request. */
export const PR_NEVER_RECORDS =
  "a pull request never writes a baseline: records would come from unreviewed code and a fork's token cannot push; record on push to the default branch instead";

const PR_EVENTS = new Set([
  'pull_request',
  'pull_request_target',
  'pull_request_review',
  'pull_request_review_comment',
  'merge_group',
]);

/** True for events that run a pull request's code (or its merge). */
export function isPullRequestEvent(event: string): boolean {
  return PR_EVENTS.has(event);
}

/** The branch name of a ref: `refs/heads/main` -> `main`; null for tags and other refs. */
export function branchOf(ref: string | null | undefined): string | null {
  if (!ref) return null;
  if (ref.startsWith('refs/heads/')) return ref.slice('refs/heads/'.length);
  return ref.startsWith('refs/') ? null : ref;
}

/** Decides whether this run records, compares, or both. */
export function decideBaselineMode(input: ModeInput): ModeDecision {
  const pr = isPullRequestEvent(input.event);
  const branch = branchOf(input.ref);
  const onDefault = branch !== null && !!input.defaultBranch && branch === input.defaultBranch;
  switch (input.mode) {
    case 'record':
      if (pr) return { ok: false, error: PR_NEVER_RECORDS };
      return { ok: true, record: true, compare: false, reason: 'mode: record' };
    case 'compare':
      return { ok: true, record: false, compare: true, reason: 'mode: compare' };
    case 'auto':
      if (pr)
        return {
          ok: true,
          record: false,
          compare: true,
          reason: 'pull request: compare with the baseline',
        };
      if (input.event === 'push' && onDefault) {
        return {
          ok: true,
          record: true,
          compare: true,
          reason: `push to the default branch (${branch}): compare with the previous baseline, then record this run`,
        };
      }
      return {
        ok: true,
        record: false,
        compare: true,
        reason:
          input.event === 'push'
            ? `push to ${branch ?? input.ref ?? 'a ref'}, not the default branch: compare only`
            : `${input.event}: compare only (set mode: record to record from this event)`,
      };
    default:
      return {
        ok: false,
        error: `unknown baseline mode ${JSON.stringify(input.mode)}; expected auto, record or compare`,
      };
  }
}
