import { markdownTable } from 'markdown-table';
import { InputError } from '../errors.ts';
import { createBaselineStore } from '../gate/store-factory.ts';
import { loadRunConfig } from '../config/load-run-config.ts';
import { trendOf } from '../report/trend.ts';
import { renderTrendText } from '../report/trend-text.ts';
import { intOption, parseCommandArgs } from './args.ts';
import type { CliIO } from './io.ts';

/** Help text of `perfgate baselines`. */
export const BASELINES_HELP = `Usage: perfgate baselines <list|show|prune> [options]

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

/** `perfgate baselines list|prune`. Returns the exit code. */
export async function baselinesCommand(argv: string[], io: CliIO): Promise<number> {
  const [action, ...rest] = argv;
  if (action === undefined || action === '-h' || action === '--help') {
    io.out.write(`${BASELINES_HELP}\n`);
    return action === undefined ? 2 : 0;
  }
  if (action !== 'list' && action !== 'show' && action !== 'prune') {
    throw new InputError(
      `perfgate baselines: unknown action "${action}"; expected list, show or prune`,
    );
  }
  const { values } = parseCommandArgs(`baselines ${action}`, rest, {
    config: { type: 'string', short: 'c', default: 'perfgate.yml' },
    all: { type: 'boolean', default: false },
    last: { type: 'string' },
    keep: { type: 'string' },
    'max-age-days': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    io.out.write(`${BASELINES_HELP}\n`);
    return 0;
  }
  const keep = intOption('keep', values.keep, 1);
  const maxAgeDays = intOption('max-age-days', values['max-age-days'], 1);
  if (action === 'prune' && keep === undefined && maxAgeDays === undefined) {
    throw new InputError('perfgate baselines prune: give --keep N, --max-age-days D, or both');
  }
  const config = await loadRunConfig(values.config);
  const store = createBaselineStore(config.resolved.baseline, {
    inActions: process.env.GITHUB_ACTIONS === 'true',
    cwd: config.dir,
  });
  if (action === 'show') {
    const last = intOption('last', values.last, 1) ?? 30;
    const loaded = await store.load(config.hash, { pool: last, onWarning: () => {} });
    if (!loaded) {
      io.out.write(`no baselines for this config (hash ${config.hash}) in ${store.description}\n`);
      return 0;
    }
    const trend = trendOf(loaded.records.map((r) => r.record));
    io.out.write(renderTrendText(trend, store.description));
    return 0;
  }
  if (action === 'prune') {
    const { removed } = await store.prune({ keep, maxAgeDays });
    io.out.write(
      removed.length
        ? `removed ${removed.length} record(s) from ${store.description}:\n${removed.map((p) => `  ${p}`).join('\n')}\n`
        : `nothing to remove in ${store.description}\n`,
    );
    return 0;
  }
  const entries = await store.history(values.all ? undefined : config.hash);
  if (entries.length === 0) {
    io.out.write(
      `no baselines${values.all ? '' : ` for this config (hash ${config.hash})`} in ${store.description}\n`,
    );
    return 0;
  }
  const rows = entries.map((e) => [
    e.createdAt,
    e.commit?.slice(0, 12) ?? '–',
    e.configHash,
    e.fingerprint,
    e.path,
  ]);
  io.out.write(
    `${markdownTable([['made at', 'commit', 'config hash', 'machine', 'path'], ...rows])}\n`,
  );
  return 0;
}
