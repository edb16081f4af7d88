import type { GateOutcome } from '../gate/run-gate.ts';
import type { ActionContext } from '../github/context.ts';
import type { GitHubClient } from '../github/client.ts';
import { findMarkedComment, upsertComment, commentMarker } from '../github/comment.ts';
import { fitComment, GITHUB_COMMENT_LIMIT, type FittedComment } from '../github/limit.ts';
import { attemptWrite } from '../github/permissions.ts';
import { setCommitStatus } from '../github/status.ts';
import type { GateReportInput } from '../report/gate-report.ts';
import { renderGateSections } from '../report/gate-report.ts';

// The report's way onto GitHub: the sticky PR comment and the commit status. Neither may hide
// the verdict: a permission failure (fork PR, read-only token) becomes "skipped", any other
// failure "failed", and the caller logs it and carries on with the summary and the outputs.

/** What one report step did, for the log. */
export interface ReportStepResult {
  kind: 'done' | 'skipped' | 'failed';
  /** The comment's address, when one was created or updated. */
  url: string | null;
  message: string;
}

/**
 * The PR comment body: the report with the raw data trimmed first so that, with the hidden
 * marker prepended, it stays within GitHub's 65,536-character limit.
 */
export function renderCommentBody(report: GateReportInput, markerName: string): FittedComment {
  const s = renderGateSections(report);
  const reserve = commentMarker(markerName).length + 1;
  return fitComment(
    [...s.body, ...(s.raw ? [s.raw] : []), ...s.tail],
    GITHUB_COMMENT_LIMIT - reserve,
  );
}

/** What postComment needs. */
export interface CommentRequest {
  owner: string;
  repo: string;
  prNumber: number;
  markerName: string;
  body: string;
  /** Create a comment only when `changed`; an existing one is always updated. */
  commentOnChangeOnly: boolean;
  changed: boolean;
  isFork: boolean;
}

function skippedMessage(reason: string, isFork: boolean): string {
  const why = isFork
    ? 'this pull request comes from a fork, whose token is read-only; the job summary and the outputs carry the verdict (docs/action.md shows a two-stage workflow that comments on fork PRs)'
    : 'the token may not write here (add `permissions: pull-requests: write` / `statuses: write` to the job)';
  return `${why}. ${reason}`;
}

/** Creates or updates the sticky comment; never throws. */
export async function postComment(
  client: GitHubClient,
  req: CommentRequest,
): Promise<ReportStepResult> {
  const where = { owner: req.owner, repo: req.repo, issueNumber: req.prNumber };
  try {
    if (req.commentOnChangeOnly && !req.changed) {
      // Only update a comment that already exists, so it does not keep showing an old verdict.
      const found = await attemptWrite('listing the PR comments', () =>
        findMarkedComment(client, where, commentMarker(req.markerName)),
      );
      if (found && 'action' in found) {
        return { kind: 'skipped', url: null, message: skippedMessage(found.reason, req.isFork) };
      }
      if (!found) {
        return {
          kind: 'done',
          url: null,
          message: 'no comment posted: nothing changed (comment-on-change-only)',
        };
      }
    }
    const result = await upsertComment(client, {
      ...where,
      configName: req.markerName,
      body: req.body,
    });
    if (result.action === 'skipped') {
      return {
        kind: 'skipped',
        url: null,
        message: `PR comment skipped: ${skippedMessage(result.reason, req.isFork)}`,
      };
    }
    return { kind: 'done', url: result.url, message: `PR comment ${result.action}: ${result.url}` };
  } catch (err) {
    return {
      kind: 'failed',
      url: null,
      message: `could not post the PR comment (the verdict stands): ${err instanceof Error ? err.message : String(err)}`,
    };
  }
}

/** The commit status for an outcome: failure when the gate fails, else success. */
export function statusFor(
  outcome: Pick<GateOutcome, 'verdict' | 'fail' | 'failReason' | 'comparison'> | null,
  error: string | null,
): { state: 'success' | 'failure' | 'error'; description: string } {
  if (!outcome) return { state: 'error', description: `perfgate could not run: ${error ?? ''}` };
  if (outcome.fail) return { state: 'failure', description: outcome.failReason ?? outcome.verdict };
  const headline = outcome.comparison?.headline;
  const text: Record<GateOutcome['verdict'], string> = {
    pass: headline ?? 'no regression',
    regression: `${headline ?? 'regression'} (not failing: fail-on-regression is false)`,
    inconclusive: headline ?? 'inconclusive',
    broken: outcome.failReason ?? 'broken',
    'no-baseline': 'no baseline to compare with yet',
    'not-compared': 'measured without a comparison',
  };
  return { state: 'success', description: text[outcome.verdict] };
}

/** Sets the commit status on the head commit; never throws. */
export async function postStatus(
  client: GitHubClient,
  ctx: Pick<ActionContext, 'owner' | 'repo' | 'headSha' | 'runUrl' | 'isFork'>,
  context: string,
  status: { state: 'success' | 'failure' | 'error'; description: string },
): Promise<ReportStepResult> {
  try {
    const result = await setCommitStatus(client, {
      owner: ctx.owner,
      repo: ctx.repo,
      sha: ctx.headSha,
      context,
      state: status.state,
      description: status.description,
      targetUrl: ctx.runUrl,
    });
    if (result.action === 'skipped') {
      return {
        kind: 'skipped',
        url: null,
        message: `commit status skipped: ${skippedMessage(result.reason, ctx.isFork)}`,
      };
    }
    return { kind: 'done', url: null, message: `commit status "${context}" set: ${status.state}` };
  } catch (err) {
    return {
      kind: 'failed',
      url: null,
      message: `could not set the commit status (the verdict stands): ${err instanceof Error ? err.message : String(err)}`,
    };
  }
}
