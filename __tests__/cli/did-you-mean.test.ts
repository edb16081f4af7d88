import { describe, expect, it } from 'vitest';
import { isReadyStatus } from '../../src/server/wait-until-ready.ts';
import { runCliInProcess } from '../helpers/cli.ts';

describe('did you mean', () => {
  it('suggests the command meant by a typo', async () => {
    const r = await runCliInProcess(['rnu']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown command "rnu"; expected one of: run');
    expect(r.err).toContain('did you mean "run"?');
  });

  it('suggests the option meant by a typo', async () => {
    const r = await runCliInProcess(['run', '--confg', 'perfgate.yml']);
    expect(r.code).toBe(2);
    expect(r.err).toContain("Unknown option '--confg'");
    expect(r.err).toContain('did you mean --config?');
  });

  it('says nothing more when no option is close', async () => {
    const r = await runCliInProcess(['record', '--zzzzzz']);
    expect(r.code).toBe(2);
    expect(r.err).not.toContain('did you mean');
  });
});

describe('readiness status', () => {
  it('takes 2xx and 3xx for ready by default, not a 404 from a mistyped path', () => {
    expect(isReadyStatus(200)).toBe(true);
    expect(isReadyStatus(302)).toBe(true);
    expect(isReadyStatus(404)).toBe(false);
    expect(isReadyStatus(503)).toBe(false);
    expect(isReadyStatus(null)).toBe(false);
  });

  it('takes the configured statuses, or any answer', () => {
    expect(isReadyStatus(404, [404])).toBe(true);
    expect(isReadyStatus(200, [204])).toBe(false);
    expect(isReadyStatus(500, 'any')).toBe(true);
    expect(isReadyStatus(null, 'any')).toBe(false);
  });
});
