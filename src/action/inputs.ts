import type { BaselineMode } from '../baseline/mode.ts';
import { refNameProblem } from '../config/limits.ts';
import { InputError } from '../errors.ts';
import type { ConfigOverrides } from '../config/overrides.ts';
import type { ShardSpec } from '../config/shard-spec.ts';
import { parseShard, SHARD_EXPECTED } from '../config/shard-spec.ts';

// The action's inputs, read and checked in one place: every bad value is named with the input
// and what was expected, all at once, before anything is loaded or measured. Values that have
// a config counterpart default to empty, meaning "what perfgate.yml says".

/** Every input name, as action.yml declares it (a test checks they agree). */
export const INPUT_NAMES = [
  'config',
  'working-directory',
  'github-token',
  'mode',
  'baseline-store',
  'baseline-branch',
  'compare-to',
  'comment',
  'comment-on-change-only',
  'fail-on-regression',
  'fail-on-inconclusive',
  'status-context',
  'seed',
  'shard',
  'merge',
  'allow-pull-request-target-head',
] as const;

/** One input name. */
export type InputName = (typeof INPUT_NAMES)[number];

/** Every output name, as action.yml declares it. */
export const OUTPUT_NAMES = ['verdict', 'regressions', 'results', 'report', 'comment-url'] as const;

/** One output name. */
export type OutputName = (typeof OUTPUT_NAMES)[number];

/** Reads one input (`core.getInput` semantics: trimmed, empty when unset). */
export type InputReader = (name: InputName) => string;

/** The inputs, checked; null means "use the config's value". The token is read separately. */
export interface ActionInputs {
  config: string;
  workingDirectory: string;
  mode: BaselineMode | null;
  baselineStore: 'auto' | 'git' | 'directory' | null;
  baselineBranch: string | null;
  compareTo: 'stored' | 'base' | 'none' | null;
  comment: boolean;
  commentOnChangeOnly: boolean;
  failOnRegression: boolean;
  failOnInconclusive: boolean | null;
  statusContext: string | null;
  seed: number | undefined;
  /** This job measures one shard of the workloads (null: the config's `shard`, or all). */
  shard: ShardSpec | null;
  /** Folder of the shard files to merge: this job merges instead of measuring. */
  merge: string | null;
  /** Run on pull_request_target even with the pull request's head checked out. */
  allowPullRequestTargetHead: boolean;
}

const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];
const BRANCH = /^[A-Za-z0-9._/-]+$/;

/** Reads and checks every input; throws one InputError listing every problem. */
export function readInputs(read: InputReader): ActionInputs {
  const problems: string[] = [];
  const bad = (name: InputName, value: string, expected: string) =>
    problems.push(`input "${name}": got ${JSON.stringify(value)}, expected ${expected}`);

  function oneOf<T extends string>(name: InputName, allowed: readonly T[]): T | null {
    const value = read(name);
    if (value === '') return null;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    bad(name, value, `one of ${allowed.join(', ')} (or empty for the config's value)`);
    return null;
  }
  function flag(name: InputName, fallback: boolean | null): boolean | null {
    const value = read(name);
    if (value === '') return fallback;
    if (TRUE.includes(value)) return true;
    if (FALSE.includes(value)) return false;
    bad(name, value, 'true or false');
    return fallback;
  }

  const branch = read('baseline-branch');
  if (branch !== '' && (!BRANCH.test(branch) || refNameProblem(branch) !== null)) {
    bad('baseline-branch', branch, 'a git branch name (letters, digits, . _ / -)');
  }
  const seedText = read('seed');
  let seed: number | undefined;
  if (seedText !== '') {
    seed = Number(seedText);
    if (!/^\d+$/.test(seedText) || !Number.isSafeInteger(seed) || seed > 2 ** 31 - 1) {
      bad('seed', seedText, 'a whole number between 0 and 2147483647');
      seed = undefined;
    }
  }
  const shardText = read('shard');
  const shard = shardText === '' ? null : parseShard(shardText);
  if (shardText !== '' && !shard) bad('shard', shardText, SHARD_EXPECTED);
  const merge = read('merge') || null;
  if (merge && shardText !== '')
    bad('merge', merge, 'empty when shard is set (a merge job measures nothing)');
  const config = read('config') || 'perfgate.yml';
  const inputs: ActionInputs = {
    config,
    workingDirectory: read('working-directory') || '.',
    mode: oneOf('mode', ['auto', 'record', 'compare'] as const),
    baselineStore: oneOf('baseline-store', ['auto', 'git', 'directory'] as const),
    baselineBranch: branch === '' ? null : branch,
    compareTo: oneOf('compare-to', ['stored', 'base', 'none'] as const),
    comment: flag('comment', true) ?? true,
    commentOnChangeOnly: flag('comment-on-change-only', false) ?? false,
    failOnRegression: flag('fail-on-regression', true) ?? true,
    failOnInconclusive: flag('fail-on-inconclusive', null),
    statusContext: read('status-context') || null,
    seed,
    shard,
    merge,
    allowPullRequestTargetHead: flag('allow-pull-request-target-head', false) ?? false,
  };
  if (problems.length > 0) {
    const list = problems.map((p) => `  - ${p}`).join('\n');
    throw new InputError(
      `${problems.length} invalid input${problems.length === 1 ? '' : 's'} (nothing was run):\n${list}`,
    );
  }
  return inputs;
}

/** What the inputs change in the config, applied by applyOverrides as the CLI's options are. */
export function overridesOf(inputs: ActionInputs): ConfigOverrides {
  return {
    mode: inputs.mode,
    compareTo: inputs.compareTo,
    store: inputs.baselineStore,
    branch: inputs.baselineBranch,
    failOnInconclusive: inputs.failOnInconclusive,
    failOnRegression: inputs.failOnRegression,
  };
}
