import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  classifyPushFailure,
  configEnv,
  createGit,
  GitCommandError,
  isMissingRemoteRef,
  redact,
  tokenConfig,
  tokenSecrets,
} from '../../src/baseline/git.ts';

const TOKEN = 'ghs_abcdefghijklmnopqrstuvwxyz012345';
const BASIC = Buffer.from(`x-access-token:${TOKEN}`).toString('base64');

describe('token handling', () => {
  it('builds an Authorization header scoped to the https remote, clearing an existing one first', () => {
    expect(tokenConfig('https://github.com/owner/app.git', TOKEN)).toEqual([
      ['http.https://github.com/.extraheader', ''],
      ['http.https://github.com/.extraheader', `AUTHORIZATION: basic ${BASIC}`],
    ]);
    expect(tokenConfig('https://ghe.example.com:8443/o/a', TOKEN)[0]?.[0]).toBe(
      'http.https://ghe.example.com:8443/.extraheader',
    );
  });

  it('does not apply to ssh, local or plain http remotes', () => {
    expect(tokenConfig('git@github.com:owner/app.git', TOKEN)).toEqual([]);
    expect(tokenConfig('/srv/git/app.git', TOKEN)).toEqual([]);
    expect(tokenConfig('http://example.com/app.git', TOKEN)).toEqual([]);
  });

  it('passes config through the environment, after any the caller already set', () => {
    expect(configEnv([['a.b', '1']], {})).toEqual({
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'a.b',
      GIT_CONFIG_VALUE_0: '1',
    });
    expect(configEnv([['a.b', '1']], { GIT_CONFIG_COUNT: '2' })).toEqual({
      GIT_CONFIG_COUNT: '3',
      GIT_CONFIG_KEY_2: 'a.b',
      GIT_CONFIG_VALUE_2: '1',
    });
    expect(configEnv([], {})).toEqual({});
  });

  it('git sees the header, argv and errors never contain the token', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'perfgate-gitcfg-'));
    try {
      const g = createGit({
        cwd: dir,
        config: tokenConfig('https://github.com/o/a', TOKEN),
        secrets: tokenSecrets(TOKEN),
      });
      const seen = await g(['config', '--get-all', 'http.https://github.com/.extraheader']);
      expect(seen.split('\n')).toEqual(['', `AUTHORIZATION: basic ${BASIC}`, '']);
      const error = await g(['definitely-not-a-command', TOKEN]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GitCommandError);
      expect((error as Error).message).not.toContain(TOKEN);
      expect((error as Error).message).toContain('***');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('redacts tokens, their encodings, URL credentials and Authorization headers', () => {
    const text = `x ${TOKEN} y ${BASIC} https://x-access-token:${TOKEN}@github.com/o/a AUTHORIZATION: basic Zm9vYmFy`;
    const out = redact(text, tokenSecrets(TOKEN));
    expect(out).not.toContain(TOKEN);
    expect(out).not.toContain(BASIC);
    expect(out).not.toContain('Zm9vYmFy');
    expect(redact('https://user:pw@host/x', [])).toBe('https://***@host/x');
  });
});

describe('git message classification', () => {
  it.each([
    ['! [rejected]        abc -> perfgate-baselines (fetch first)', 'race'],
    ['! [rejected]        abc -> perfgate-baselines (non-fast-forward)', 'race'],
    ['! [rejected]        abc -> perfgate-baselines (stale info)', 'race'],
    ["error: cannot lock ref 'refs/heads/perfgate-baselines'", 'race'],
    ['remote: Permission to owner/app.git denied to github-actions[bot].', 'permission'],
    ['fatal: unable to access: The requested URL returned error: 403', 'permission'],
    ['! [remote rejected] abc -> perfgate-baselines (pre-receive hook declined)', 'refused'],
    ['! [remote rejected] abc -> perfgate-baselines (protected branch hook declined)', 'refused'],
    ['fatal: unable to access: Could not resolve host: github.com', 'other'],
  ])('%s -> %s', (stderr, kind) => {
    expect(classifyPushFailure(stderr)).toBe(kind);
  });

  it('recognizes a missing remote branch', () => {
    expect(
      isMissingRemoteRef("fatal: couldn't find remote ref refs/heads/perfgate-baselines"),
    ).toBe(true);
    expect(isMissingRemoteRef('fatal: repository not found')).toBe(false);
  });
});
