import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  METRICS,
  REQUIRED_WEIGHT,
  alphaShare,
  describeThreshold,
  formatBytes2 as formatBytes,
  formatChangeCell,
  formatCpuMs,
  formatLatencyUs,
  formatLevel,
  formatMetricValue,
  formatNoiseFloor,
  formatPercent,
  formatRate,
  formatStatus,
  isDecidedOrUndecided,
  markdownTable,
  median2 as median,
  renderChangeChart,
  renderTrendSection,
  shapeOf,
  stripControl
} from "./chunk-6TR6MCCT.js";

// src/report/workload-detail.ts
var PR_LABELS = { baseline: "baseline", candidate: "this PR" };
var LOCAL_LABELS = { baseline: "baseline", candidate: "this run" };
var WORKLOAD_VERDICT = {
  regression: "\u{1F534} regression",
  improvement: "\u{1F7E2} improvement",
  "no-change": "\u{1F7E2} no change",
  inconclusive: "\u{1F7E1} inconclusive",
  "not-compared": "\u26AA not compared"
};
function renderWorkloadDetail(c, w, flavor, labels, shownNotes) {
  const verdict = WORKLOAD_VERDICT[w.verdict] ?? w.verdict;
  const title = flavor.heading(4, `${flavor.inline(w.name)}: ${verdict}`);
  if (w.presence === "missing") {
    return `${title}

In the ${labels.baseline} (${w.runs.baseline} kept runs) but not in ${labels.candidate}: not compared.`;
  }
  if (w.presence === "new") return `${title}

${renderNewWorkload(w, flavor, labels)}`;
  const header = [
    "metric",
    "tolerance",
    labels.baseline,
    labels.candidate,
    changeHeader(
      w.metrics.map((m) => m.intervalLevel),
      c.intervalLevel
    ),
    "verdict"
  ];
  const rows = w.metrics.map((m) => [
    m.label,
    describeThreshold(m),
    formatMetricValue(m.metric, m.baseline.center ?? m.baseline.median),
    formatMetricValue(m.metric, m.candidate.center ?? m.candidate.median),
    formatChangeCell(m),
    formatStatus(m.status)
  ]);
  const parts = [
    title,
    markdownTable([header, ...rows], { align: ["l", "r", "r", "r", "l", "l"] })
  ];
  const reasons = w.metrics.filter((m) => ["regression", "improvement", "inconclusive"].includes(m.status)).map((m) => `- ${flavor.strong(m.label)}: ${flavor.inline(m.reason)}`);
  if (reasons.length) parts.push(reasons.join("\n"));
  parts.push(renderFacts(w, flavor, labels));
  const notes = w.notes.filter((n) => !shownNotes.has(n));
  notes.forEach((n) => shownNotes.add(n));
  if (notes.length) parts.push(notes.map((n) => `- ${flavor.inline(n)}`).join("\n"));
  return parts.join("\n\n");
}
function renderFacts(w, flavor, labels) {
  const floors = w.metrics.filter((m) => m.metric !== "max" && m.noiseFloor !== null).map((m) => `${m.label} ${formatNoiseFloor(m)}`);
  const byTest = /* @__PURE__ */ new Map();
  for (const m of w.metrics) {
    if (m.test === null) continue;
    byTest.set(m.testReason, [...byTest.get(m.testReason) ?? [], m.label]);
  }
  const tests = [...byTest].map(
    ([reason, metrics]) => `${flavor.inline(reason)} (${metrics.join(", ")})`
  );
  const stop = w.stopReason ? `; sampling stopped: ${flavor.inline(w.stopReason)}` : "";
  const lines = [
    floors.length ? `Smallest regression these runs catch (80% of the time, tolerance included): ${floors.join(", ")}.` : "",
    tests.length ? `Test: ${tests.join("; ")}.` : "",
    `Runs: ${labels.baseline} ${w.runs.baseline}, ${labels.candidate} ${w.runs.candidate}${stop}.`
  ].filter(Boolean);
  return lines.join(flavor.markdown ? "<br>\n" : "\n");
}
function rowValue(r, key) {
  switch (key) {
    case "throughput":
      return r.reqPerSec;
    case "cpu":
      return r.cpuMsPerRequest;
    case "rss":
      return r.peakRssBytes;
    case "errors":
      return r.errorRate;
    default:
      return r[key];
  }
}
function renderNewWorkload(w, flavor, labels) {
  const rows = METRICS.map((def) => {
    const values = w.samples.candidate.map((r) => rowValue(r, def.key)).filter((v) => v !== null);
    return [def.label, formatMetricValue(def.key, values.length ? median(values) : null)];
  });
  const table = markdownTable([["metric", labels.candidate], ...rows], { align: ["l", "r"] });
  const stop = w.stopReason ? `; sampling stopped: ${flavor.inline(w.stopReason)}` : "";
  return `No ${labels.baseline} yet: the numbers of ${labels.candidate} (median of ${w.runs.candidate} kept runs${stop}).

${table}`;
}
function renderMethod(c, labels) {
  const num = (x) => String(Number(x.toPrecision(3)));
  const gated = c.workloads.flatMap((w) => w.metrics).filter((m) => m.gated);
  const shareOf = (m) => m.intervalLevel == null ? null : (1 - m.intervalLevel) / 2;
  const family = gated.filter((m) => shareOf(m) !== null);
  const isRequired = (m) => m.required !== false;
  const required = family.filter(isRequired);
  const informing = family.filter((m) => !isRequired(m));
  const shape = shapeOf(family.map(isRequired));
  const sideReq = required.map(shareOf).find((x) => x !== null) ?? (1 - c.intervalLevel) / 2;
  const sideInf = informing.map(shareOf).find((x) => x !== null) ?? null;
  const total = c.familySize > 0 ? c.familySize : 1;
  const first = family[0];
  const spent = first ? shareOf(first) / alphaShare(isRequired(first), shape) : sideReq * total;
  const early = Math.abs(spent - c.alpha) > 1e-9 ? ` (adaptive sampling spent the other ${num(c.alpha - spent)} of \u03B1 on its early looks)` : "";
  const names = (ms) => [...new Set(ms.map((m) => m.label))].join(", ");
  const levels = informing.length > 0 && required.length > 0 && sideInf !== null ? `${formatLevel(1 - 2 * sideReq)} intervals (bounds at ${num(sideReq)}) for the metrics a pass needs (${names(required)}), ${formatLevel(1 - 2 * sideInf)} (bounds at ${num(sideInf)}) for those that inform (${names(informing)}): weighted Holm gives a metric a pass needs ${REQUIRED_WEIGHT} times the share of one that informs` : `${formatLevel(1 - 2 * sideReq)} intervals (bounds at ${num(sideReq)} = ${num(spent)}/${total}, Holm's first step)`;
  return [
    `${labels.baseline[0]?.toUpperCase()}${labels.baseline.slice(1)} and ${labels.candidate}: the centers the change compares (geometric means, session summaries, or the base's median and it times the typical within-pair ratio). Change: the test's estimate with a two-sided interval whose bounds are one-sided tests at the metric's share of \u03B1' = ${num(spent)}${early}, over the ${c.familySize} gated metrics:`,
    `${levels}. Verdicts use weighted-Holm-adjusted p-values against each tolerance, family-wise \u03B1 = ${c.alpha}; design: ${c.design}.`
  ].join(" ");
}
function changeHeader(levels, fallback) {
  const known = [
    ...new Set(levels.filter((l) => typeof l === "number").map(formatLevel))
  ];
  if (known.length > 1) return "change [interval]";
  return `change [${known[0] ?? formatLevel(fallback)} interval]`;
}

