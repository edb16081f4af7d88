import { describe, expect, it } from 'vitest';
import {
  benjaminiHochberg,
  cv,
  holm,
  mad,
  max,
  mean,
  median,
  min,
  quantile,
  sampleSd,
} from '../../src/stats/index.ts';
import { expectClose, loadReference } from './reference.ts';

interface AdjustCase {
  p: number[];
  expected: { holm: number[]; bh: number[] };
}
interface DescriptiveCase {
  name: string;
  values: number[];
  expected: Record<'mean' | 'median' | 'sd' | 'cv' | 'mad' | 'min' | 'max', number> & {
    quantiles: Record<string, number>;
  };
}

describe('Holm and BH match R p.adjust (and statsmodels multipletests)', () => {
  it.each(loadReference<AdjustCase[]>('adjust.json').map((c) => [c.p.join(','), c] as const))(
    '%s',
    (_name, c) => {
      holm(c.p).forEach((v, i) =>
        expectClose(v, c.expected.holm[i] as number, 1e-12, 0, `holm[${i}]`),
      );
      benjaminiHochberg(c.p).forEach((v, i) =>
        expectClose(v, c.expected.bh[i] as number, 1e-12, 0, `bh[${i}]`),
      );
    },
  );
  it('returns an empty list for no p-values', () => {
    expect(holm([])).toEqual([]);
  });
});

describe('descriptive statistics match numpy', () => {
  const cases = loadReference<DescriptiveCase[]>('descriptive.json');
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const x = c.values;
    const e = c.expected;
    expectClose(mean(x), e.mean, 1e-12, 0, 'mean');
    expectClose(median(x), e.median, 1e-15, 0, 'median');
    expectClose(sampleSd(x), e.sd, 1e-12, 0, 'sd');
    expectClose(cv(x), e.cv, 1e-12, 0, 'cv');
    expectClose(mad(x), e.mad, 1e-12, 1e-12, 'mad');
    expect(min(x)).toBe(e.min);
    expect(max(x)).toBe(e.max);
    for (const [p, v] of Object.entries(e.quantiles)) {
      expectClose(quantile(x, Number(p)), v, 1e-12, 0, `quantile ${p}`);
    }
  });
});
