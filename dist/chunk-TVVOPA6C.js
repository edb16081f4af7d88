import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  createBaselineStore,
  loadRunConfig
} from "./chunk-GHS35YF3.js";
import "./chunk-BWD5U3XV.js";
import {
  intOption,
  parseCommandArgs
} from "./chunk-CNBCTPVM.js";
import "./chunk-LP63KT7W.js";
import {
  formatMetricValue,
  markdownTable,
  metricDef,
  seriesOf,
  sparkline,
  stripControl,
  trendOf
} from "./chunk-6TR6MCCT.js";
import {
  InputError
} from "./chunk-M4UYDDKJ.js";
import "./chunk-5MSJA75B.js";
import "./chunk-NM4ZIQ3O.js";
import "./chunk-F6FNT3HE.js";

// src/report/trend-text.ts
var SHOWN_METRICS = [
  "throughput",
  "p50",
  "p99",
  "cpu",
  "rss",
  "errors"
];
function present(values) {
  return values.filter((v) => v !== void 0);
}
function renderWorkloadTrend(t, workload) {
  const metrics = SHOWN_METRICS.filter((m) => present(seriesOf(t, workload, m)).length > 0);
  const rows = t.points.map((p) => [
    p.createdAt.replace("T", " ").slice(0, 16),
    p.commit?.slice(0, 7) ?? "\u2013",
    ...metrics.map((m) => formatMetricValue(m, p.values[workload]?.[m] ?? null))
  ]);
  const table = markdownTable(
    [["made at (UTC)", "commit", ...metrics.map((m) => metricDef(m).label)], ...rows],
    { align: ["l", "l", ...metrics.map(() => "r")] }
  );
  const width = Math.max(...metrics.map((m) => metricDef(m).label.length));
  const chart = metrics.map((m) => {
    const series = seriesOf(t, workload, m);
    const values = present(series);
    const first = values[0];
    const last = values.at(-1);
    const change = first !== 0 && m !== "errors" ? `, ${last >= first ? "+" : ""}${((last - first) / first * 100).toFixed(1)}% oldest to newest` : "";
    return `${metricDef(m).label.padEnd(width)}  ${sparkline(series)}  ${formatMetricValue(m, Math.min(...values))} to ${formatMetricValue(m, Math.max(...values))}${change}`;
  });
  const title = stripControl(workload);
  return [`${title}
${"-".repeat(Math.min(80, [...title].length))}`, table, chart.join("\n")].join(
    "\n\n"
  );
}
function renderTrendText(t, description) {
  const first = t.points[0]?.createdAt.slice(0, 10) ?? "";
  const last = t.points.at(-1)?.createdAt.slice(0, 10) ?? "";
  const head = `Trend of ${t.points.length} stored record${t.points.length === 1 ? "" : "s"} in ${stripControl(description)}, ${first} to ${last}, oldest first (medians of each record's kept runs)`;
  const names = Object.keys(t.points.at(-1)?.values ?? {});
  return `${[head, ...names.map((n) => renderWorkloadTrend(t, n))].join("\n\n")}
`;
}

// src/cli/baselines-command.ts
var BASELINES_HELP = `Usage: perfgate baselines <list|show|prune> [options]

Shows or prunes the stored baselines of the store the config names (baseline.store: the
directory baseline.dir locally, the git branch baseline.branch inside GitHub Actions or with
store: git). Saving a baseline already prunes to baseline.keep / baseline.max-age-days; prune
applies other limits once. The newest record of each config is never removed. To reset every
baseline, delete the directory, or the branch: git push origin --delete perfgate-baselines.

  list                 every stored record, newest first (--all: of every config)
  show                 the trend of this config over its stored records: per workload a
                       table of records (date, commit, medians) and a sparkline per metric
  prune                remove records beyond --keep N per config or older than --max-age-days D

Options:
  -c, --config FILE      config file                              default: perfgate.yml
      --all              list: records of every config, not only this one's
      --last N           show: the newest N records                default: 30
      --keep N           prune: records kept per config
      --max-age-days D   prune: remove records older than this
  -h, --help             this help

Exit codes: 0 done, 2 invalid input, 5 the store failed.`;
async function baselinesCommand(argv, io) {
  const [action, ...rest] = argv;
  if (action === void 0 || action === "-h" || action === "--help") {
    io.out.write(`${BASELINES_HELP}
`);
    return action === void 0 ? 2 : 0;
  }
  if (action !== "list" && action !== "show" && action !== "prune") {
    throw new InputError(
      `perfgate baselines: unknown action "${action}"; expected list, show or prune`
    );
  }
  const { values } = parseCommandArgs(`baselines ${action}`, rest, {
    config: { type: "string", short: "c", default: "perfgate.yml" },
    all: { type: "boolean", default: false },
    last: { type: "string" },
    keep: { type: "string" },
    "max-age-days": { type: "string" },
    help: { type: "boolean", short: "h", default: false }
  });
  if (values.help) {
    io.out.write(`${BASELINES_HELP}
`);
    return 0;
  }
  const keep = intOption("keep", values.keep, 1);
  const maxAgeDays = intOption("max-age-days", values["max-age-days"], 1);
  if (action === "prune" && keep === void 0 && maxAgeDays === void 0) {
    throw new InputError("perfgate baselines prune: give --keep N, --max-age-days D, or both");
  }
  const config = await loadRunConfig(values.config);
  const store = createBaselineStore(config.resolved.baseline, {
    inActions: process.env.GITHUB_ACTIONS === "true",
    cwd: config.dir
  });
  if (action === "show") {
    const last = intOption("last", values.last, 1) ?? 30;
    const loaded = await store.load(config.hash, { pool: last, onWarning: () => {
    } });
    if (!loaded) {
      io.out.write(`no baselines for this config (hash ${config.hash}) in ${store.description}
`);
      return 0;
    }
    const trend = trendOf(loaded.records.map((r) => r.record));
    io.out.write(renderTrendText(trend, store.description));
    return 0;
  }
  if (action === "prune") {
    const { removed } = await store.prune({ keep, maxAgeDays });
    io.out.write(
      removed.length ? `removed ${removed.length} record(s) from ${store.description}:
${removed.map((p) => `  ${p}`).join("\n")}
` : `nothing to remove in ${store.description}
`
    );
    return 0;
  }
  const entries = await store.history(values.all ? void 0 : config.hash);
  if (entries.length === 0) {
    io.out.write(
      `no baselines${values.all ? "" : ` for this config (hash ${config.hash})`} in ${store.description}
`
    );
    return 0;
  }
  const rows = entries.map((e) => [
    e.createdAt,
    e.commit?.slice(0, 12) ?? "\u2013",
    e.configHash,
    e.fingerprint,
    e.path
  ]);
  io.out.write(
    `${markdownTable([["made at", "commit", "config hash", "machine", "path"], ...rows])}
`
  );
  return 0;
}
export {
  BASELINES_HELP,
  baselinesCommand
};
