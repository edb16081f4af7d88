import { runsNeeded } from '../stats/index.ts';
import type { MetricStatus } from './comparison-schema.ts';
import type { MetricStats } from './metric-input.ts';
import type { MetricDef } from './metrics.ts';

// The four verdicts of statistics.md (principle 5), from the weighted-Holm-adjusted one-sided
// p-values and the metric's interval at its share of the family's alpha (family-weights.ts):
// - regression: adjusted pWorse <= alpha (confidently worse than the tolerance);
// - improvement: adjusted pBetter <= alpha (confidently better than the tolerance);
// - no change: the upper bound lies below +tau (confidently not worse: a one-sided test at the
//   same level; "tau" is read on the metric's own scale, see stats' orientedMargins);
// - inconclusive: anything else, with the reason and how many more runs would likely decide.
// An interval entirely beyond the tolerance implies the matching verdict (its bound is a
// one-sided test at the metric's share of alpha, weighted Holm's first step); later steps can decide metrics
// whose interval still touches the tolerance, and the reason then says so.

/** Weighted-Holm-adjusted p-values of a gated metric. */
export interface Adjusted {
  pWorse: number;
  pBetter: number;
}

/** Context of a metric verdict. */
export interface VerdictContext {
  alpha: number;
  /** One-sided level of each interval bound: alpha / family size. */
  alphaSide: number;
  /** Runs per side (independent) or pairs (paired) the test used. */
  n: number;
  paired: boolean;
  /**
   * Paired, with each build's server processes kept across runs: a steady difference between
   * the two processes is in every pair (said where more pairs will not decide).
   */
  keptProcesses?: boolean;
}

/** What an undecided paired estimate at the tolerance may be, when each side kept its processes. */
const PROCESS_OFFSET_HINT =
  'a steady difference this small can also be the two server processes rather than the code (server.restart: per-run starts fresh ones for every pair)';

/** A metric's verdict in words. */
export interface MetricDecision {
  status: MetricStatus;
  reason: string;
  moreRunsNeeded: number | null;
}

/** A change for reasons: "+14.2%", or "+0.50 pp" for an absolute metric. */
export function describeChange(def: MetricDef, x: number): string {
  const digits = def.scale === 'absolute' ? 2 : 1;
  const unit = def.scale === 'absolute' ? ' pp' : '%';
  const s = (x * 100).toFixed(digits);
  // A change that rounds to zero reads "0.0%", never "+0.0%" or "-0.0%".
  if (Number(s) === 0) return `${(0).toFixed(digits)}${unit}`;
  return `${x > 0 ? '+' : ''}${s}${unit}`;
}

/** A tolerance for reasons: "10%", or "0.10%" (error rate, absolute). */
export function describeTolerance(def: MetricDef, tau: number): string {
  const digits = def.scale === 'absolute' ? 2 : tau * 100 === Math.round(tau * 100) ? 0 : 1;
  return `${(tau * 100).toFixed(digits)}%${def.scale === 'absolute' ? ' (absolute)' : ''}`;
}

/** "p99 +14.2% [+11.0%, +17.5%]". */
export function describeEstimate(def: MetricDef, s: MetricStats): string {
  const [lo, hi] = s.interval;
  return `${def.label} ${describeChange(def, s.change)} [${describeChange(def, lo)}, ${describeChange(def, hi)}]`;
}

/** "10% (the configured runner noise)" or "3.1% from 12 recorded sessions". */
export function describeSpread(b: NonNullable<MetricStats['between']>): string {
  const pct = `${(b.sd * 100).toFixed(1)}%`;
  return b.source === 'history'
    ? `sd ${pct} from ${b.sessions} recorded sessions`
    : `sd ${pct}, the configured runner noise: ${b.sessions} recorded session${b.sessions === 1 ? ' is' : 's are'} too few to estimate it`;
}

function formatP(p: number): string {
  return p < 0.001 ? p.toExponential(1) : p.toFixed(3);
}

