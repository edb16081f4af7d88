import { describe, expect, it } from 'vitest';
import { createProgressPrinter } from '../../src/cli/progress.ts';
import type { RunSample } from '../../src/record/record.ts';

const sample = (elapsedMs: number): RunSample => ({
  index: 0,
  round: 0,
  warmup: false,
  startedAt: '2026-01-01T00:00:00.000Z',
  elapsedMs,
  requests: 100,
  reqPerSec: 1000,
  bytesPerSec: 0,
  latencyUs: { mean: 1, p50: 1, p90: 1, p99: 1, max: 1 },
  errors: { connection: 0, timeout: 0, status: 0, body: 0, protocol: 0, incomplete: 0 },
  errorRate: 0,
  cpuMsPerRequest: null,
  peakRssBytes: null,
  loadCpu: 0.1,
});

describe('progress', () => {
  it('shows the time left from the plan, once every run length is known', () => {
    let text = '';
    const print = createProgressPrinter({ write: (t) => void (text += t), isTTY: false });
    print({
      type: 'session-plan',
      workloads: [
        { name: 'timed', runs: 3, runMs: 10_000 },
        { name: 'counted', runs: 2, runMs: null },
      ],
    });
    const run = (workload: string, n: number, of: number, ms: number) => {
      print({ type: 'run-start', workload, run: n, of, warmup: false, round: 0 });
      print({ type: 'run-end', workload, sample: sample(ms) });
    };
    run('timed', 1, 3, 10_000);
    expect(text.split('\n')[0]).not.toContain('left');
    run('counted', 1, 2, 4_000);
    // Two timed runs (20 s) and one counted run (4 s, as the first) are left.
    expect(text.split('\n')[1]).toContain('~24s left');
    run('timed', 2, 3, 10_000);
    expect(text.split('\n')[2]).toContain('~14s left');
  });

  it('names the side of each run when both sides run at once (a duet)', () => {
    let text = '';
    const print = createProgressPrinter({ write: (t) => void (text += t), isTTY: false });
    const start = (side: string) =>
      print({ type: 'run-start', workload: 'hello', run: 2, of: 9, warmup: false, round: 1, side });
    start('base');
    start('this');
    print({ type: 'run-end', workload: 'hello', sample: sample(1000), side: 'base' });
    print({ type: 'run-end', workload: 'hello', sample: sample(1000), side: 'this' });
    const lines = text.trim().split('\n');
    expect(lines[0]).toMatch(/^\[base\] hello {2}run 2\/9 {2}1,?000 req\/s/);
    expect(lines[1]).toMatch(/^\[this\] hello {2}run 2\/9 {2}1,?000 req\/s/);
  });
});
