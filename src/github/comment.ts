// The sticky PR comment: one per pull request and config, found again by a hidden marker and
// updated in place on every push instead of adding a new comment each time.

import type { GitHubClient } from './client.ts';
import { fitComment, GITHUB_COMMENT_LIMIT } from './limit.ts';
import { attemptWrite, type SkippedWrite } from './permissions.ts';

/** Where and what to post. */
export interface UpsertCommentInput {
  owner: string;
  repo: string;
  issueNumber: number;
  /** Names the config (e.g. `perfgate.yml`); two configs in one PR get two comments. */
  configName: string;
  /** Markdown; the hidden marker is prepended unless the body already contains it. */
  body: string;
  /** Leave an existing comment alone when its body is already exactly this one. */
  skipIfIdentical?: boolean;
}

/** What happened to the comment. */
export interface CommentOutcome {
  action: 'created' | 'updated' | 'unchanged';
  /** The comment's address on github.com. */
  url: string;
  id: number;
}

/** The hidden HTML comment that identifies perfgate's comment for one config. */
export function commentMarker(configName: string): string {
  // encodeURIComponent turns `>` into %3E, so a config name cannot close the HTML comment.
  return `<!-- perfgate:config=${encodeURIComponent(configName)} -->`;
}

/** The body as posted: marker first, within GitHub's length limit. */
export function withMarker(marker: string, body: string): string {
  if (body.startsWith(marker)) return body;
  const full = `${marker}\n${body}`;
  if (full.length <= GITHUB_COMMENT_LIMIT) return full;
  return fitComment([marker, body]).body;
}

interface ExistingComment {
  id: number;
  body: string;
  url: string;
}

/** A comment is perfgate's when its body opens with the marker (a quote or a mention is not). */
function isMarked(body: string | null | undefined, marker: string): boolean {
  return body?.trimStart().startsWith(marker) ?? false;
}

/**
 * perfgate's comment on the issue for this marker, reading page after page. A comment written by
 * a bot account (the workflow's GITHUB_TOKEN posts as `github-actions[bot]`, an app as
 * `name[bot]`) wins, and the search stops at the first one; without one, the first marked comment
 * by anyone (a personal token posts as its user). So a person who pastes the marker into a
 * comment of their own does not take the gate's place when the gate posts as a bot.
 * Throws Octokit's error on failure (upsertComment turns it into an outcome).
 */
export async function findMarkedComment(
  client: GitHubClient,
  input: Pick<UpsertCommentInput, 'owner' | 'repo' | 'issueNumber'>,
  marker: string,
): Promise<ExistingComment | undefined> {
  const pages = client.paginate.iterator(client.rest.issues.listComments, {
    owner: input.owner,
    repo: input.repo,
    issue_number: input.issueNumber,
    per_page: 100,
  });
  let firstByPerson: ExistingComment | undefined;
  for await (const page of pages) {
    for (const c of page.data) {
      if (!isMarked(c.body, marker)) continue;
      const found = { id: c.id, body: c.body ?? '', url: c.html_url };
      if (c.user?.type === 'Bot') return found;
      firstByPerson ??= found;
    }
  }
  return firstByPerson;
}

/** Creates perfgate's comment for this config, or updates it in place if it already exists. */
export async function upsertComment(
  client: GitHubClient,
  input: UpsertCommentInput,
): Promise<CommentOutcome | SkippedWrite> {
  const marker = commentMarker(input.configName);
  const body = withMarker(marker, input.body);
  const { owner, repo } = input;
  // A token that may not even read the comments (404 on a private repository) is skipped too.
  const existing = await attemptWrite('listing the PR comments', () =>
    findMarkedComment(client, input, marker),
  );
  if (existing && 'action' in existing) return existing;
  if (existing && input.skipIfIdentical && existing.body === body) {
    return { action: 'unchanged', url: existing.url, id: existing.id };
  }
  if (existing) {
    return attemptWrite('updating the PR comment', async () => {
      const { data } = await client.rest.issues.updateComment({
        owner,
        repo,
        comment_id: existing.id,
        body,
      });
      return { action: 'updated' as const, url: data.html_url, id: data.id };
    });
  }
  return attemptWrite('creating the PR comment', async () => {
    const { data } = await client.rest.issues.createComment({
      owner,
      repo,
      issue_number: input.issueNumber,
      body,
    });
    return { action: 'created' as const, url: data.html_url, id: data.id };
  });
}
