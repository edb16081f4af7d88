import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  parseCommandArgs
} from "./chunk-CNBCTPVM.js";
import {
  writeJsonFile
} from "./chunk-WOBJ45C6.js";
import {
  parseRecordText
} from "./chunk-LP63KT7W.js";
import {
  renderComparison,
  renderComparisonText
} from "./chunk-MUASQGV6.js";
import {
  MAX_RECORD_BYTES,
  TEST_REQUESTS,
  compareRecords,
  formatBytes,
  parsePercent
} from "./chunk-6TR6MCCT.js";
import {
  EXIT,
  InputError
} from "./chunk-M4UYDDKJ.js";

// src/cli/compare-command.ts
import { readFile, stat } from "node:fs/promises";
var COMPARE_HELP = `Usage: perfgate compare --baseline FILE --candidate FILE [options]

Compares two results records (written by "perfgate run --out") and says, per workload and
metric, whether the candidate is a regression, an improvement, no change, or inconclusive.
The gated metrics of every workload are tested together (weighted Holm, family-wise alpha).

Options:
  -b, --baseline FILE   baseline results record; repeat to pool several records
  -c, --candidate FILE  results record to judge
  -f, --format FORMAT   text, markdown or json                    default: text
      --alpha A         family-wise significance level, 0 < A < 0.5  default: 0.05
      --test TEST       ${TEST_REQUESTS.join(", ")}  default: auto
      --runner-noise PCT  independent records: spread between the records' sessions
                        assumed while fewer than 5 are given; 0% for records made in one
                        session on one machine                  default: 10%
      --design DESIGN   independent or paired                  default: paired when both
                        records were made side by side, else independent
      --details         text format: also print every run's raw numbers
  -o, --out FILE        also write the comparison as JSON (comparison.schema.json) here
  -h, --help            this help

Exit codes: 0 no regression (inconclusive metrics warn but pass), 1 a regression,
2 invalid input (missing or invalid file, no workload in common, bad option).`;
var FORMATS = ["text", "markdown", "json"];
function parseRunnerNoise(value) {
  if (value === void 0) return void 0;
  const fraction = parsePercent(value);
  if (fraction === void 0 || fraction > 1) {
    throw new InputError(
      `--runner-noise: expected a percentage from 0% to 100% such as "10%", got "${value}"`
    );
  }
  return fraction;
}
async function readResultsFile(option, file) {
  let text;
  try {
    const info = await stat(file);
    if (info.isFile() && info.size > MAX_RECORD_BYTES) {
      throw new InputError(
        `--${option} ${file}: the file is ${formatBytes(info.size)}; a results record may be at most ${formatBytes(MAX_RECORD_BYTES)}`
      );
    }
    text = await readFile(file, "utf8");
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = err.code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : err.message;
    throw new InputError(`--${option} ${file}: cannot read the results record (${why})`);
  }
  const result = parseRecordText(text, file);
  if (!result.ok) throw new InputError(`--${option} ${file}: ${result.reason}`);
  return result.record;
}
function checkCommonWorkloads(baselines, candidateNames) {
  const base = [...new Set(baselines.flatMap((b) => b.workloads.map((w) => w.name)))];
  if (base.some((n) => candidateNames.includes(n))) return;
  const list = (names) => names.length ? names.map((n) => JSON.stringify(n)).join(", ") : "none";
  throw new InputError(
    `the baseline (workloads ${list(base)}) and the candidate (workloads ${list(candidateNames)}) have no workload in common: nothing to compare. Are they results of the same config?`
  );
}
function parseAlpha(value) {
  if (value === void 0) return 0.05;
  const alpha = Number(value);
  if (!(alpha > 0 && alpha < 0.5))
    throw new InputError(`--alpha: expected a number between 0 and 0.5, got "${value}"`);
  return alpha;
}
function oneOf(option, value, allowed) {
  if (value === void 0) return void 0;
  if (!allowed.includes(value)) {
    throw new InputError(`--${option}: expected one of ${allowed.join(", ")}, got "${value}"`);
  }
  return value;
}
function formatComparison(c, format, details) {
  if (format === "json") return `${JSON.stringify(c, null, 2)}
`;
  const labels = { baseline: "baseline", candidate: "candidate" };
  if (format === "markdown") return renderComparison(c, { details: true, labels });
  return renderComparisonText(c, { details, labels });
}
async function compareCommand(argv, io) {
  const { values } = parseCommandArgs("compare", argv, {
    baseline: { type: "string", short: "b", multiple: true },
    candidate: { type: "string", short: "c" },
    format: { type: "string", short: "f", default: "text" },
    alpha: { type: "string" },
    test: { type: "string" },
    "runner-noise": { type: "string" },
    design: { type: "string" },
    details: { type: "boolean", default: false },
    out: { type: "string", short: "o" },
    help: { type: "boolean", short: "h", default: false }
  });
  if (values.help) {
    io.out.write(`${COMPARE_HELP}
`);
    return EXIT.ok;
  }
  const baselineFiles = values.baseline ?? [];
  if (baselineFiles.length === 0)
    throw new InputError(
      'perfgate compare: --baseline FILE is required. See "perfgate compare --help".'
    );
  if (!values.candidate)
    throw new InputError(
      'perfgate compare: --candidate FILE is required. See "perfgate compare --help".'
    );
  if (values.out === "") throw new InputError("--out: expected a file path");
  const format = oneOf("format", values.format, FORMATS) ?? "text";
  const alpha = parseAlpha(values.alpha);
  const test = oneOf("test", values.test, TEST_REQUESTS);
  const design = oneOf("design", values.design, ["independent", "paired"]);
  const baselines = [];
  for (const file of baselineFiles) baselines.push(await readResultsFile("baseline", file));
  const candidate = await readResultsFile("candidate", values.candidate);
  checkCommonWorkloads(
    baselines,
    candidate.workloads.map((w) => w.name)
  );
  const runnerNoise = parseRunnerNoise(values["runner-noise"]);
  const comparison = compareRecords(baselines, candidate, { alpha, test, design, runnerNoise });
  io.out.write(formatComparison(comparison, format, values.details));
  if (values.out) {
    await writeJsonFile(values.out, comparison);
    io.err.write(`comparison written to ${values.out}
`);
  }
  return comparison.verdict === "regression" || comparison.verdict === "broken" ? EXIT.regression : EXIT.ok;
}

export {
  COMPARE_HELP,
  parseRunnerNoise,
  readResultsFile,
  checkCommonWorkloads,
  formatComparison,
  compareCommand
};
