import { readFile, stat } from 'node:fs/promises';
import { formatBytes, MAX_RECORD_BYTES } from '../config/limits.ts';
import { parseRecordText } from '../record/record-file.ts';
import { parsePercent } from '../config/units.ts';
import { EXIT, InputError } from '../errors.ts';
import type { ResultsRecord } from '../record/record.ts';
import { writeJsonFile } from '../run/write-json.ts';
import { renderComparison, renderComparisonText } from '../report/comparison-report.ts';
import { compareRecords, TEST_REQUESTS } from '../verdict/index.ts';
import type { Comparison, TestRequest } from '../verdict/index.ts';
import { parseCommandArgs } from './args.ts';
import type { CliIO } from './io.ts';

/** Help text of `perfgate compare`. */
export const COMPARE_HELP = `Usage: perfgate compare --baseline FILE --candidate FILE [options]

Compares two results records (written by "perfgate run --out") and says, per workload and
metric, whether the candidate is a regression, an improvement, no change, or inconclusive.
The gated metrics of every workload are tested together (weighted Holm, family-wise alpha).

Options:
  -b, --baseline FILE   baseline results record; repeat to pool several records
  -c, --candidate FILE  results record to judge
  -f, --format FORMAT   text, markdown or json                    default: text
      --alpha A         family-wise significance level, 0 < A < 0.5  default: 0.05
      --test TEST       ${TEST_REQUESTS.join(', ')}  default: auto
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

const FORMATS = ['text', 'markdown', 'json'] as const;

/** `--runner-noise`: a percentage such as "10%" (or a bare number of percent). */
export function parseRunnerNoise(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const fraction = parsePercent(value);
  if (fraction === undefined || fraction > 1) {
    throw new InputError(
      `--runner-noise: expected a percentage from 0% to 100% such as "10%", got "${value}"`,
    );
  }
  return fraction;
}

/** Reads and validates a results record; every problem is an InputError naming the option and file. */
export async function readResultsFile(option: string, file: string): Promise<ResultsRecord> {
  let text: string;
  try {
    const info = await stat(file);
    if (info.isFile() && info.size > MAX_RECORD_BYTES) {
      throw new InputError(
        `--${option} ${file}: the file is ${formatBytes(info.size)}; a results record may be at most ${formatBytes(MAX_RECORD_BYTES)}`,
      );
    }
    text = await readFile(file, 'utf8');
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder'
          : (err as Error).message;
    throw new InputError(`--${option} ${file}: cannot read the results record (${why})`);
  }
  const result = parseRecordText(text, file);
  if (!result.ok) throw new InputError(`--${option} ${file}: ${result.reason}`);
  return result.record;
}

/** Throws an InputError when the records share no workload: there would be nothing to compare. */
export function checkCommonWorkloads(
  baselines: readonly ResultsRecord[],
  candidateNames: readonly string[],
): void {
  const base = [...new Set(baselines.flatMap((b) => b.workloads.map((w) => w.name)))];
  if (base.some((n) => candidateNames.includes(n))) return;
  const list = (names: readonly string[]) =>
    names.length ? names.map((n) => JSON.stringify(n)).join(', ') : 'none';
  throw new InputError(
    `the baseline (workloads ${list(base)}) and the candidate (workloads ${list(candidateNames)}) have no workload in common: nothing to compare. Are they results of the same config?`,
  );
}

function parseAlpha(value: string | undefined): number {
  if (value === undefined) return 0.05;
  const alpha = Number(value);
  if (!(alpha > 0 && alpha < 0.5))
    throw new InputError(`--alpha: expected a number between 0 and 0.5, got "${value}"`);
  return alpha;
}

function oneOf<T extends string>(
  option: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new InputError(`--${option}: expected one of ${allowed.join(', ')}, got "${value}"`);
  }
  return value as T;
}

/** The comparison in the requested format. */
export function formatComparison(
  c: Comparison,
  format: (typeof FORMATS)[number],
  details: boolean,
): string {
  if (format === 'json') return `${JSON.stringify(c, null, 2)}\n`;
  // Two files, not a pull request: the sides are named as the options name them.
  const labels = { baseline: 'baseline', candidate: 'candidate' };
  if (format === 'markdown') return renderComparison(c, { details: true, labels });
  return renderComparisonText(c, { details, labels });
}

/** `perfgate compare`: judge a candidate record against a baseline. Returns the exit code. */
export async function compareCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs('compare', argv, {
    baseline: { type: 'string', short: 'b', multiple: true },
    candidate: { type: 'string', short: 'c' },
    format: { type: 'string', short: 'f', default: 'text' },
    alpha: { type: 'string' },
    test: { type: 'string' },
    'runner-noise': { type: 'string' },
    design: { type: 'string' },
    details: { type: 'boolean', default: false },
    out: { type: 'string', short: 'o' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    io.out.write(`${COMPARE_HELP}\n`);
    return EXIT.ok;
  }
  const baselineFiles = values.baseline ?? [];
  if (baselineFiles.length === 0)
    throw new InputError(
      'perfgate compare: --baseline FILE is required. See "perfgate compare --help".',
    );
  if (!values.candidate)
    throw new InputError(
      'perfgate compare: --candidate FILE is required. See "perfgate compare --help".',
    );
  if (values.out === '') throw new InputError('--out: expected a file path');
  const format = oneOf('format', values.format, FORMATS) ?? 'text';
  const alpha = parseAlpha(values.alpha);
  const test = oneOf<TestRequest>('test', values.test, TEST_REQUESTS);
  const design = oneOf('design', values.design, ['independent', 'paired'] as const);

  const baselines: ResultsRecord[] = [];
  for (const file of baselineFiles) baselines.push(await readResultsFile('baseline', file));
  const candidate = await readResultsFile('candidate', values.candidate);
  checkCommonWorkloads(
    baselines,
    candidate.workloads.map((w) => w.name),
  );
  const runnerNoise = parseRunnerNoise(values['runner-noise']);
  const comparison = compareRecords(baselines, candidate, { alpha, test, design, runnerNoise });
  io.out.write(formatComparison(comparison, format, values.details));
  if (values.out) {
    await writeJsonFile(values.out, comparison);
    io.err.write(`comparison written to ${values.out}\n`);
  }
  return comparison.verdict === 'regression' || comparison.verdict === 'broken'
    ? EXIT.regression
    : EXIT.ok;
}
