import { describe, expect, it } from 'vitest';
import { CHART_MAX_ROWS, chartLabel, renderChangeChart } from '../../src/report/chart.ts';
import { compareRecords } from '../../src/verdict/index.ts';
import { makeRecord } from '../helpers/records.ts';

function comparisonOf(names: string[], slower = 1) {
  const runs = (rps: number) => [rps, rps * 1.01, rps * 0.99, rps * 1.02, rps * 0.98];
  const base = makeRecord({ workloads: Object.fromEntries(names.map((n) => [n, runs(1000)])) });
  const head = makeRecord({
    workloads: Object.fromEntries(names.map((n) => [n, runs(1000 / slower)])),
    commit: 'b'.repeat(40),
  });
  return compareRecords([base], head, { alpha: 0.05, test: 'auto', runnerNoise: 0 });
}

describe('the chart of what decided', () => {
  it('labels cannot break out of the code block or the line', () => {
    const hostile = 'a"b\nc`d```e<img src=x>\\f;g#h]i';
    const label = chartLabel(hostile);
    expect(label).not.toMatch(/["\n\r`<>\\;#\]]/);
    expect(chartLabel('"""')).toBe('?');
    expect([...chartLabel('x'.repeat(100))].length).toBeLessThanOrEqual(24);
  });

  it('draws each decided metric right of zero when worse: change, interval and tolerance', () => {
    const lines = renderChangeChart(comparisonOf(['hello', 'say "hi"\nnow'], 2))!;
    const rows = lines.filter((l) => l.includes('│'));
    expect(rows.map((l) => l.split('  ')[0]?.trim())).toEqual(['hello req/s', 'say hi now req/s']);
    for (const row of rows) {
      // Half the requests per second is worse: the estimate lies right of the zero line.
      expect(row.indexOf('●')).toBeGreaterThan(row.indexOf('│'));
      expect(row.indexOf('├')).toBeLessThan(row.indexOf('┤'));
      expect(row).toContain('┆');
      expect(row).toMatch(/-50\.0%$/);
    }
    expect(lines.at(-1)).toContain('← better   worse →');
  });

  it('is null when nothing changed, and caps its rows', () => {
    expect(renderChangeChart(comparisonOf(['hello']))).toBeNull();
    const many = Array.from({ length: CHART_MAX_ROWS + 5 }, (_, i) => `w${i}`);
    const rows = renderChangeChart(comparisonOf(many, 2))!.filter((l) => l.includes('│'));
    expect(rows).toHaveLength(CHART_MAX_ROWS);
  });
});
