import type { ResultsRecord } from '../record/record.ts';
import { keptRuns } from '../record/record.ts';
import type { Comparison, WorkloadComparison } from '../verdict/comparison-schema.ts';
import { formatChangeCell } from '../report/metric-format.ts';
import { exportedWorkloads } from '../record/record-metrics.ts';

// JUnit XML in the Apache Ant format that test-report UIs read (dorny/test-reporter,
// mikepenz/action-junit-report, GitLab, Jenkins): one <testsuite> per workload, one <testcase>
// per gated metric. A regression is a <failure>, an undecided metric is <skipped> with the
// reason; with no comparison every measured metric is a passing case. Checked against the
// schema in fixtures/reference/junit.xsd. Pure.

/** Options of the JUnit export. */
export interface JunitOptions {
  /** Host name written in every suite (the schema requires one). */
  hostname?: string;
}

/** XML text and attribute escaping; characters XML 1.0 forbids are dropped. */
export function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

interface Case {
  name: string;
  outcome: { kind: 'pass' } | { kind: 'failure' | 'skipped'; message: string };
}

function casesFromComparison(w: WorkloadComparison): Case[] {
  return w.metrics
    .filter((m) => m.gated && m.status !== 'not-measured')
    .map((m) => {
      const message = `${m.label} ${formatChangeCell(m)}: ${m.reason}`;
      if (m.status === 'regression')
        return { name: m.label, outcome: { kind: 'failure', message } };
      if (m.status === 'inconclusive')
        return { name: m.label, outcome: { kind: 'skipped', message } };
      return { name: m.label, outcome: { kind: 'pass' } };
    });
}

function renderCase(workload: string, c: Case): string {
  const open = `    <testcase name="${escapeXml(c.name)}" classname="${escapeXml(`perfgate.${workload}`)}" time="0"`;
  if (c.outcome.kind === 'pass') return `${open}/>`;
  const body =
    c.outcome.kind === 'failure'
      ? `<failure message="${escapeXml(c.outcome.message)}" type="regression">${escapeXml(c.outcome.message)}</failure>`
      : `<skipped/>`;
  return `${open}>\n      ${body}\n    </testcase>`;
}

/** The record (and its comparison, when there was one) as JUnit XML. */
export function toJunit(
  record: ResultsRecord,
  comparison: Comparison | null,
  options: JunitOptions = {},
): string {
  const hostname = escapeXml(options.hostname ?? 'localhost');
  // The Ant schema's timestamp has no zone and no fraction: UTC, to the second.
  const timestamp = record.createdAt.slice(0, 19);
  const exported = exportedWorkloads(record);
  const suites = record.workloads.map((w, id) => {
    const compared = comparison?.workloads.find((x) => x.name === w.name && x.presence === 'both');
    const cases: Case[] = compared
      ? casesFromComparison(compared)
      : (exported[id]?.metrics ?? []).map((m) => ({ name: m.label, outcome: { kind: 'pass' } }));
    const seconds = keptRuns(w).reduce((s, r) => s + r.elapsedMs, 0) / 1000;
    const failures = cases.filter((c) => c.outcome.kind === 'failure').length;
    const skipped = cases.filter((c) => c.outcome.kind === 'skipped').length;
    const out = compared
      ? compared.metrics
          .filter((m) => m.status === 'inconclusive')
          .map((m) => `${m.label}: ${m.reason}`)
      : ['no comparison: the medians of the kept runs, every metric passes'];
    const medians = (exported[id]?.metrics ?? []).map(
      (m) => `${m.label} ${Number(m.value.toPrecision(4))} ${m.unit}`,
    );
    return [
      `  <testsuite package="perfgate" id="${id}" name="${escapeXml(w.name)}" timestamp="${timestamp}" hostname="${hostname}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds.toFixed(3)}">`,
      '    <properties>',
      `      <property name="runs" value="${keptRuns(w).length}"/>`,
      `      <property name="config-hash" value="${escapeXml(record.configHash)}"/>`,
      `      <property name="commit" value="${escapeXml(record.commit?.sha ?? '')}"/>`,
      '    </properties>',
      ...cases.map((c) => renderCase(w.name, c)),
      `    <system-out>${escapeXml([`medians: ${medians.join(', ')}`, ...out].join('\n'))}</system-out>`,
      '    <system-err></system-err>',
      '  </testsuite>',
    ].join('\n');
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n${suites.join('\n')}\n</testsuites>\n`;
}
