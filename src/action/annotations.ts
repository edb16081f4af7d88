import { formatChangeCell } from '../report/metric-format.ts';
import { stripControl } from '../report/metric-format.ts';
import type { Comparison } from '../verdict/comparison-schema.ts';

// The annotations a comparison gives: one error per regressed (workload, metric), one warning
// per undecided one. They show on the run's page and the PR's checks. Pure; @actions/core
// escapes the workflow-command syntax, control characters are removed here.

/** One annotation to write with core.error / core.warning. */
export interface Annotation {
  level: 'error' | 'warning';
  title: string;
  message: string;
}

/** At most this many annotations of each level (GitHub shows 10 per step anyway). */
export const ANNOTATION_LIMIT = 10;

/** The annotations of a comparison; none without one. */
export function annotationsFor(c: Comparison | null): Annotation[] {
  if (!c) return [];
  const out: Annotation[] = [];
  for (const level of ['error', 'warning'] as const) {
    const status = level === 'error' ? 'regression' : 'inconclusive';
    const word = level === 'error' ? 'regression' : 'inconclusive';
    const found = c.workloads.flatMap((w) =>
      w.metrics
        .filter((m) => m.gated && m.status === status)
        .map((m) => ({
          level,
          title: stripControl(`perfgate ${word}: ${w.name} ${m.label}`),
          message: stripControl(
            `workload "${w.name}", metric ${m.label}: ${formatChangeCell(m)}. ${m.reason}`,
          ),
        })),
    );
    out.push(...found.slice(0, ANNOTATION_LIMIT));
    if (found.length > ANNOTATION_LIMIT) {
      out.push({
        level,
        title: `perfgate: ${found.length - ANNOTATION_LIMIT} more`,
        message: `${found.length - ANNOTATION_LIMIT} more ${word} finding(s): see the job summary.`,
      });
    }
  }
  return out;
}

/** The number of regressed (workload, metric) pairs. */
export function countRegressions(c: Comparison | null): number {
  if (!c) return 0;
  return c.workloads.reduce(
    (n, w) => n + w.metrics.filter((m) => m.gated && m.status === 'regression').length,
    0,
  );
}

/** True when the comparison found something to tell a reviewer (not only "no change"). */
export function hasChange(c: Comparison | null): boolean {
  if (!c) return false;
  return c.counts.regressions + c.counts.improvements + c.counts.inconclusive > 0;
}
