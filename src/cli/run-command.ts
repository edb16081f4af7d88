import { writeFile } from 'node:fs/promises';
import { EXIT, InputError } from '../errors.ts';
import { createBaselineStore } from '../gate/store-factory.ts';
import { placeFromEnv } from '../gate/place.ts';
import { mayMeasureSideBySide, tooFewRuns } from '../gate/preflight.ts';
import { runGate } from '../gate/run-gate.ts';
import type { GateInput } from '../gate/run-gate.ts';
import type { SessionDeps } from '../run/session-deps.ts';
import { loadTrend } from '../gate/trend-source.ts';
import { loadRunConfig } from '../config/load-run-config.ts';
import type { ConfigOverrides } from '../config/overrides.ts';
import { createSessionDeps } from '../run/session-deps.ts';
import { unwritableReason, writeJsonFile } from '../run/write-json.ts';
import os from 'node:os';
import { EXPORT_FORMATS, renderExport } from '../export/index.ts';
import type { ExportFormat } from '../export/index.ts';
import { outcomeReport, renderGateReport, renderGateText } from '../report/gate-report.ts';
import { LOCAL_LABELS } from '../report/workload-detail.ts';
import type { GateReportInput } from '../report/gate-report.ts';
import { checkCommonWorkloads, readResultsFile } from './compare-command.ts';
import { intOption, parseCommandArgs } from './args.ts';
import type { CliIO } from './io.ts';
import { createProgressPrinter } from './progress.ts';
import { runShard } from '../shard/run-shard.ts';
import { shardOption, shardDirOf, SHARD_HELP } from './merge-command.ts';

const COMMON_OPTIONS = `  -c, --config FILE      config file (YAML or JSON)              default: perfgate.yml
  -o, --out FILE         write the results record (JSON) here
      --report FILE      write the report (markdown) here
      --seed N           seed of the randomized run order (replays an earlier order)
      --log-dir DIR      keep the server logs here               default: a temporary folder,
                         removed after a session that ends well (a failure names its log)
  -q, --quiet            no progress, only the report
  -f, --format FORMAT    what standard output gets: text (the report; default), markdown
                         (the report as the job summary shows it), json (the comparison,
                         comparison.schema.json, or the results record without one), junit,
                         bmf, benchmark-action-bigger or benchmark-action-smaller (see
                         "perfgate export --help"); progress always goes to standard error
      --details          text: also print every run's raw numbers and the machines compared
  -h, --help             this help`;

/** Help text of `perfgate run`. */
export const RUN_HELP = `Usage: perfgate run [options]

Starts the server, runs every workload (warm-up runs, then kept runs, in a shuffled order per
round), compares the kept runs with the stored baseline when there is one, and prints the
report. Locally the baseline store is the directory of the config (baseline.dir, default
.perfgate/, written by "perfgate record"); inside GitHub Actions it is the git branch.

Options:
${COMMON_OPTIONS}
  -b, --baseline FILE    compare with this results record instead of the store (repeat to
                         pool several); checked before any load is sent
      --compare-to WHAT  stored (the baseline store; the config's default), base (build and
                         run the base commit side by side with this one, paired), or none
      --compare-ref REF  with base: the base is the merge-base of HEAD and REF (a branch, tag
                         or commit); implies --compare-to base, unless the config has
                         gate.confirm: same-runner (REF then confirms the stored comparison)
${SHARD_HELP}

Exit codes: 0 no regression, 1 a regression (or inconclusive with fail-on-inconclusive, or
no baseline with on-missing: fail), 2 invalid input (nothing was run), 3 the server or the
load failed, 5 the baseline store failed.`;

/** Help text of `perfgate record`. */
export const RECORD_HELP = `Usage: perfgate record [options]

Runs like "perfgate run" and stores the results as the new baseline for this config, keeping
a bounded history (baseline.keep, baseline.max-age-days). Nothing is stored when the run
fails. Inside GitHub Actions a pull request never records.

Options:
${COMMON_OPTIONS}

Exit codes: 0 recorded, 2 invalid input (nothing was run), 3 the server or the load failed,
5 the baseline store failed (the report is still printed).`;

const OPTIONS = {
  config: { type: 'string', short: 'c', default: 'perfgate.yml' },
  out: { type: 'string', short: 'o' },
  report: { type: 'string' },
  seed: { type: 'string' },
  'log-dir': { type: 'string' },
  quiet: { type: 'boolean', short: 'q', default: false },
  details: { type: 'boolean', default: false },
  format: { type: 'string', short: 'f', default: 'text' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const RUN_OPTIONS = {
  ...OPTIONS,
  baseline: { type: 'string', short: 'b', multiple: true },
  'compare-to': { type: 'string' },
  'compare-ref': { type: 'string' },
  shard: { type: 'string' },
  'shard-dir': { type: 'string' },
} as const;

async function checkWritable(option: string, file: string | undefined): Promise<void> {
  if (file === undefined) return;
  if (file === '') throw new InputError(`--${option}: expected a file path`);
  // Checked before any load is sent: an output that cannot be written wastes the run.
  const problem = await unwritableReason(file);
  if (problem) throw new InputError(`--${option} ${file}: cannot write there: ${problem}`);
}

/** `perfgate run`: measure, compare, report. Returns the exit code. */
export async function runCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs('run', argv, RUN_OPTIONS);
  if (values.help) {
    io.out.write(`${RUN_HELP}\n`);
    return 0;
  }
  const ref = values['compare-ref'];
  if (ref === '') throw new InputError('--compare-ref: expected a branch, tag or commit');
  const compareTo = values['compare-to'];
  if (compareTo !== undefined && !['stored', 'base', 'none'].includes(compareTo)) {
    throw new InputError(`--compare-to: expected stored, base or none, got "${compareTo}"`);
  }
  if (ref && compareTo === 'none') throw new InputError('--compare-ref needs --compare-to base');
  return measure(values, io, {
    overrides: {
      compareTo:
        compareTo === 'base' || compareTo === 'stored' || compareTo === 'none' ? compareTo : null,
      compareRef: ref ?? null,
    },
    baselineFiles: values.baseline ?? [],
    shard: values.shard,
    shardDir: values['shard-dir'],
  });
}

/** `perfgate record`: measure and store the baseline. Returns the exit code. */
export async function recordCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs('record', argv, OPTIONS);
  if (values.help) {
    io.out.write(`${RECORD_HELP}\n`);
    return 0;
  }
  return measure(values, io, {
    overrides: { mode: 'record', compareTo: 'none' },
    baselineFiles: [],
  });
}

