// Every default of perfgate.yml, written as a user would write it. The schema publishes these
// as JSON Schema `default`s (so editors and docs/config.md show them) and resolve.ts fills them
// in, so the documented default and the applied default cannot disagree.

/** Defaults of the load and sampling options (`defaults:` and per workload). */
export const LOAD_OPTION_DEFAULTS = {
  connections: 10,
  pipelining: 1,
  duration: '10s',
  timeout: '10s',
  runs: 'auto',
  warmup: 1,
  'min-runs': 5,
  'max-runs': 20,
  budget: '10m',
  client: 'auto',
  latency: 'corrected',
  'min-rate-share': '95%',
} as const;

/**
 * Default tolerances. A regression must be confidently larger than these to fail; a pass needs
 * the metrics of `gate.required` confidently within them. 5% on throughput and CPU per request
 * is what the paired design resolves in 10-20 pairs on a 2-core runner (per-pair sd ~2.5-3%,
 * statistics.md); a stored comparison's floor is set by the spread between runners instead, and
 * its report says so. "off" reports the metric without gating on it.
 */
export const THRESHOLD_DEFAULTS = {
  throughput: '5%',
  p50: '5%',
  p90: 'off',
  p99: '10%',
  cpu: '5%',
  rss: '10%',
  errors: '0.1%',
} as const;

/** Defaults of the server section. */
export const SERVER_DEFAULTS = {
  cwd: '.',
  readyTimeout: '30s',
  stopTimeout: '5s',
  restart: 'never',
} as const;

/** Default HTTP method of a request. */
export const DEFAULT_METHOD = 'GET';