// src/report/commits.ts
function commitText(r, flavor, repoUrl) {
  if (!r.commit) return "no commit";
  const short = r.commit.sha.slice(0, 7);
  const dirty = r.commit.dirty ? " (uncommitted changes)" : "";
  const safe = /^[0-9a-f]{7,64}$/i.test(r.commit.sha);
  if (flavor.markdown && repoUrl && safe) {
    return `[\`${short}\`](${encodeURI(`${repoUrl.replace(/\/+$/, "")}/commit/${r.commit.sha}`)})${dirty}`;
  }
  return `${flavor.markdown ? `\`${flavor.inline(short)}\`` : short}${dirty}`;
}
function runner(r, flavor) {
  const m = r.machine;
  return flavor.inline(`${m.cpuModel.trim()}, ${m.cores} cores, ${m.os}`);
}
function renderCommits(c, flavor, labels, repoUrl) {
  const head = `${labels.candidate} ${commitText(c.candidate, flavor, repoUrl)}`;
  const base = c.baseline[0];
  if (!base) return head;
  const when = base.createdAt.replace("T", " ").slice(0, 16);
  const ref = base.commit?.ref ? `${flavor.inline(base.commit.ref)}, ` : "";
  const pooled = c.baseline.length > 1 ? ` and ${c.baseline.length - 1} older record(s), pooled` : "";
  const side = c.design === "paired" ? "measured side by side on this runner" : `on ${runner(base, flavor)}`;
  const sameMachine = base.machine.fingerprint === c.candidate.machine.fingerprint;
  const where = c.design === "paired" || sameMachine ? side : `${side}; ${labels.candidate} on ${runner(c.candidate, flavor)}`;
  return `${head} vs ${labels.baseline} ${commitText(base, flavor, repoUrl)} (${ref}${when} UTC, ${where}${pooled})`;
}

// src/report/escape.ts
var MD_SPECIAL = /[\\`*_{}[\]()#+!|<>~]/g;
function escapeCell(text) {
  return escapeInline(text).replace(/\r?\n|\r/g, " ");
}
function escapeInline(text) {
  return text.replace(/&/g, "&amp;").replace(MD_SPECIAL, (c) => c === "<" ? "&lt;" : c === ">" ? "&gt;" : `\\${c}`).replace(/@(?=[A-Za-z0-9])/g, "@\u200B").replace(/\b(https?):\/\//gi, "$1:\u200B//").replace(/\bwww\./gi, "www\u200B.");
}

// src/report/comparison-flavor.ts
var MARKDOWN = {
  markdown: true,
  inline: escapeInline,
  cell: escapeCell,
  heading: (level, text) => `${"#".repeat(level)} ${text}`,
  alert: (kind, paragraphs) => [
    `> [!${kind.toUpperCase()}]`,
    ...paragraphs.flatMap((p, i) => i === 0 ? [`> ${p}`] : [">", `> ${p}`])
  ].join("\n"),
  collapsible: (summary) => ({
    open: `<details><summary>${summary}</summary>
`,
    close: "</details>"
  }),
  strong: (text) => `**${text}**`
};
var TEXT = {
  markdown: false,
  inline: stripControl,
  cell: (text) => stripControl(text),
  heading: (level, text) => level <= 3 ? `${text}
${"=".repeat(Math.min(80, [...text].length))}` : `${text}
${"-".repeat(Math.min(80, [...text].length))}`,
  alert: (kind, paragraphs) => paragraphs.map((p) => `${kind === "warning" ? "WARNING" : "note"}: ${p}`).join("\n"),
  collapsible: (summary) => ({ open: `${summary}
`, close: "" }),
  strong: (text) => text
};

// src/report/comparison-raw.ts
var RUN_HEADER = [
  "run",
  "pair",
  "req/s",
  "p50",
  "p90",
  "p99",
  "max",
  "errors",
  "CPU/req",
  "peak RSS"
];
var RUN_ALIGN = RUN_HEADER.map((_, i) => i < 2 ? "l" : "r");
function runCells(r, position) {
  return [
    String(position + 1),
    r.pair === null ? "\u2013" : String(r.pair),
    formatRate(r.reqPerSec),
    formatLatencyUs(r.p50),
    formatLatencyUs(r.p90),
    formatLatencyUs(r.p99),
    formatLatencyUs(r.max),
    formatPercent(r.errorRate, 2),
    formatCpuMs(r.cpuMsPerRequest),
    r.peakRssBytes === null ? "\u2013" : formatBytes(r.peakRssBytes)
  ];
}
function rawDataSection(c, flavor = MARKDOWN) {
  const { open, close } = flavor.collapsible("Raw data: every kept run");
  const lines = [];
  for (const w of c.workloads) {
    for (const [side, rows] of [
      ["baseline", w.samples.baseline],
      ["this PR", w.samples.candidate]
    ]) {
      if (rows.length === 0) continue;
      lines.push(
        `${flavor.strong(flavor.inline(w.name))}: ${side} (${rows.length} run${rows.length === 1 ? "" : "s"})`,
        ""
      );
      const table = markdownTable([RUN_HEADER, ...rows.map((r, i) => runCells(r, i))], {
        align: RUN_ALIGN
      });
      lines.push(...table.split("\n"), "");
    }
  }
  if (lines.length === 0) lines.push("No kept runs.", "");
  return { trimmable: true, open, lines, close };
}
function describeRecord(r) {
  const m = r.machine;
  return {
    commit: r.commit ? `${r.commit.sha.slice(0, 12)}${r.commit.ref ? ` (${r.commit.ref})` : ""}${r.commit.dirty ? ", uncommitted changes" : ""}` : "\u2013",
    "made at": r.createdAt,
    machine: `${m.cpuModel}, ${m.cores} cores, ${formatBytes(m.memoryBytes)}`,
    system: `${m.os} ${m.arch}`,
    Node: m.node,
    fingerprint: m.fingerprint,
    perfgate: r.toolVersion,
    "config hash": r.configHash,
    design: r.design,
    seed: String(r.seed)
  };
}
function renderRecordDetails(c, flavor = MARKDOWN) {
  const sides = [
    ...c.baseline.map(
      (b, i) => [c.baseline.length > 1 ? `baseline ${i + 1}` : "baseline", b]
    ),
    ["this PR", c.candidate]
  ];
  const described = sides.map(([, r]) => describeRecord(r));
  const keys = Object.keys(described[0]);
  const rows = keys.map((k) => [k, ...described.map((d) => flavor.cell(d[k] ?? "\u2013"))]);
  const table = markdownTable([["", ...sides.map(([label]) => label)], ...rows]);
  const { open, close } = flavor.collapsible("Machines, versions and configs");
  return [open, table, "", close].join("\n").trimEnd();
}

// src/report/comparison-report.ts
var VERDICT_EMOJI = {
  regression: "\u{1F534}",
  broken: "\u{1F534}",
  inconclusive: "\u{1F7E1}",
  pass: "\u{1F7E2}"
};
function renderHeadline(c, flavor = MARKDOWN) {
  return `${VERDICT_EMOJI[c.verdict] ?? "\u26AA"} perfgate: ${flavor.inline(c.headline)}`;
}
function renderComparison(c, options) {
  return render(c, options, MARKDOWN);
}
function renderComparisonText(c, options = {}) {
  return render(c, { ...options, details: options.details ?? false }, TEXT);
}
function renderChangesTable(c, flavor, labels) {
  const shown = c.workloads.flatMap((w) => w.metrics.filter(isDecidedOrUndecided));
  const rows = c.workloads.flatMap(
    (w) => w.metrics.filter(isDecidedOrUndecided).map((m) => [
      flavor.cell(w.name),
      m.label,
      formatMetricValue(m.metric, m.baseline.center ?? m.baseline.median),
      formatMetricValue(m.metric, m.candidate.center ?? m.candidate.median),
      formatChangeCell(m),
      formatStatus(m.status)
    ])
  );
  const compared = c.workloads.filter((w) => w.presence === "both").length;
  if (rows.length === 0) {
    return `No gated metric changed beyond its tolerance: ${c.counts.gatedMetrics} gated metric${c.counts.gatedMetrics === 1 ? "" : "s"} over ${compared} workload${compared === 1 ? "" : "s"}, all decided.`;
  }
  const header = [
    "workload",
    "metric",
    labels.baseline,
    labels.candidate,
    changeHeader(
      shown.map((m) => m.intervalLevel),
      c.intervalLevel
    ),
    "verdict"
  ];
  return markdownTable([header, ...rows], { align: ["l", "l", "r", "r", "l", "l"] });
}
function block(flavor, summary, content) {
  if (!flavor.markdown) return [flavor.heading(3, summary), ...content].join("\n\n");
  const { open, close } = flavor.collapsible(summary);
  return [open.trimEnd(), "", ...content.flatMap((c) => [c, ""]), close].join("\n");
}
function renderComparisonSections(c, options, flavor = MARKDOWN) {
  const labels = options.labels ?? PR_LABELS;
  const body = [
    flavor.heading(3, renderHeadline(c, flavor)),
    renderCommits(c, flavor, labels, options.repoUrl)
  ];
  const shown = /* @__PURE__ */ new Set();
  const say = (level) => {
    const messages = [...new Set(c.notes.filter((n2) => n2.level === level).map((n2) => n2.message))];
    messages.forEach((m) => shown.add(m));
    return messages.map((m) => flavor.inline(m));
  };
  const warnings = say("warning");
  const infos = say("info");
  if (warnings.length) body.push(flavor.alert("warning", warnings));
  if (infos.length) body.push(flavor.alert("note", infos));
  body.push(renderChangesTable(c, flavor, labels));
  const chart = renderChangeChart(c);
  if (chart)
    body.push(flavor.markdown ? ["```text", ...chart, "```"].join("\n") : chart.join("\n"));
  const trend = options.trend ? renderTrendSection(options.trend, c, flavor, labels.candidate) : null;
  if (trend) body.push(trend);
  const details = c.workloads.map((w) => renderWorkloadDetail(c, w, flavor, labels, shown));
  const n = c.workloads.length;
  body.push(block(flavor, `Every metric of the ${n} workload${n === 1 ? "" : "s"}`, details));
  body.push(block(flavor, "How to read the statistics", [renderMethod(c, labels)]));
  const tail = [];
  if (options.details) tail.push(renderRecordDetails(c, flavor));
  if (options.runUrl) {
    tail.push(
      flavor.markdown ? `[Run details](${encodeURI(options.runUrl)})` : `Run details: ${options.runUrl}`
    );
  }
  return { body, raw: options.details ? rawDataSection(c, flavor) : null, tail };
}
function render(c, options, flavor) {
  const { body, raw, tail } = renderComparisonSections(c, options, flavor);
  const rawText = raw ? [[raw.open, ...raw.lines, raw.close].join("\n").trimEnd()] : [];
  return `${[...body, ...rawText, ...tail].join("\n\n")}
`;
}

export {
  escapeCell,
  escapeInline,
  MARKDOWN,
  TEXT,
  PR_LABELS,
  LOCAL_LABELS,
  renderHeadline,
  renderComparison,
  renderComparisonText,
  renderComparisonSections
};
