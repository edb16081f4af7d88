import { InputError } from '../errors.ts';
import type { GitHubClient } from '../github/client.ts';
import { commentMarker } from '../github/comment.ts';
import { fitComment, GITHUB_COMMENT_LIMIT } from '../github/limit.ts';
import { provenanceNote, sanitizeUntrustedMarkdown } from '../github/sanitize-body.ts';
import { toApiError } from '../github/permissions.ts';
import { postComment, type ReportStepResult } from './report-to-github.ts';

// The second stage of a fork-safe workflow: a `workflow_run` job, which has a write token,
// posts the comment the pull request's run wrote (comment.md in its artifact). The artifact
// was produced by the PR's code, so it is not trusted: the comment goes only to the pull
// request whose head commit GitHub names for the triggering run, only perfgate's own markup
// survives (sanitize-body.ts), and the body is cut to GitHub's limit.

/** What to post where. */
export interface PostCommentFileInput {
  owner: string;
  repo: string;
  prNumber: number;
  /** The head commit of the run that made the artifact (`github.event.workflow_run.head_sha`). */
  headSha: string | null;
  /** The config name the comment is marked with (the first stage's config path). */
  markerName: string;
  body: string;
}

/**
 * Makes an untrusted body safe to post: only perfgate's own markup (sanitize-body.ts), a first
 * line saying it came from the pull request's run, within the limit with the marker.
 */
export function sanitizeUntrustedBody(
  body: string,
  markerName: string,
  headSha: string | null = null,
): string {
  const quiet = `${provenanceNote(headSha)}\n${sanitizeUntrustedMarkdown(body)}`;
  const limit = GITHUB_COMMENT_LIMIT - commentMarker(markerName).length - 1;
  return fitComment([quiet], limit).body;
}

/** Checks the PR's head commit, then creates or updates the sticky comment. */
export async function postCommentFile(
  client: GitHubClient,
  input: PostCommentFileInput,
): Promise<ReportStepResult> {
  if (input.headSha !== null) {
    let head: string;
    try {
      const { data } = await client.rest.pulls.get({
        owner: input.owner,
        repo: input.repo,
        pull_number: input.prNumber,
      });
      head = data.head.sha;
    } catch (err) {
      throw toApiError(err, `reading pull request #${input.prNumber}`);
    }
    if (head !== input.headSha) {
      throw new InputError(
        `pull request #${input.prNumber} has head ${head.slice(0, 12)}, not ${input.headSha.slice(0, 12)}: refusing to comment there (the PR number comes from an untrusted artifact, or the PR moved on)`,
      );
    }
  }
  return postComment(client, {
    owner: input.owner,
    repo: input.repo,
    prNumber: input.prNumber,
    markerName: input.markerName,
    body: sanitizeUntrustedBody(input.body, input.markerName, input.headSha),
    commentOnChangeOnly: false,
    changed: true,
    isFork: false,
  });
}
