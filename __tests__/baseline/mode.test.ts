import { describe, expect, it } from 'vitest';
import { decideMissingBaseline } from '../../src/baseline/missing.ts';
import type { BaselineMode, ModeInput } from '../../src/baseline/mode.ts';
import { branchOf, decideBaselineMode, PR_NEVER_RECORDS } from '../../src/baseline/mode.ts';

const base = { defaultBranch: 'main' } as const;
const decide = (mode: BaselineMode, event: string, ref: string | null) =>
  decideBaselineMode({ ...base, mode, event, ref } as ModeInput);

describe('decideBaselineMode', () => {
  it('auto: a push to the default branch records and compares with the previous baseline', () => {
    expect(decide('auto', 'push', 'refs/heads/main')).toMatchObject({
      ok: true,
      record: true,
      compare: true,
    });
    expect(decide('auto', 'push', 'main')).toMatchObject({ ok: true, record: true, compare: true });
  });

  it.each([
    ['pull_request', 'refs/pull/7/merge'],
    ['pull_request_target', 'refs/heads/main'],
    ['push', 'refs/heads/feature'],
    ['push', 'refs/tags/v1.0.0'],
    ['workflow_dispatch', 'refs/heads/main'],
    ['schedule', 'refs/heads/main'],
    ['local', null],
  ])('auto: %s on %s only compares', (event, ref) => {
    expect(decide('auto', event, ref)).toMatchObject({ ok: true, record: false, compare: true });
  });

  it('record and compare force one thing', () => {
    expect(decide('record', 'workflow_dispatch', 'refs/heads/release')).toMatchObject({
      ok: true,
      record: true,
      compare: false,
    });
    expect(decide('record', 'local', null)).toMatchObject({
      ok: true,
      record: true,
      compare: false,
    });
    expect(decide('compare', 'push', 'refs/heads/main')).toMatchObject({
      ok: true,
      record: false,
      compare: true,
    });
  });

  it.each(['pull_request', 'pull_request_target'])(
    'a forced record in %s is an error explaining why',
    (event) => {
      const d = decide('record', event, 'refs/heads/main');
      expect(d).toEqual({ ok: false, error: PR_NEVER_RECORDS });
      expect(PR_NEVER_RECORDS).toMatch(
        /never writes a baseline.*unreviewed code.*fork's token cannot push.*record on push to the default branch/,
      );
    },
  );

  it('without a known default branch nothing is recorded automatically', () => {
    expect(
      decideBaselineMode({ mode: 'auto', event: 'push', ref: 'refs/heads/main' }),
    ).toMatchObject({ record: false, compare: true });
  });

  it('rejects an unknown mode', () => {
    expect(decide('sometimes' as BaselineMode, 'push', 'main')).toMatchObject({
      ok: false,
      error: /unknown baseline mode "sometimes"/,
    });
  });

  it('branchOf', () => {
    expect(branchOf('refs/heads/a/b')).toBe('a/b');
    expect(branchOf('refs/tags/v1')).toBeNull();
    expect(branchOf('main')).toBe('main');
    expect(branchOf(undefined)).toBeNull();
  });
});

describe('decideMissingBaseline', () => {
  const input = {
    configHash: '0123456789abcdef',
    store: 'branch perfgate-baselines of origin',
    recording: false,
  } as const;

  it('passes with a notice by default', () => {
    const o = decideMissingBaseline({ ...input, onMissing: 'pass' });
    expect(o).toMatchObject({ verdict: 'no-baseline', fail: false });
    expect(o.notice).toMatch(
      /No baseline yet for this config \(hash 0123456789ab\) in branch perfgate-baselines.*this run's numbers/,
    );
    expect(o.notice).toMatch(/push to the default branch records one/);
  });

  it('fails when on-missing is fail, and says why', () => {
    const o = decideMissingBaseline({ ...input, onMissing: 'fail' });
    expect(o.fail).toBe(true);
    expect(o.notice).toMatch(/on-missing is set to fail/);
  });

  it('mentions skipped records and a first recording', () => {
    const o = decideMissingBaseline({
      ...input,
      onMissing: 'pass',
      recording: true,
      warnings: ['a', 'b'],
    });
    expect(o.notice).toMatch(/2 stored records were unusable/);
    expect(o.notice).toMatch(/recorded as the first baseline/);
  });
});
