import { describe, expect, it } from 'vitest';
import { describeSpread } from '../../src/verdict/metric-verdict.ts';

describe('describeSpread', () => {
  it('names where the spread between sessions came from, in agreement with the count', () => {
    const spread = (sessions: number, source: 'history' | 'default', sd = 0.1) =>
      describeSpread({ sd, sessions, source });
    expect(spread(1, 'default')).toBe(
      'sd 10.0%, the configured runner noise: 1 recorded session is too few to estimate it',
    );
    expect(spread(3, 'default')).toBe(
      'sd 10.0%, the configured runner noise: 3 recorded sessions are too few to estimate it',
    );
    expect(spread(12, 'history', 0.031)).toBe('sd 3.1% from 12 recorded sessions');
  });
});
