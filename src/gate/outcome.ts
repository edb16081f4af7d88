import type { Breakage, Comparison } from '../verdict/index.ts';
import type { ObjectiveResult } from '../verdict/objectives.ts';
import { brokenHeadline } from '../report/objectives-table.ts';
import type { GateVerdict } from '../verdict/gate-verdict.ts';

/** Inputs of the pass/fail decision. */
export interface GateDecisionInput {
  comparison: Comparison | null;
  /** Whether a comparison was asked for at all. */
  compared: boolean;
  onMissing: 'pass' | 'fail';
  failOnInconclusive: boolean;
  /** False (the action's `fail-on-regression: false`): a regression alone does not fail. */
  failOnRegression?: boolean;
  /** This run's broken workloads (breakage.ts), whether or not there was a comparison. */
  breakage: Breakage | null;
  /** Absolute objectives checked on this run; a broken one fails the gate on its own. */
  objectives?: readonly ObjectiveResult[];
}

type Decision = { verdict: GateVerdict; fail: boolean; failReason: string | null };

/**
 * The verdict, whether the job fails, and the one-line reason: the one place that decides it.
 * A broken absolute objective fails the job whatever the comparison (or its absence) says, and
 * is named first, even with `fail-on-regression: false`. Pure.
 */
export function decideGate(i: GateDecisionInput): Decision {
  const d = decideComparison(i);
  const broken = (i.objectives ?? []).filter((o) => o.met === false);
  if (broken.length === 0) {
    const tolerated = d.verdict === 'regression' && i.failOnRegression === false;
    return tolerated ? { ...d, fail: false, failReason: null } : d;
  }
  const reason = brokenHeadline(broken, 5);
  return { ...d, fail: true, failReason: d.fail ? `${reason}; ${d.failReason}` : reason };
}

function decideComparison(i: GateDecisionInput): Decision {
  // A broken run fails first: whatever the statistics, and with or without a baseline.
  if (i.breakage) return { verdict: 'broken', fail: true, failReason: i.breakage.summary };
  if (!i.compared) return { verdict: 'not-compared', fail: false, failReason: null };
  const c = i.comparison;
  if (!c) {
    const fail = i.onMissing === 'fail';
    return {
      verdict: 'no-baseline',
      fail,
      failReason: fail ? 'no baseline to compare with (on-missing: fail)' : null,
    };
  }
  // An open-model run that fell behind its rate measured a lighter load than configured: its
  // numbers cannot pass or fail the code, so the job fails as a measurement problem.
  const shortfalls = c.notes.filter((n) => n.code === 'rate-not-delivered');
  if (shortfalls.length > 0 && c.verdict !== 'regression') {
    return {
      verdict: 'inconclusive',
      fail: true,
      failReason: `measurement problem: ${shortfalls.map((n) => n.message).join(' ')}`,
    };
  }
  const regressions = c.workloads.flatMap((w) =>
    w.metrics.filter((m) => m.status === 'regression').map((m) => `${w.name} ${m.metric}`),
  );
  if (c.verdict === 'regression') {
    const list = regressions.slice(0, 5).join(', ') + (regressions.length > 5 ? ', …' : '');
    return {
      verdict: 'regression',
      fail: true,
      failReason: `${regressions.length} regression(s): ${list}`,
    };
  }
  if (c.verdict === 'inconclusive') {
    return {
      verdict: 'inconclusive',
      fail: i.failOnInconclusive,
      failReason: i.failOnInconclusive
        ? 'inconclusive comparison (fail-on-inconclusive is set)'
        : null,
    };
  }
  return { verdict: 'pass', fail: false, failReason: null };
}
