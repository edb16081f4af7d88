import { describe, expect, it } from 'vitest';
import { readGitHubToken, type TokenSource } from '../../src/github/token.ts';

function source(input: string, env: Record<string, string | undefined> = {}) {
  const secrets: string[] = [];
  const src: TokenSource = { getInput: () => input, setSecret: (s) => secrets.push(s), env };
  return { src, secrets };
}

describe('readGitHubToken', () => {
  it('masks the input token as soon as it is read', () => {
    const { src, secrets } = source(' ghs_abc ');
    expect(readGitHubToken(src)).toBe('ghs_abc');
    expect(secrets).toEqual(['ghs_abc']);
  });

  it('falls back to GITHUB_TOKEN, masked too', () => {
    const { src, secrets } = source('', { GITHUB_TOKEN: 'ghs_env' });
    expect(readGitHubToken(src)).toBe('ghs_env');
    expect(secrets).toEqual(['ghs_env']);
  });

  it('gives undefined without a token', () => {
    const { src, secrets } = source('');
    expect(readGitHubToken(src)).toBeUndefined();
    expect(secrets).toEqual([]);
  });
});
