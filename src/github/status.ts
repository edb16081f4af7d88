// The commit status perfgate sets on the head commit (a check that fails on a regression).

import type { GitHubClient } from './client.ts';
import { attemptWrite, type SkippedWrite } from './permissions.ts';

/** GitHub refuses status descriptions longer than this (422). */
export const STATUS_DESCRIPTION_LIMIT = 140;

/** A commit status to set. */
export interface CommitStatusInput {
  owner: string;
  repo: string;
  sha: string;
  /** The status's name in the checks list, e.g. `perfgate` or `perfgate (api.yml)`. */
  context: string;
  state: 'error' | 'failure' | 'pending' | 'success';
  /** One line; shortened with an ellipsis past 140 characters. */
  description: string;
  /** Where the status links to (the run URL). */
  targetUrl?: string;
}

/** The status GitHub stored. */
export interface StatusOutcome {
  action: 'created';
  id: number;
  /** The status's API address. */
  url: string;
}

/** The description cut to GitHub's 140-character limit. */
export function shortenDescription(text: string, limit = STATUS_DESCRIPTION_LIMIT): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  if (oneLine.length <= limit) return oneLine;
  let cut = limit - 1;
  // Do not split a surrogate pair.
  const code = oneLine.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return `${oneLine.slice(0, cut)}…`;
}

/** Sets a commit status; a token that may not write gives a SkippedWrite instead of a throw. */
export async function setCommitStatus(
  client: GitHubClient,
  input: CommitStatusInput,
): Promise<StatusOutcome | SkippedWrite> {
  return attemptWrite('setting the commit status', async () => {
    const { data } = await client.rest.repos.createCommitStatus({
      owner: input.owner,
      repo: input.repo,
      sha: input.sha,
      state: input.state,
      context: input.context,
      description: shortenDescription(input.description),
      ...(input.targetUrl ? { target_url: input.targetUrl } : {}),
    });
    return { action: 'created' as const, id: data.id, url: data.url };
  });
}