interface MeasureValues {
  config: string;
  out?: string;
  report?: string;
  seed?: string;
  'log-dir'?: string;
  quiet: boolean;
  details: boolean;
  format: string;
}

const FORMATS = ['text', 'markdown', 'json', ...EXPORT_FORMATS] as const;

/** What standard output gets for a format: the report, a JSON document or an export. */
function renderOutput(format: string, report: GateReportInput, details: boolean): string {
  if (format === 'text') return `\n${renderGateText({ ...report, details })}`;
  if (format === 'markdown') return renderGateReport(report);
  if (format === 'json') return `${JSON.stringify(report.comparison ?? report.record, null, 2)}\n`;
  return renderExport(format as ExportFormat, report.record, report.comparison, {
    hostname: os.hostname(),
  });
}

async function measure(
  values: MeasureValues,
  io: CliIO,
  how: {
    /** What the options change in the config (applyOverrides). */
    overrides: ConfigOverrides;
    baselineFiles: string[];
    shard?: string;
    shardDir?: string;
  },
): Promise<number> {
  if (!(FORMATS as readonly string[]).includes(values.format)) {
    throw new InputError(`--format: expected one of ${FORMATS.join(', ')}, got "${values.format}"`);
  }
  const seed = intOption('seed', values.seed);
  await checkWritable('out', values.out);
  await checkWritable('report', values.report);
  const config = await loadRunConfig(values.config, process.env, how.overrides);
  // Explicit baselines are read and checked before any load is sent: a bad file costs no run.
  const files = await Promise.all(how.baselineFiles.map((f) => readResultsFile('baseline', f)));
  if (files.length)
    checkCommonWorkloads(
      files,
      config.resolved.workloads.map((w) => w.name),
    );
  // Said before the runs start (the report repeats it): runs too few to compare, or to decide.
  for (const w of tooFewRuns(config, mayMeasureSideBySide(config)))
    io.err.write(`perfgate: warning: ${w}\n`);
  const env = process.env;
  const store = files.length
    ? null
    : createBaselineStore(config.resolved.baseline, {
        inActions: env.GITHUB_ACTIONS === 'true',
        cwd: config.dir,
      });
  const shard = how.shard !== undefined ? shardOption(how.shard) : (config.resolved.shard ?? null);
  if (shard && files.length)
    throw new InputError('--shard: a shard compares in its merge, not with --baseline');
  if (shard && how.overrides.mode === 'record')
    throw new InputError(
      'perfgate record measures every workload, but the config sets shard: run each shard with "perfgate run --shard I/N" and record them with "perfgate merge --record"',
    );
  const dir = shardDirOf(config, how.shardDir);
  const gateOrShard = (input: GateInput, deps: SessionDeps) =>
    shard
      ? runShard(input, { shard, dir, configName: values.config }, deps).then((r) => r.outcome)
      : runGate(input, deps);
  const outcome = await gateOrShard(
    {
      config,
      place: placeFromEnv(env),
      baselineRecords: files.length ? { records: files, sources: how.baselineFiles } : undefined,
      store,
      execute: {
        seed,
        logDir: values['log-dir'],
        signal: io.signal,
        onSeed: (s) =>
          io.err.write(
            `perfgate: ${config.resolved.workloads.length} workload(s), seed ${s} (replay with --seed ${s})\n`,
          ),
        onEvent: values.quiet ? undefined : createProgressPrinter(io.err),
      },
    },
    createSessionDeps(),
  );
  const report = outcomeReport(outcome, { labels: LOCAL_LABELS });
  const trend = await loadTrend(store, outcome.record.configHash);
  if (trend) report.trend = trend;
  io.out.write(renderOutput(values.format, report, values.details));
  if (values.out) {
    await writeJsonFile(values.out, outcome.record);
    io.err.write(`results written to ${values.out}\n`);
  }
  if (values.report) await writeFile(values.report, renderGateReport(report));
  if (outcome.fail) io.err.write(`perfgate: gate failed: ${outcome.failReason}\n`);
  if (outcome.saveError) return EXIT.baselineStore;
  return outcome.fail ? EXIT.regression : EXIT.ok;
}
