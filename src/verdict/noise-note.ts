import type { Comparison, ComparisonNote, MetricComparison } from './comparison-schema.ts';
import { detectableSummary } from './headline.ts';
import { describeSpread } from './metric-verdict.ts';

// The one plain statement of what a comparison could and could not catch (statistics.md, "The
// noise floor"): said once per comparison, not once per metric.

function pct(x: number): string {
  return `${(x * 100).toFixed(x < 0.1 ? 1 : 0)}%`;
}

/**
 * Runs that would bring the worst required metric's floor to twice its tolerance: the part of
 * the floor above the tolerance shrinks as 1/sqrt(n) (t quantiles aside).
 */
function pairsNeeded(
  c: Comparison,
  worst: { label: string; floor: number; tau: number },
): number | null {
  const m = c.workloads
    .flatMap((w) => w.metrics)
    .find((x) => x.label === worst.label && x.noiseFloor === worst.floor);
  if (!m) return null;
  const n = Math.min(m.baseline.n, m.candidate.n);
  const log = (x: number) => Math.abs(Math.log1p(m.direction === 'higher-is-better' ? -x : x));
  const precision = log(worst.floor) - log(worst.tau);
  const target = log(worst.tau);
  if (!(precision > 0 && target > 0 && n > 0)) return null;
  return Math.ceil(n * (precision / target) ** 2);
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
  const need = pairsNeeded(c, worst);
  const more = need
    ? ` About ${need} ${c.design === 'paired' ? 'pairs' : 'runs per side'} would resolve the ${pct(worst.tau)} tolerance (max-runs; runs: auto adds them while a required metric is undecided).`
    : '';
  return {
    level: 'warning',
    code: 'noise-floor',
    message: `The run-to-run noise of this machine is high: ${caught}.${more}`,
  };
}
