import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  MARKDOWN,
  PR_LABELS,
  TEXT,
  escapeCell,
  renderComparisonSections
} from "./chunk-H5TRBIMT.js";
import {
  describeLatencyBasis,
  formatBytes2 as formatBytes,
  formatCpuMs,
  formatLatencyUs,
  formatPercent,
  formatRate,
  keptRuns,
  markdownTable,
  mean,
  median,
  rateNotes,
  renderTrendSection,
  sampleStandardDeviation
} from "./chunk-FBIJPARR.js";

// src/report/summary-table.ts
function med(values) {
  return values.length ? median(values) : NaN;
}
function cv(values) {
  if (values.length < 2) return NaN;
  const m = mean(values);
  return m === 0 ? NaN : sampleStandardDeviation(values) / m;
}
function nonNull(values) {
  return values.filter((v) => v !== null);
}
function renderSummaryTable(record) {
  const rows = record.workloads.map((w) => {
    const runs = keptRuns(w);
    const rps = runs.map((r) => r.reqPerSec);
    const cpu = nonNull(runs.map((r) => r.cpuMsPerRequest));
    const rss = nonNull(runs.map((r) => r.peakRssBytes));
    return [
      escapeCell(w.name),
      String(runs.length),
      formatRate(med(rps)),
      formatPercent(cv(rps)),
      formatLatencyUs(med(runs.map((r) => r.latencyUs.p50))),
      formatLatencyUs(med(runs.map((r) => r.latencyUs.p90))),
      formatLatencyUs(med(runs.map((r) => r.latencyUs.p99))),
      formatLatencyUs(Math.max(...runs.map((r) => r.latencyUs.max))),
      formatPercent(med(runs.map((r) => r.errorRate)), 2),
      cpu.length ? formatCpuMs(med(cpu)) : "\u2013",
      rss.length ? formatBytes(Math.max(...rss)) : "\u2013"
    ];
  });
  return markdownTable(
    [
      [
        "workload",
        "runs",
        "req/s",
        "CV",
        "p50",
        "p90",
        "p99",
        "max",
        "errors",
        "CPU/req",
        "peak RSS"
      ],
      ...rows
    ],
    { align: ["l", "r", "r", "r", "r", "r", "r", "r", "r", "r", "r"] }
  );
}
function measureNotes(record) {
  const runs = record.workloads.flatMap(keptRuns);
  if (runs.length === 0) return [];
  const basis = `Latency percentiles: ${describeLatencyBasis(runs)}.`;
  return [basis, ...rateNotes(record).map((n) => `Warning: ${n.message}`)];
}

// src/report/gate-report.ts
var NO_COMPARISON = {
  "no-baseline": "\u26AA perfgate: no baseline to compare with yet; this run\u2019s numbers",
  "not-compared": "\u26AA perfgate: measured without a comparison"
};
function renderGateSections(input, flavor = MARKDOWN) {
  const notices = input.notices.map((n) => flavor.inline(n));
  const title = input.title ? [flavor.heading(2, `perfgate \xB7 ${flavor.inline(input.title)}`)] : [];
  if (input.comparison) {
    const s = renderComparisonSections(
      input.comparison,
      {
        details: input.details ?? true,
        runUrl: input.runUrl,
        repoUrl: input.repoUrl,
        labels: input.labels,
        trend: input.trend
      },
      flavor
    );
    const [headline2, commits, ...rest] = s.body;
    const note2 = notices.length ? [flavor.alert("note", notices)] : [];
    return {
      body: [...title, headline2 ?? "", commits ?? "", ...note2, ...rest],
      raw: s.raw,
      tail: s.tail
    };
  }
  const headline = flavor.heading(3, NO_COMPARISON[input.verdict] ?? "perfgate");
  const note = notices.length ? [flavor.alert("note", notices)] : [];
  const link = input.runUrl ? [`${flavor.markdown ? `[Workflow run](${input.runUrl})` : `run: ${input.runUrl}`}`] : [];
  const labels = input.labels ?? PR_LABELS;
  const trend = input.trend ? renderTrendSection(input.trend, null, flavor, labels.candidate) : null;
  return {
    body: [
      ...title,
      headline,
      ...note,
      renderSummaryTable(input.record),
      ...measureNotes(input.record),
      ...trend ? [trend] : []
    ],
    raw: null,
    tail: link
  };
}
function renderGateReport(input, flavor = MARKDOWN) {
  const s = renderGateSections(input, flavor);
  const raw = s.raw ? [[s.raw.open, ...s.raw.lines, s.raw.close].join("\n")] : [];
  return `${[...s.body, ...raw, ...s.tail].join("\n\n")}
`;
}
function renderGateText(input) {
  return renderGateReport(input, TEXT);
}

export {
  renderGateSections,
  renderGateReport,
  renderGateText
};
