// Reads the GitHub token and masks it in the log at the moment it is read.

import * as core from '@actions/core';

/** Where the token comes from; defaults to the action's input and environment. */
export interface TokenSource {
  getInput(name: string): string;
  setSecret(secret: string): void;
  env: Record<string, string | undefined>;
}

const defaultSource: TokenSource = {
  getInput: (name) => core.getInput(name),
  setSecret: (secret) => core.setSecret(secret),
  env: process.env,
};

/**
 * The token from the `github-token` input, else `GITHUB_TOKEN`, registered as a secret so the
 * runner masks it in every later log line; undefined when there is none.
 */
export function readGitHubToken(
  source: TokenSource = defaultSource,
  inputName = 'github-token',
): string | undefined {
  const token = source.getInput(inputName).trim() || source.env.GITHUB_TOKEN?.trim() || '';
  if (!token) return undefined;
  source.setSecret(token);
  return token;
}