/** The verdict of a gated metric. */
export function decideMetric(
  def: MetricDef,
  tau: number,
  s: MetricStats,
  adjusted: Adjusted,
  ctx: VerdictContext,
): MetricDecision {
  const est = describeEstimate(def, s);
  const tol = describeTolerance(def, tau);
  const [lo, hi] = s.scaleInterval;
  if (adjusted.pWorse <= ctx.alpha) {
    const note =
      lo > s.margin ? '' : "; the interval still touches the tolerance, Holm's step-down decides";
    return {
      status: 'regression',
      reason: `${est}, confidently worse than the ${tol} tolerance (Holm-adjusted p = ${formatP(adjusted.pWorse)}${note})`,
      moreRunsNeeded: null,
    };
  }
  if (adjusted.pBetter <= ctx.alpha) {
    return {
      status: 'improvement',
      reason: `${est}, confidently better than the ${tol} tolerance (Holm-adjusted p = ${formatP(adjusted.pBetter)})`,
      moreRunsNeeded: null,
    };
  }
  // A rank test with too few runs cannot reach the level: its interval is not trustworthy either.
  const rankTooSmall = s.minP > ctx.alphaSide;
  // "No change" is what a gate needs to pass: confidently not worse than the tolerance (the
  // upper bound, a one-sided test at alphaSide, below it). A lower bound beyond the better
  // tolerance without a confident improvement is said in the reason.
  if (!rankTooSmall && hi < s.margin) {
    const maybeBetter = lo < -s.marginBetter ? ', possibly better' : '';
    return {
      status: 'no-change',
      reason: `${est}: not worse than the ${tol} tolerance${maybeBetter}`,
      moreRunsNeeded: null,
    };
  }
  const more = moreRuns(s, ctx);
  const decide =
    s.between !== null
      ? `the spread between runner sessions (${describeSpread(s.between)}) dominates, so more runs per session will not decide: measure the base side by side (gate.compare-to: base)`
      : more === null
        ? `more runs are unlikely to decide, the estimate sits at the tolerance${ctx.paired && ctx.keptProcesses ? `; ${PROCESS_OFFSET_HINT}` : ''}`
        : `${more} more ${ctx.paired ? `pair${more === 1 ? '' : 's'}` : `run${more === 1 ? '' : 's'} per side`} would likely decide`;
  const [lo0, hi0] = s.interval;
  const why = rankTooSmall
    ? `with ${ctx.n} ${ctx.paired ? 'pairs' : 'runs per side'} the rank test cannot reach the corrected level (smallest possible p = ${formatP(s.minP)})`
    : `${def.label} ${describeChange(def, s.change)}: interval [${describeChange(def, lo0)}, ${describeChange(def, hi0)}] crosses the ${tol} tolerance`;
  return { status: 'inconclusive', reason: `${why}: ${decide}`, moreRunsNeeded: more };
}

/**
 * More runs per side that would likely decide: the n at which the noise floor shrinks to the
 * distance between the estimate and the nearest decision boundary (stats' runsNeeded), and for
 * a rank test at least the n at which it can reach the level at all.
 */
function moreRuns(s: MetricStats, ctx: VerdictContext): number | null {
  // Runs within a session cannot shrink the spread between sessions (session-level test).
  if (s.test === 'session') return null;
  const distance = Math.abs(s.scaleChange - s.margin);
  const needed = runsNeeded(
    { sd: s.sd, alpha: ctx.alphaSide, paired: ctx.paired, maxRuns: 1000 },
    distance,
  );
  if (needed === null) return null;
  let n = needed;
  if (s.minP > ctx.alphaSide) n = Math.max(n, rankRunsFor(ctx.alphaSide, ctx.paired));
  return Math.max(1, n - ctx.n);
}

/** Smallest n per side at which a rank test's smallest p-value is below alphaSide. */
function rankRunsFor(alphaSide: number, paired: boolean): number {
  for (let n = 2; n < 1000; n++) {
    if (paired ? 2 ** -n <= alphaSide : 1 / centralBinomial(n) <= alphaSide) return n;
  }
  return 1000;
}

function centralBinomial(n: number): number {
  let c = 1;
  for (let i = 1; i <= n; i++) c = (c * (n + i)) / i;
  return c;
}
