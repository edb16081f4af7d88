import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import { EXIT, InputError } from '../errors.ts';
import { placeFromEnv } from '../gate/place.ts';
import { createBaselineStore } from '../gate/store-factory.ts';
import { outcomeReport, renderGateReport, renderGateText } from '../report/gate-report.ts';
import { LOCAL_LABELS } from '../report/workload-detail.ts';
import type { LoadedConfig } from '../config/loaded-config.ts';
import { loadRunConfig } from '../config/load-run-config.ts';
import { writeJsonFile } from '../run/write-json.ts';
import { runMerge } from '../shard/merge-gate.ts';
import type { ShardSpec } from '../config/shard-spec.ts';
import { parseShard, SHARD_EXPECTED } from '../config/shard-spec.ts';
import { parseCommandArgs } from './args.ts';
import type { CliIO } from './io.ts';

/** Where shard files go by default: next to the config. */
export const DEFAULT_SHARD_DIR = '.perfgate-shards';

/** The `--shard` lines of `perfgate run --help`. */
export const SHARD_HELP = `      --shard I/N        measure only shard I of N of the workloads (a job of a matrix, or one
                         of N terminals) and write perfgate-shard-I-of-N.json for
                         "perfgate merge"; a shard never records a baseline
      --shard-dir DIR    where the shard file goes        default: ${DEFAULT_SHARD_DIR}/ next to the config`;

/** Help text of `perfgate merge`. */
export const MERGE_HELP = `Usage: perfgate merge [options]

Merges the shard files written by "perfgate run --shard I/N" (one per shard, from any number
of machines) into one comparison: every workload of every shard in one Holm family, one
report, and, with --record or on a push to the default branch in GitHub Actions, one
baseline record for all of them. Refused (exit 2, nothing compared or recorded) when a shard
is missing or duplicated, or the shards ran another config or another commit.

Options:
  -c, --config FILE      config file (YAML or JSON)              default: perfgate.yml
      --from PATH        a shard file, or a folder searched for them; repeat for several
                                                      default: ${DEFAULT_SHARD_DIR}/ next to the config
      --compare-to WHAT  stored (the baseline store; default) or none; shards made with
                         compare-to: base are compared pair by pair
      --record           store the merged record as the new baseline (not in a pull request)
  -o, --out FILE         write the merged results record (JSON) here
      --report FILE      write the report (markdown) here
      --details          also print every run's raw numbers and the machines compared
  -h, --help             this help

Exit codes: 0 no regression, 1 a regression, 2 the shards do not belong together (or other
invalid input), 3 a shard's server or load failed (the other shards' numbers are reported),
5 the baseline store failed.`;

/** Parses `--shard I/N`; InputError otherwise. */
export function shardOption(text: string): ShardSpec {
  const shard = parseShard(text);
  if (!shard) throw new InputError(`--shard: expected ${SHARD_EXPECTED}, got "${text}"`);
  return shard;
}

/** The folder shard files go to: `--shard-dir`, else .perfgate-shards next to the config. */
export function shardDirOf(config: LoadedConfig, dir: string | undefined): string {
  if (dir === '') throw new InputError('--shard-dir: expected a folder');
  return dir === undefined ? path.join(config.dir, DEFAULT_SHARD_DIR) : path.resolve(dir);
}

/** `perfgate merge`: join shard files into one verdict. Returns the exit code. */
export async function mergeCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs('merge', argv, {
    config: { type: 'string', short: 'c', default: 'perfgate.yml' },
    from: { type: 'string', multiple: true },
    'compare-to': { type: 'string' },
    record: { type: 'boolean', default: false },
    out: { type: 'string', short: 'o' },
    report: { type: 'string' },
    details: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    io.out.write(`${MERGE_HELP}\n`);
    return EXIT.ok;
  }
  const compareTo = values['compare-to'];
  if (compareTo !== undefined && compareTo !== 'stored' && compareTo !== 'none')
    throw new InputError(`--compare-to: expected stored or none, got "${compareTo}"`);
  for (const o of ['out', 'report'] as const) {
    if (values[o] === '') throw new InputError(`--${o}: expected a file path`);
  }
  const config = await loadRunConfig(values.config, process.env, {
    mode: values.record ? 'record' : null,
    compareTo: values.record ? 'none' : compareTo,
  });
  const paths = values.from?.length ? values.from : [shardDirOf(config, undefined)];
  const env = process.env;
  const outcome = await runMerge({
    config,
    place: placeFromEnv(env),
    paths,
    store: createBaselineStore(config.resolved.baseline, {
      inActions: env.GITHUB_ACTIONS === 'true',
      cwd: config.dir,
    }),
  });
  // Named as `perfgate run` names them locally, so both reports read the same.
  const report = outcomeReport(outcome, { labels: LOCAL_LABELS });
  io.out.write(`\n${renderGateText({ ...report, details: values.details })}`);
  if (values.out) {
    await writeJsonFile(values.out, outcome.record);
    io.err.write(`merged results written to ${values.out}\n`);
  }
  if (values.report) await writeFile(values.report, renderGateReport(report));
  if (outcome.fail) io.err.write(`perfgate: gate failed: ${outcome.failReason}\n`);
  if (outcome.failedShards.length) return EXIT.serverOrLoadFailed;
  if (outcome.saveError) return EXIT.baselineStore;
  return outcome.fail ? EXIT.regression : EXIT.ok;
}
