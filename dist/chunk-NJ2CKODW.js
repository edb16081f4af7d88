import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  EXPORT_FORMATS,
  renderExport
} from "./chunk-AOWHXZ2U.js";
import {
  parseRunnerNoise,
  readResultsFile
} from "./chunk-AOSIPVB6.js";
import {
  parseCommandArgs
} from "./chunk-CNBCTPVM.js";
import "./chunk-WOBJ45C6.js";
import "./chunk-LP63KT7W.js";
import "./chunk-MUASQGV6.js";
import {
  compareRecords
} from "./chunk-6TR6MCCT.js";
import {
  InputError
} from "./chunk-M4UYDDKJ.js";
import "./chunk-5MSJA75B.js";
import "./chunk-NM4ZIQ3O.js";
import "./chunk-F6FNT3HE.js";

// src/cli/export-command.ts
import { writeFile } from "node:fs/promises";
import os from "node:os";
var EXPORT_HELP = `Usage: perfgate export --format FORMAT RESULTS.json [options]

Converts a results record (written by "perfgate run --out", or the action's results output)
for the tools users already run. Prints to standard output unless --out is given.

Formats:
  junit                     JUnit XML for test-report UIs: one suite per workload, one case
                            per gated metric; a regression fails (needs --baseline to judge)
  bmf                       Bencher Metric Format: bencher run --adapter json --file FILE
  benchmark-action-bigger   github-action-benchmark, tool: customBiggerIsBetter (req/s)
  benchmark-action-smaller  github-action-benchmark, tool: customSmallerIsBetter (latency,
                            CPU per request, memory, errors)

Options:
  -f, --format FORMAT    one of the formats above (required)
  -b, --baseline FILE    junit: compare with this results record and report its verdicts
      --runner-noise PCT spread assumed between the two records' sessions (see
                         "perfgate compare --help")                default: 10%
  -o, --out FILE         write here instead of standard output
  -h, --help             this help

Exit codes: 0 written, 2 invalid input.`;
async function exportCommand(argv, io) {
  const { values, positionals } = parseCommandArgs(
    "export",
    argv,
    {
      format: { type: "string", short: "f" },
      baseline: { type: "string", short: "b" },
      "runner-noise": { type: "string" },
      out: { type: "string", short: "o" },
      help: { type: "boolean", short: "h", default: false }
    },
    true
  );
  if (values.help) {
    io.out.write(`${EXPORT_HELP}
`);
    return 0;
  }
  const format = values.format;
  if (!format || !EXPORT_FORMATS.includes(format)) {
    throw new InputError(
      `--format: expected one of ${EXPORT_FORMATS.join(", ")}, got ${format === void 0 ? "nothing" : `"${format}"`}`
    );
  }
  const [file, ...extra] = positionals;
  if (!file || extra.length) throw new InputError("perfgate export: give exactly one results file");
  const record = await readResultsFile("results", file);
  const baseline = values.baseline ? await readResultsFile("baseline", values.baseline) : null;
  const runnerNoise = parseRunnerNoise(values["runner-noise"]);
  const comparison = baseline ? compareRecords([baseline], record, { runnerNoise }) : null;
  const text = renderExport(format, record, comparison, {
    hostname: os.hostname()
  });
  if (values.out) await writeFile(values.out, text);
  else io.out.write(text);
  return 0;
}
export {
  EXPORT_HELP,
  exportCommand
};
