import { formatChangeCell } from '../report/metric-format.ts';
import { stripControl } from '../report/metric-format.ts';
import type { Comparison } from '../verdict/comparison-schema.ts';
import type { ConfigLines } from './config-lines.ts';

// The annotations a comparison gives: one error per regressed (workload, metric), pointing at
// the workload's line in the config, and one warning that sums up every undecided metric. They
// show on the run's page and the PR's checks (and in the diff when the config is part of it).
// Pure; @actions/core escapes the workflow-command syntax, control characters are removed here.

/** One annotation to write with core.error / core.warning. */
export interface Annotation {
  level: 'error' | 'warning';
  title: string;
  message: string;
  /** The config file, from the repository root, and the line the annotation points at. */
  file?: string;
  startLine?: number;
}

/** Where the config is, for annotations that point at a workload's line. */
export interface AnnotationPlace {
  /** The config's path from the repository root. */
  file: string;
  lines: ConfigLines;
}

/** At most this many error annotations (GitHub shows 10 per step anyway). */
export const ANNOTATION_LIMIT = 10;

/** The annotations of a comparison; none without one. */
export function annotationsFor(c: Comparison | null, place?: AnnotationPlace): Annotation[] {
  if (!c) return [];
  const at = (workload: string) =>
    place
      ? {
          file: place.file,
          startLine: place.lines.workloads.get(workload) ?? place.lines.section,
        }
      : {};
  const errors: Annotation[] = c.workloads.flatMap((w) =>
    w.metrics
      .filter((m) => m.gated && m.status === 'regression')
      .map((m) => ({
        level: 'error' as const,
        title: stripControl(`perfgate regression: ${w.name} ${m.label}`),
        message: stripControl(
          `workload "${w.name}", metric ${m.label}: ${formatChangeCell(m)}. ${m.reason}`,
        ),
        ...at(w.name),
      })),
  );
  const out = errors.slice(0, ANNOTATION_LIMIT);
  if (errors.length > ANNOTATION_LIMIT) {
    const more = errors.length - ANNOTATION_LIMIT;
    out.push({
      level: 'error',
      title: `perfgate: ${more} more regression(s)`,
      message: `${more} more regression(s): see the job summary.`,
    });
  }
  const undecided = c.workloads.flatMap((w) =>
    w.metrics
      .filter((m) => m.gated && m.status === 'inconclusive')
      .map((m) => `${w.name} ${m.label} ${formatChangeCell(m)}`),
  );
  if (undecided.length) {
    const shown = undecided.slice(0, 20);
    const rest =
      undecided.length > shown.length ? `, and ${undecided.length - shown.length} more` : '';
    out.push({
      level: 'warning',
      title: `perfgate: ${undecided.length} metric(s) undecided`,
      message: stripControl(
        `These runs could not decide ${undecided.length} gated metric(s): ${shown.join('; ')}${rest}. More runs (or a same-runner comparison) would; the job summary says how many.`,
      ),
      ...(place ? { file: place.file, startLine: place.lines.section } : {}),
    });
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
