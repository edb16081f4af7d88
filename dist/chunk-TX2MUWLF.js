import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  MARKDOWN,
  PR_LABELS,
  TEXT,
  escapeCell,
  renderComparisonSections
} from "./chunk-MUASQGV6.js";
import {
  describeMeasurement,
  formatBytes2 as formatBytes,
  formatCpuMs,
  formatLatencyUs,
  formatPercent,
  formatRate,
  keptRuns,
  markdownTable,
  mean,
  median,
  median2,
  rateNotes,
  renderTrendSection,
  sampleStandardDeviation
} from "./chunk-6TR6MCCT.js";
import {
  maskSecrets
} from "./chunk-M4UYDDKJ.js";

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
  const basis = `Latency percentiles: ${describeMeasurement(runs)}.`;
  return [basis, ...rateNotes(record).map((n) => `Warning: ${n.message}`)];
}

// src/report/objectives-table.ts
var LABEL = {
  throughput: "req/s",
  p50: "p50",
  p90: "p90",
  p99: "p99",
  cpu: "CPU/req",
  rss: "peak RSS",
  errors: "errors"
};
function formatValue(metric, v) {
  switch (metric) {
    case "throughput":
      return `${formatRate(v)} req/s`;
    case "cpu":
      return formatCpuMs(v);
    case "rss":
      return formatBytes(v);
    case "errors":
      return formatPercent(v, 2);
    default:
      return formatLatencyUs(v);
  }
}
function describeLimit(r) {
  return `${LABEL[r.metric]} ${r.atLeast ? "\u2265" : "\u2264"} ${formatValue(r.metric, r.limit)}`;
}
function describeBroken(r) {
  const value = r.value === null ? "not measured" : formatValue(r.metric, r.value);
  return `${r.workload} ${LABEL[r.metric]} ${value} (objective ${r.atLeast ? "\u2265" : "\u2264"} ${formatValue(r.metric, r.limit)})`;
}
function brokenHeadline(broken, max = 3) {
  const shown = broken.slice(0, max).map(describeBroken).join(", ");
  const more = broken.length > max ? `, +${broken.length - max} more` : "";
  return `${broken.length} objective${broken.length === 1 ? "" : "s"} broken (${shown}${more})`;
}
function renderObjectivesTable(results) {
  const rows = results.map((r) => [
    escapeCell(r.workload),
    describeLimit(r),
    r.value === null ? "not measured" : formatValue(r.metric, r.value),
    r.unchecked ? "\u26AA not checked (duet)" : r.met === null ? "\u26AA not measured" : r.met ? "\u{1F7E2} met" : "\u{1F534} broken"
  ]);
  return markdownTable([["workload", "objective", "measured", "verdict"], ...rows], {
    align: ["l", "l", "r", "l"]
  });
}

// src/report/step-table.ts
function renderStepTable(record) {
  const rows = [];
  for (const w of record.workloads) {
    const runs = keptRuns(w).filter((r) => r.steps !== void 0);
    const labels = [...new Set(runs.flatMap((r) => (r.steps ?? []).map((s) => s.step)))];
    for (const label of labels) {
      const of = runs.flatMap((r) => (r.steps ?? []).filter((s) => s.step === label));
      const med2 = (f) => median2(of.map(f));
      rows.push([
        escapeCell(w.name),
        escapeCell(label),
        String(Math.round(med2((s) => s.requests))),
        formatLatencyUs(med2((s) => s.latencyUs.p50)),
        formatLatencyUs(med2((s) => s.latencyUs.p99))
      ]);
    }
  }
  if (rows.length === 0) return null;
  return markdownTable([["workload", "step", "requests/run", "p50", "p99"], ...rows], {
    align: ["l", "l", "r", "r", "r"]
  });
}

// src/report/gate-report.ts
function outcomeReport(o, extra = {}) {
  const { verdict, comparison, record, notices, breakage, objectives } = o;
  return { verdict, comparison, record, notices, breakage, objectives, ...extra };
}
var NO_COMPARISON = {
  "no-baseline": "\u26AA perfgate: no baseline to compare with yet; this run\u2019s numbers",
  "not-compared": "\u26AA perfgate: measured without a comparison"
};
function renderGateSections(input, flavor = MARKDOWN) {
  const s = renderUnmasked(input, flavor);
  return {
    body: s.body.map(maskSecrets),
    raw: s.raw ? { ...s.raw, lines: s.raw.lines.map(maskSecrets) } : null,
    tail: s.tail.map(maskSecrets)
  };
}
function uncheckedNote(objectives) {
  const reason = objectives.find((o) => o.unchecked)?.unchecked;
  return reason ? [
    `Objectives on requests/s and latency not checked: ${reason} (gate.pairing: alternate checks them).`
  ] : [];
}
function renderUnmasked(input, flavor) {
  const notices = input.notices.map((n) => flavor.inline(n));
  const title = input.title ? [flavor.heading(2, `perfgate \xB7 ${flavor.inline(input.title)}`)] : [];
  const objectives = input.objectives ?? [];
  const broken = objectives.filter((o) => o.met === false);
  const objectivesTable = objectives.length ? [
    `${flavor.strong("Objectives")} (median of the kept runs; errors: mean; memory: highest peak)`,
    renderObjectivesTable(objectives),
    ...uncheckedNote(objectives)
  ] : [];
  const stepTable = renderStepTable(input.record);
  const steps = stepTable ? [`${flavor.strong("Latency per step")} (median of the kept runs)`, stepTable] : [];
  const brokenLead = (rest) => flavor.heading(3, `\u{1F534} perfgate: ${flavor.inline(brokenHeadline(broken))}; ${rest}`);
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
    const [first, commits, ...rest] = s.body;
    const headline2 = broken.length ? brokenLead(flavor.inline(input.comparison.headline)) : first;
    const note2 = notices.length ? [flavor.alert("note", notices)] : [];
    return {
      body: [
        ...title,
        headline2 ?? "",
        commits ?? "",
        ...note2,
        ...objectivesTable,
        ...rest,
        ...steps
      ],
      raw: s.raw,
      tail: s.tail
    };
  }
  const plain = input.breakage ? `\u{1F534} perfgate: ${flavor.inline(input.breakage.summary)}` : NO_COMPARISON[input.verdict] ?? "perfgate";
  const headline = broken.length ? brokenLead(plain.replace(/^⚪ perfgate: /, "")) : flavor.heading(3, plain);
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
      ...trend ? [trend] : [],
      ...objectivesTable,
      ...steps
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
  brokenHeadline,
  outcomeReport,
  renderGateSections,
  renderGateReport,
  renderGateText
};
