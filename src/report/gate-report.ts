import type { GateVerdict } from '../verdict/gate-verdict.ts';
import type { Comparison } from '../verdict/index.ts';
import type { ResultsRecord } from '../record/record.ts';
import type { Flavor } from './comparison-flavor.ts';
import { MARKDOWN, TEXT } from './comparison-flavor.ts';
import type { RawDataSection } from './comparison-raw.ts';
import { renderComparisonSections } from './comparison-report.ts';
import { measureNotes, renderSummaryTable } from './summary-table.ts';
import type { Trend } from './trend.ts';
import { renderTrendSection } from './trend.ts';
import type { SideLabels } from './workload-detail.ts';
import { PR_LABELS } from './workload-detail.ts';
import { maskSecrets } from '../secrets.ts';
import type { ObjectiveResult } from '../verdict/objectives.ts';
import { brokenHeadline, renderObjectivesTable } from './objectives-table.ts';
import { renderStepTable } from './step-table.ts';

// The report of a whole gate run: the comparison when there was one, otherwise this run's own
// numbers with the reason there was no comparison, plus every notice (baseline recorded,
// corrupt records skipped, ...). Pure; the same text goes to the terminal, the job summary and
// the PR comment.

/** What the report shows. */
export interface GateReportInput {
  verdict: GateVerdict;
  comparison: Comparison | null;
  record: ResultsRecord;
  notices: string[];
  runUrl?: string;
  /** The repository's address: the compared commits become links. */
  repoUrl?: string;
  /** How the two sides are called; default baseline / this PR. */
  labels?: SideLabels;
  /** The stored records of this config, shown as a trend when there are any. */
  trend?: Trend;
  /** Name of the config, shown in the title when several configs report on one PR. */
  title?: string;
  /** Include every run's raw numbers and the machines/configs table (default true). */
  details?: boolean;
  /** This run's broken workloads: the headline when there is no comparison to carry it. */
  breakage?: { summary: string } | null;
  /** Absolute objectives checked on this run; a broken one leads the headline. */
  objectives?: ObjectiveResult[];
}

/** The parts of a gate outcome every report shows (a GateOutcome has them all). */
export type OutcomeParts = Pick<
  GateReportInput,
  'verdict' | 'comparison' | 'record' | 'notices' | 'breakage' | 'objectives'
>;

/** The report input of a gate outcome, with what the caller adds (labels, links, trend). */
export function outcomeReport(
  o: OutcomeParts,
  extra: Partial<GateReportInput> = {},
): GateReportInput {
  const { verdict, comparison, record, notices, breakage, objectives } = o;
  return { verdict, comparison, record, notices, breakage, objectives, ...extra };
}

/** The report in parts, so a caller can trim the raw data to fit a size limit. */
export interface GateReportSections {
  body: string[];
  raw: RawDataSection | null;
  tail: string[];
}

const NO_COMPARISON: Partial<Record<GateVerdict, string>> = {
  'no-baseline': '⚪ perfgate: no baseline to compare with yet; this run’s numbers',
  'not-compared': '⚪ perfgate: measured without a comparison',
};

/**
 * Builds the report sections, with every {{env.NAME}} value masked: the same sections go to
 * the terminal, the job summary and the PR comment.
 */
export function renderGateSections(
  input: GateReportInput,
  flavor: Flavor = MARKDOWN,
): GateReportSections {
  const s = renderUnmasked(input, flavor);
  return {
    body: s.body.map(maskSecrets),
    raw: s.raw ? { ...s.raw, lines: s.raw.lines.map(maskSecrets) } : null,
    tail: s.tail.map(maskSecrets),
  };
}

/** Why some objectives were not checked, said once under the table. */
function uncheckedNote(objectives: readonly ObjectiveResult[]): string[] {
  const reason = objectives.find((o) => o.unchecked)?.unchecked;
  return reason
    ? [
        `Objectives on requests/s and latency not checked: ${reason} (gate.pairing: alternate checks them).`,
      ]
    : [];
}

function renderUnmasked(input: GateReportInput, flavor: Flavor): GateReportSections {
  const notices = input.notices.map((n) => flavor.inline(n));
  const title = input.title ? [flavor.heading(2, `perfgate · ${flavor.inline(input.title)}`)] : [];
  const objectives = input.objectives ?? [];
  const broken = objectives.filter((o) => o.met === false);
  const objectivesTable = objectives.length
    ? [
        `${flavor.strong('Objectives')} (median of the kept runs; errors: mean; memory: highest peak)`,
        renderObjectivesTable(objectives),
        ...uncheckedNote(objectives),
      ]
    : [];
  const stepTable = renderStepTable(input.record);
  const steps = stepTable
    ? [`${flavor.strong('Latency per step')} (median of the kept runs)`, stepTable]
    : [];
  // A broken objective fails the gate whatever the comparison says: it leads the headline.
  const brokenLead = (rest: string) =>
    flavor.heading(3, `🔴 perfgate: ${flavor.inline(brokenHeadline(broken))}; ${rest}`);
  if (input.comparison) {
    const s = renderComparisonSections(
      input.comparison,
      {
        details: input.details ?? true,
        runUrl: input.runUrl,
        repoUrl: input.repoUrl,
        labels: input.labels,
        trend: input.trend,
      },
      flavor,
    );
    // The run's notices follow what was compared (headline, commits), before the changes.
    const [first, commits, ...rest] = s.body;
    const headline = broken.length ? brokenLead(flavor.inline(input.comparison.headline)) : first;
    const note = notices.length ? [flavor.alert('note', notices)] : [];
    return {
      body: [
        ...title,
        headline ?? '',
        commits ?? '',
        ...note,
        ...objectivesTable,
        ...rest,
        ...steps,
      ],
      raw: s.raw,
      tail: s.tail,
    };
  }
  const plain = input.breakage
    ? `🔴 perfgate: ${flavor.inline(input.breakage.summary)}`
    : (NO_COMPARISON[input.verdict] ?? 'perfgate');
  const headline = broken.length
    ? brokenLead(plain.replace(/^⚪ perfgate: /, ''))
    : flavor.heading(3, plain);
  const note = notices.length ? [flavor.alert('note', notices)] : [];
  const link = input.runUrl
    ? [`${flavor.markdown ? `[Workflow run](${input.runUrl})` : `run: ${input.runUrl}`}`]
    : [];
  const labels = input.labels ?? PR_LABELS;
  const trend = input.trend
    ? renderTrendSection(input.trend, null, flavor, labels.candidate)
    : null;
  return {
    body: [
      ...title,
      headline,
      ...note,
      renderSummaryTable(input.record),
      ...measureNotes(input.record),
      ...(trend ? [trend] : []),
      ...objectivesTable,
      ...steps,
    ],
    raw: null,
    tail: link,
  };
}

/** The whole report as one string (job summary, terminal). */
export function renderGateReport(input: GateReportInput, flavor: Flavor = MARKDOWN): string {
  const s = renderGateSections(input, flavor);
  const raw = s.raw ? [[s.raw.open, ...s.raw.lines, s.raw.close].join('\n')] : [];
  return `${[...s.body, ...raw, ...s.tail].join('\n\n')}\n`;
}

/** The report for a terminal. */
export function renderGateText(input: GateReportInput): string {
  return renderGateReport(input, TEXT);
}
