import type { Comparison, ComparisonNote, MetricComparison } from './comparison-schema.ts';
import { detectableSummary } from './headline.ts';
import { describeSpread } from './metric-verdict.ts';

// The one plain statement of what a comparison could and could not catch (statistics.md, "The
// noise floor"): said once per comparison, not once per metric.

function pct(x: number): string {
  return `${(x * 100).toFixed(x < 0.1 ? 1 : 0)}%`;
}

/** The noise-floor note of a comparison, or null when every required metric resolves its tolerance. */
export function noiseNote(c: Comparison): ComparisonNote | null {
  const list = detectableSummary(c);
  const worst = list[0];
  if (!worst) return null;
  const metrics: MetricComparison[] = c.workloads.flatMap((w) => w.metrics);
  const between = metrics.find((m) => m.between)?.between ?? null;
  const caught = `this comparison can detect regressions from about ${pct(worst.floor)} (${worst.label}; tolerance ${pct(worst.tau)})`;
  if (c.design === 'independent' && between) {
    const more =
      between.source === 'default'
        ? ' From 5 recorded baselines on the default branch on, the spread is estimated from them (`baseline.runner-noise` sets the value assumed until then).'
        : '';
    return {
      level: 'warning',
      code: 'noise-floor',
      message: `Stored baseline: runs of one session share its runner, so the spread between sessions (${describeSpread(between)}) is part of every interval, and ${caught}. Measuring the base commit side by side on this runner (gate.compare-to: base) cancels that spread and resolves a few percent.${more}`,
    };
  }
  if (worst.floor <= 2 * worst.tau) return null;
  return {
    level: 'warning',
    code: 'noise-floor',
    message: `The run-to-run noise of this machine is high: ${caught}. More pairs (runs: auto adds them within its budget) or a quieter runner would narrow it.`,
  };
}
