// The real `@actions/github` client, aimed at a stand-in.

import { getOctokit } from '@actions/github';
import type { GitHubApiStandIn } from './server.ts';

/** A token-shaped string; tests check it never shows up in errors. */
export const TEST_TOKEN = 'ghs_standInTokenForTests0123456789abcdef';

/** `getOctokit(token, { baseUrl })` exactly as the action builds it, pointed at the stand-in. */
export function clientFor(server: GitHubApiStandIn, token = TEST_TOKEN) {
  return getOctokit(token, { baseUrl: server.url });
}
