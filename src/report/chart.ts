import type { Comparison, MetricComparison } from '../verdict/comparison-schema.ts';
import { describeChange, metricDef } from '../verdict/index.ts';

// The chart of what decided: one line per gated metric that changed or is undecided, its
// estimated change as ● and its interval as ├──┤ on one axis where right is worse, with the
// tolerance as ┆ and no change as │; ◀ ▶ mark an interval reaching beyond the axis. Drawn in text, so the PR comment, the job summary and the
// terminal show the same picture (in markdown inside a code block). None when nothing decided.
// Pure.

/** At most this many lines are charted; the table above lists every one. */
export const CHART_MAX_ROWS = 20;
const LABEL_MAX = 24;
const WIDTH = 41;

/**
 * A workload name made safe inside a chart (a code block): quotes, backslashes, backticks,
 * angle brackets, `#`, `;` and every control character (newlines included) are removed, and
 * the result is shortened.
 */
export function chartLabel(name: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/["'`\\<>#;[\]{}\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
  const oneSpace = clean.replace(/\s+/g, ' ').trim();
  const chars = [...oneSpace];
  const short = chars.length > LABEL_MAX ? `${chars.slice(0, LABEL_MAX - 1).join('')}…` : oneSpace;
  return short === '' ? '?' : short;
}

/** One charted metric: change and interval as "how much worse", a fraction. */
interface Row {
  label: string;
  worse: number;
  interval: [number, number];
  tolerance: number | null;
  text: string;
}

/**
 * The metrics a reviewer must look at: gated and regressed or improved, or undecided where a
 * pass needs them (an undecided metric outside gate.required only informs: it is in the detail).
 */
export function isDecidedOrUndecided(m: MetricComparison): boolean {
  if (!m.gated) return false;
  if (m.status === 'inconclusive') return m.required !== false;
  return m.status === 'regression' || m.status === 'improvement';
}

function rowsOf(c: Comparison): Row[] {
  const rows: Row[] = [];
  for (const w of c.workloads) {
    for (const m of w.metrics) {
      // Absolute changes (error rate, in points) do not share the axis of relative ones.
      if (!isDecidedOrUndecided(m) || m.scale !== 'relative' || m.change === null) continue;
      if (m.interval === null) continue;
      const sign = m.direction === 'higher-is-better' ? -1 : 1;
      const [a, b] = [m.interval[0] * sign, m.interval[1] * sign];
      rows.push({
        label: `${chartLabel(w.name)} ${m.label}`,
        worse: m.change * sign,
        interval: [Math.min(a, b), Math.max(a, b)],
        tolerance: m.threshold,
        text: describeChange(metricDef(m.metric), m.change),
      });
    }
  }
  return rows.slice(0, CHART_MAX_ROWS);
}

function pct(x: number): string {
  const v = Math.round(x * 1000) / 10;
  return `${v > 0 ? '+' : ''}${v}%`;
}

/**
 * The chart as lines of text (no fence), or null when no relative gated metric changed or is
 * undecided.
 */
export function renderChangeChart(c: Comparison): string[] | null {
  const rows = rowsOf(c);
  if (rows.length === 0) return null;
  // The axis spans the estimates and tolerances; an interval reaching far beyond (a noisy
  // metric) is cut at twice that span and drawn with an arrow, so it cannot squash the rest.
  const core = rows.flatMap((r) => [Math.abs(r.worse), r.tolerance ?? 0]);
  const cap = 2 * Math.max(...core, 0.01);
  const clip = (x: number) => Math.max(-cap, Math.min(cap, x));
  const ends = rows.flatMap((r) => [
    ...r.interval.map(clip),
    r.worse,
    r.tolerance ?? 0,
    -(r.tolerance ?? 0),
  ]);
  const lo = Math.min(0, ...ends);
  const hi = Math.max(0, ...ends);
  const span = hi - lo || 1;
  const col = (x: number) =>
    Math.max(0, Math.min(WIDTH - 1, Math.round(((clip(x) - lo) / span) * (WIDTH - 1))));
  const labelWidth = Math.max(...rows.map((r) => [...r.label].length));
  const zero = col(0);
  const lines = rows.map((r) => {
    const cells = Array.from({ length: WIDTH }, () => ' ');
    if (r.tolerance !== null) {
      cells[col(r.tolerance)] = '┆';
      cells[col(-r.tolerance)] = '┆';
    }
    cells[zero] = '│';
    const [a, b] = [col(r.interval[0]), col(r.interval[1])];
    for (let i = a; i <= b; i += 1) cells[i] = '─';
    cells[a] = r.interval[0] < -cap ? '◀' : '├';
    cells[b] = r.interval[1] > cap ? '▶' : '┤';
    cells[col(r.worse)] = '●';
    return `${r.label.padEnd(labelWidth)}  ${cells.join('')}  ${r.text}`;
  });
  const left = lo < 0 ? pct(lo) : '';
  const right = hi > 0 ? pct(hi) : '';
  // "0" under the zero line when the end labels leave room for it.
  const middle =
    zero > left.length && WIDTH - zero - 1 > right.length
      ? `${left.padEnd(zero)}0${right.padStart(WIDTH - zero - 1)}`
      : `${left}${right.padStart(WIDTH - left.length)}`;
  const axis = `${' '.repeat(labelWidth)}  ${middle}`;
  const legend = `${' '.repeat(labelWidth)}  ← better   worse →   ● change  ├─┤ interval  ┆ tolerance`;
  return [...lines, axis, legend];
}
