import { describe, expect, it } from 'vitest';
import { CHART_MAX_WORKLOADS, chartLabel, renderChart } from '../../src/report/chart.ts';
import { compareRecords } from '../../src/verdict/index.ts';
import { makeRecord } from '../helpers/records.ts';

function comparisonOf(names: string[], slower = 1) {
  const runs = (rps: number) => [rps, rps * 1.01, rps * 0.99, rps * 1.02, rps * 0.98];
  const base = makeRecord({ workloads: Object.fromEntries(names.map((n) => [n, runs(1000)])) });
  const head = makeRecord({
    workloads: Object.fromEntries(names.map((n) => [n, runs(1000 / slower)])),
    commit: 'b'.repeat(40),
  });
  return compareRecords([base], head, { alpha: 0.05, test: 'auto' });
}

describe('the mermaid chart', () => {
  it('labels cannot break out of their quotes, the line or the code block', () => {
    const hostile = 'a"b\nc`d```e<img src=x>\\f;g#h]i';
    const label = chartLabel(hostile);
    expect(label).not.toMatch(/["\n\r`<>\\;#\]]/);
    expect(chartLabel('"""')).toBe('?');
    expect([...chartLabel('x'.repeat(100))].length).toBeLessThanOrEqual(24);
  });

  it('shows the baseline as bars and this PR as a line, one position per workload', () => {
    const chart = renderChart(comparisonOf(['hello', 'say "hi"\nnow'], 2))!;
    const lines = chart.split('\n');
    expect(lines[0]).toBe('```mermaid');
    expect(lines[1]).toBe('xychart-beta');
    expect(lines.at(-1)).toBe('```');
    expect(chart).toContain('x-axis ["hello", "say hi now"]');
    expect(chart).toMatch(/bar \[1000, 1000\]/);
    expect(chart).toMatch(/line \[500, 500\]/);
    expect(chart).toMatch(/y-axis "req\/s" 0 --> 1100/);
  });

  it('can chart a latency in milliseconds', () => {
    const chart = renderChart(comparisonOf(['hello']), 'p50')!;
    expect(chart).toContain('Latency p50');
    expect(chart).toMatch(/bar \[1\]/); // 1000 µs
  });

  it('numbers duplicate labels, caps the workloads, and is null with nothing to show', () => {
    const chart = renderChart(comparisonOf(['a"', 'a`']))!;
    expect(chart).toContain('x-axis ["a", "a (2)"]');
    const many = Array.from({ length: CHART_MAX_WORKLOADS + 5 }, (_, i) => `w${i}`);
    const axis = /x-axis \[(.*)\]/.exec(renderChart(comparisonOf(many))!)![1]!;
    expect(axis.split(', ')).toHaveLength(CHART_MAX_WORKLOADS);
    const c = comparisonOf(['hello']);
    c.workloads[0]!.presence = 'new';
    expect(renderChart(c)).toBeNull();
  });
});
