import { InputError } from '../errors.ts';
import { loadRunConfig } from '../run/load-run-config.ts';
import { executeRun } from '../run/execute-run.ts';
import { createSessionDeps } from '../run/session-deps.ts';
import { writeJsonFile } from '../run/write-json.ts';
import { renderSummaryTable } from '../report/summary-table.ts';
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
      --seed N        seed of the randomized run order (replays an earlier order)
      --log-dir DIR   keep the server logs here               default: a temporary folder
  -q, --quiet         no progress, only the summary
  -h, --help          this help

Exit codes: 0 done, 2 invalid input (nothing was run), 3 the server or the load failed.`;

/** \`perfgate run\`: measure and report. Returns the exit code. */
export async function runCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs('run', argv, {
    config: { type: 'string', short: 'c', default: 'perfgate.yml' },
    out: { type: 'string', short: 'o' },
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
  const config = await loadRunConfig(values.config);
  const record = await executeRun(config, createSessionDeps(), {
    seed,
    logDir: values['log-dir'],
    signal: io.signal,
    onSeed: (s) => io.err.write(`perfgate ${config.resolved.workloads.length} workload(s), seed ${s} (replay with --seed ${s})\n`),
    onEvent: values.quiet ? undefined : createProgressPrinter(io.err),
  });
  io.out.write(`\n${renderSummaryTable(record)}\n`);
  if (values.out) {
    await writeJsonFile(values.out, record);
    io.err.write(`results written to ${values.out}\n`);
  }
  return 0;
}
