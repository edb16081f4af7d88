// The config module's public surface: read and check perfgate.yml, fill in defaults, hash it.
export { loadConfig, parseConfig } from './parse.ts';
export type { ParseResult } from './parse.ts';
export { formatProblems } from './problems.ts';
export type { ConfigProblem } from './problems.ts';
export { hashConfig } from './hash.ts';
export { resolveConfig } from './resolve.ts';
export type {
  ResolvedConfig,
  ResolvedWorkload,
  ResolvedServer,
  ResolvedLoad,
  Thresholds,
  GatedMetric,
} from './resolve.ts';
export type { ParsedConfig, RequestSpec, WorkloadSpec, ConfigInput } from './schema.ts';
