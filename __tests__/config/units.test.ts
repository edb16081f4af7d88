import { describe, expect, it } from 'vitest';
import { duration, parseDurationMs, parsePercent, percent, size } from '../../src/config/units.ts';

describe('parseDurationMs', () => {
  it.each([
    ['500ms', 500],
    ['10s', 10_000],
    ['1.5s', 1500],
    ['2m', 120_000],
    ['1h', 3_600_000],
    [' 10 s ', 10_000],
    ['1m30s', 90_000],
    ['1h 5m', 3_900_000],
    ['2s500ms', 2500],
  ])('%s is %d ms', (text, ms) => expect(parseDurationMs(text)).toBe(ms));

  it.each(['10 seconds', '10', 's', '-1s', '1d', ''])('%j is not a duration', (text) => {
    expect(parseDurationMs(text)).toBeUndefined();
  });
});

describe('duration schema', () => {
  it('reads a bare number as seconds', () => expect(duration.parse(2)).toBe(2000));
  it('reads text with a unit', () => expect(duration.parse('250ms')).toBe(250));
  it.each(['0s', 0, -1, '10 seconds', true])('rejects %j', (v) => {
    expect(duration.safeParse(v).success).toBe(false);
  });
});

describe('percent', () => {
  it.each([
    ['3%', 0.03],
    ['0.1%', 0.001],
    [' 10 % ', 0.1],
    [5, 0.05],
    [0, 0],
  ] as const)('%j is %d', (v, f) => {
    expect(parsePercent(v)).toBeCloseTo(f, 12);
    expect(percent.parse(v)).toBeCloseTo(f, 12);
  });

  it.each(['ten', '-3%', '3', '1001%', -1])('rejects %j', (v) => {
    expect(percent.safeParse(v).success).toBe(false);
  });
});

describe('size', () => {
  it.each([
    ['256MB', 256e6],
    ['512MiB', 512 * 1024 ** 2],
    ['1gb', 1e9],
  ])('%s is %d bytes', (text, bytes) => expect(size.parse(text)).toBe(bytes));
  it.each(['lots', '0MB', '12'])('rejects %j', (v) =>
    expect(size.safeParse(v).success).toBe(false),
  );
});
