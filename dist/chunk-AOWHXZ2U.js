import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  exportedWorkloads,
  formatChangeCell,
  keptRuns
} from "./chunk-6TR6MCCT.js";

// src/export/benchmark-action.ts
function toBenchmarkAction(record, direction) {
  const out = [];
  for (const w of exportedWorkloads(record)) {
    for (const m of w.metrics) {
      if (m.key === "max" || m.biggerIsBetter !== (direction === "bigger")) continue;
      out.push({
        name: `${w.name} - ${m.label}`,
        unit: m.unit,
        value: Number(m.value.toPrecision(6)),
        range: `\xB1 ${Number(m.stdev.toPrecision(3))}`,
        extra: `median of ${m.runs} run${m.runs === 1 ? "" : "s"}; min ${fmt(m.min)}, max ${fmt(m.max)}`
      });
    }
  }
  return out;
}
function fmt(x) {
  return String(Number(x.toPrecision(4)));
}

// src/export/bmf.ts
var MEASURES = {
  throughput: { slug: "throughput", factor: 1 },
  p50: { slug: "latency", factor: 1e6 },
  // ms -> ns, Bencher's Latency measure
  p90: { slug: "latency-p90", factor: 1e6 },
  p99: { slug: "latency-p99", factor: 1e6 },
  mean: { slug: "latency-mean", factor: 1e6 },
  cpu: { slug: "cpu-per-request", factor: 1e6 },
  // ms -> ns
  rss: { slug: "peak-rss", factor: 1 },
  // bytes
  errors: { slug: "error-rate", factor: 1 }
  // percent
};
function toBmf(record) {
  const doc = {};
  for (const w of exportedWorkloads(record)) {
    const measures = {};
    for (const m of w.metrics) {
      const target = MEASURES[m.key];
      if (!target) continue;
      const f = target.factor;
      measures[target.slug] = {
        value: round(m.value * f),
        lower_value: round(m.min * f),
        upper_value: round(m.max * f)
      };
    }
    doc[w.name] = measures;
  }
  return doc;
}
function round(x) {
  return Number(x.toPrecision(9));
}

// src/export/junit.ts
function escapeXml(text) {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}
function casesFromComparison(w) {
  return w.metrics.filter((m) => m.gated && m.status !== "not-measured").map((m) => {
    const message = `${m.label} ${formatChangeCell(m)}: ${m.reason}`;
    if (m.status === "regression")
      return { name: m.label, outcome: { kind: "failure", message } };
    if (m.status === "inconclusive")
      return { name: m.label, outcome: { kind: "skipped", message } };
    return { name: m.label, outcome: { kind: "pass" } };
  });
}
function renderCase(workload, c) {
  const open = `    <testcase name="${escapeXml(c.name)}" classname="${escapeXml(`perfgate.${workload}`)}" time="0"`;
  if (c.outcome.kind === "pass") return `${open}/>`;
  const body = c.outcome.kind === "failure" ? `<failure message="${escapeXml(c.outcome.message)}" type="regression">${escapeXml(c.outcome.message)}</failure>` : `<skipped/>`;
  return `${open}>
      ${body}
    </testcase>`;
}
function toJunit(record, comparison, options = {}) {
  const hostname = escapeXml(options.hostname ?? "localhost");
  const timestamp = record.createdAt.slice(0, 19);
  const exported = exportedWorkloads(record);
  const suites = record.workloads.map((w, id) => {
    const compared = comparison?.workloads.find((x) => x.name === w.name && x.presence === "both");
    const cases = compared ? casesFromComparison(compared) : (exported[id]?.metrics ?? []).map((m) => ({ name: m.label, outcome: { kind: "pass" } }));
    const seconds = keptRuns(w).reduce((s, r) => s + r.elapsedMs, 0) / 1e3;
    const failures = cases.filter((c) => c.outcome.kind === "failure").length;
    const skipped = cases.filter((c) => c.outcome.kind === "skipped").length;
    const out = compared ? compared.metrics.filter((m) => m.status === "inconclusive").map((m) => `${m.label}: ${m.reason}`) : ["no comparison: the medians of the kept runs, every metric passes"];
    const medians = (exported[id]?.metrics ?? []).map(
      (m) => `${m.label} ${Number(m.value.toPrecision(4))} ${m.unit}`
    );
    return [
      `  <testsuite package="perfgate" id="${id}" name="${escapeXml(w.name)}" timestamp="${timestamp}" hostname="${hostname}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds.toFixed(3)}">`,
      "    <properties>",
      `      <property name="runs" value="${keptRuns(w).length}"/>`,
      `      <property name="config-hash" value="${escapeXml(record.configHash)}"/>`,
      `      <property name="commit" value="${escapeXml(record.commit?.sha ?? "")}"/>`,
      "    </properties>",
      ...cases.map((c) => renderCase(w.name, c)),
      `    <system-out>${escapeXml([`medians: ${medians.join(", ")}`, ...out].join("\n"))}</system-out>`,
      "    <system-err></system-err>",
      "  </testsuite>"
    ].join("\n");
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites>
${suites.join("\n")}
</testsuites>
`;
}

// src/export/index.ts
var EXPORT_FORMATS = [
  "junit",
  "bmf",
  "benchmark-action-bigger",
  "benchmark-action-smaller"
];
function renderExport(format, record, comparison, options = {}) {
  switch (format) {
    case "junit":
      return toJunit(record, comparison, options);
    case "bmf":
      return `${JSON.stringify(toBmf(record), null, 2)}
`;
    case "benchmark-action-bigger":
      return `${JSON.stringify(toBenchmarkAction(record, "bigger"), null, 2)}
`;
    case "benchmark-action-smaller":
      return `${JSON.stringify(toBenchmarkAction(record, "smaller"), null, 2)}
`;
  }
}

export {
  EXPORT_FORMATS,
  renderExport
};
