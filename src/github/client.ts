// The Octokit client perfgate talks to GitHub with. Everything else receives it as a parameter.

import { getOctokit } from '@actions/github';

/** The Octokit client `@actions/github` builds; tests pass one aimed at a stand-in server. */
export type GitHubClient = ReturnType<typeof getOctokit>;

/** Options for {@link createGitHubClient}. */
export interface ClientOptions {
  /** REST API root, e.g. `https://api.github.com` or a GHES `https://host/api/v3`. */
  baseUrl?: string;
}

/** Builds the client for a token; the token must already be masked (see readGitHubToken). */
export function createGitHubClient(token: string, options: ClientOptions = {}): GitHubClient {
  return getOctokit(token, options.baseUrl ? { baseUrl: options.baseUrl } : {});
}
