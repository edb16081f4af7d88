import type { ResolvedConfig } from './resolve.ts';

/** A config ready to run, with where it came from. */
export interface LoadedConfig {
  resolved: ResolvedConfig;
  hash: string;
  /** Folder of the config file: anchors the git commit lookup. */
  dir: string;
  /** For one shard of a sharded run: every workload of the config (the family its merge tests). */
  allWorkloads?: ResolvedConfig['workloads'];
  /** Rows of each workload's data file, by workload name. */
  data?: Record<string, Record<string, string>[]>;
  /** What the command line or the action's inputs decided (applyOverrides); default: nothing. */
  invocation?: Invocation;
}

/** What an invocation decided beyond the config file's keys. */
export interface Invocation {
  /** False when comparing is turned off. */
  compare: boolean;
  /** The ref whose merge-base with HEAD is the base, or null (the pull request's base). */
  baseRef: string | null;
  /** False: a regression is reported, and fails the job only with a broken objective. */
  failOnRegression: boolean;
}
