import { InputError } from '../errors.ts';
import { loadRunConfig } from '../run/load-run-config.ts';
import { executeRun } from '../run/execute-run.ts';
import { createSessionDeps } from '../run/session-deps.ts';
import { writeJsonFile } from '../run/write-json.ts';
import { renderSummaryTable } from '../report/summary-table.ts';
import { renderComparisonText } from '../report/comparison-report.ts';
import type { ResultsRecord } from '../run/record.ts';
import { compareRecords, createSamplingJudge } from '../verdict/index.ts';
import { checkCommonWorkloads, readResultsFile } from './compare-command.ts';
import { intOption, parseCommandArgs } from './args.ts';
import type { CliIO } from './io.ts';
import { createProgressPrinter } from './progress.ts';

/** Help text of `perfgate run`. */
export const RUN_HELP = `Usage: perfgate run [options]

Starts the server, runs every workload (warm-up runs, then kept runs, in a shuffled order per
round), prints a summary and writes the per-run samples.

Options:
  -c, --config FILE   config file (YAML or JSON)              default: perfgate.yml
  -o, --out FILE      write the results record (JSON) here    default: none
  -b, --baseline FILE compare with this results record after the run (checked before any
                      load is sent); with runs: auto it also decides when to stop sampling
      --seed N        seed of the randomized run order (replays an earlier order)
      --log-dir DIR   keep the server logs here               default: a temporary folder
  -q, --quiet         no progress, only the summary
  -h, --help          this help

Exit codes: 0 done (no regression), 1 a regression against --baseline, 2 invalid input
(nothing was run), 3 the server or the load failed.`;

/** \`perfgate run\`: measure and report. Returns the exit code. */
export async function runCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs('run', argv, {
    config: { type: 'string', short: 'c', default: 'perfgate.yml' },
    out: { type: 'string', short: 'o' },
    baseline: { type: 'string', short: 'b' },
    seed: { type: 'string' },
    'log-dir': { type: 'string' },
    quiet: { type: 'boolean', short: 'q', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    io.out.write(`${RUN_HELP}\n`);
    return 0;
  }
  const seed = intOption('seed', values.seed);
  if (values.out === '') throw new InputError('--out: expected a file path');
  if (values.baseline === '') throw new InputError('--baseline: expected a file path');
  const config = await loadRunConfig(values.config);
  // The baseline is read and checked before any load is sent: a bad file costs no run.
  let baseline: ResultsRecord | null = null;
  if (values.baseline) {
    baseline = await readResultsFile('baseline', values.baseline);
    checkCommonWorkloads([baseline], config.resolved.workloads.map((w) => w.name));
  }
  const record = await executeRun(config, createSessionDeps(), {
    seed,
    logDir: values['log-dir'],
    signal: io.signal,
    onSeed: (s) => io.err.write(`perfgate ${config.resolved.workloads.length} workload(s), seed ${s} (replay with --seed ${s})\n`),
    onEvent: values.quiet ? undefined : createProgressPrinter(io.err),
    judge: baseline ? createSamplingJudge(baseline) : undefined,
  });
  io.out.write(`\n${renderSummaryTable(record)}\n`);
  if (values.out) {
    await writeJsonFile(values.out, record);
    io.err.write(`results written to ${values.out}\n`);
  }
  if (!baseline) return 0;
  const comparison = compareRecords(baseline, record);
  io.out.write(`\n${renderComparisonText(comparison)}`);
  return comparison.verdict === 'regression' ? 1 : 0;
}
