// Builds valid results records for tests (baselines, comparisons, reports). Shared: use these
// instead of hand-writing records in a test file.
import type { MachineInfo, ResultsRecord, RunSample } from '../../src/record/record.ts';
import { RECORD_VERSION, resultsRecordSchema } from '../../src/record/record.ts';

/** The numbers of one run; a bare number is its requests per second. */
export type RunNumbers =
  | number
  | {
      reqPerSec?: number;
      /** Latency percentiles in microseconds. */
      p50Us?: number;
      p90Us?: number;
      p99Us?: number;
      maxUs?: number;
      /** Default: the status errors that give this rate over `requests`. */
      errorRate?: number;
      /** Responses of the run; default reqPerSec * 10 (a 10 s run). */
      requests?: number;
      /** Error counts by kind; the rate follows from them unless errorRate is given. */
      errors?: Partial<RunSample['errors']>;
      cpuMsPerRequest?: number | null;
      peakRssBytes?: number | null;
      warmup?: boolean;
      pair?: number;
    };

/** What a test record is made of; everything has a sensible default. */
export interface RecordSpec {
  /** Workload name -> its runs, in order. Default `{ hello: [1000, 1010, 990] }`. */
  workloads?: Record<string, readonly RunNumbers[]>;
  configHash?: string;
  createdAt?: string | Date;
  /** Commit sha; null for a record made outside a git work tree. */
  commit?: string | null;
  ref?: string | null;
  fingerprint?: string;
  machine?: Partial<MachineInfo>;
  seed?: number;
  design?: ResultsRecord['design'];
  config?: Record<string, unknown>;
}

/** A test machine description. */
export function makeMachine(overrides: Partial<MachineInfo> = {}): MachineInfo {
  return {
    cpuModel: 'Test CPU @ 3.00GHz',
    cores: 4,
    memoryBytes: 16 * 2 ** 30,
    os: 'linux 6.1.0',
    arch: 'x64',
    node: '20.11.0',
    fingerprint: 'machine-a',
    ...overrides,
  };
}

/** One run sample from its numbers. */
export function makeRun(numbers: RunNumbers, index = 0, startedAt = new Date(0)): RunSample {
  const n = typeof numbers === 'number' ? { reqPerSec: numbers } : numbers;
  const reqPerSec = n.reqPerSec ?? 1000;
  const p50 = n.p50Us ?? 1000;
  const p99 = n.p99Us ?? p50 * 3;
  const requests = n.requests ?? Math.round(reqPerSec * 10);
  const status = n.errors ? 0 : Math.round((n.errorRate ?? 0) * requests);
  const errors = { connection: 0, timeout: 0, status, body: 0, ...n.errors };
  const sample: RunSample = {
    index,
    round: index,
    warmup: n.warmup ?? false,
    startedAt: new Date(startedAt.getTime() + index * 10_000).toISOString(),
    elapsedMs: 10_000,
    requests,
    reqPerSec,
    bytesPerSec: reqPerSec * 100,
    latencyUs: { mean: p50 * 1.1, p50, p90: n.p90Us ?? p50 * 2, p99, max: n.maxUs ?? p99 * 2 },
    errors,
    errorRate: n.errorRate ?? countedRate(errors, requests),
    cpuMsPerRequest: n.cpuMsPerRequest === undefined ? 0.05 : n.cpuMsPerRequest,
    peakRssBytes: n.peakRssBytes === undefined ? 50_000_000 : n.peakRssBytes,
    loadCpu: 0.5,
  };
  if (n.pair !== undefined) sample.pair = n.pair;
  return sample;
}

/** Failures over attempts, as a run sample computes it (src/run/sample.ts). */
function countedRate(e: RunSample['errors'], requests: number): number {
  const unanswered = e.connection + e.timeout + (e.protocol ?? 0) + (e.incomplete ?? 0);
  const attempts = requests + unanswered;
  return attempts > 0 ? (unanswered + e.status + e.body) / attempts : 0;
}

/** A valid results record (checked against the schema) built from per-run numbers. */
export function makeRecord(spec: RecordSpec = {}): ResultsRecord {
  const createdAt = new Date(spec.createdAt ?? '2024-01-01T00:00:00.000Z');
  const workloads = Object.entries(spec.workloads ?? { hello: [1000, 1010, 990] }).map(
    ([name, runs]) => ({
      name,
      runs: runs.map((r, i) => makeRun(r, i, createdAt)),
    }),
  );
  const sha = spec.commit === undefined ? 'a'.repeat(40) : spec.commit;
  const record: ResultsRecord = {
    kind: 'perfgate-results',
    version: RECORD_VERSION,
    tool: { name: 'perfgate', version: '0.0.0-test' },
    createdAt: createdAt.toISOString(),
    commit:
      sha === null ? null : { sha, ref: spec.ref === undefined ? 'main' : spec.ref, dirty: false },
    machine: makeMachine({
      ...spec.machine,
      ...(spec.fingerprint ? { fingerprint: spec.fingerprint } : {}),
    }),
    configHash: spec.configHash ?? 'c0ffee0000000000',
    config: spec.config ?? { workloads: Object.keys(spec.workloads ?? { hello: [] }) },
    seed: spec.seed ?? 42,
    design: spec.design ?? 'independent',
    workloads,
  };
  return resultsRecordSchema.parse(record);
}

/** A fake commit sha that differs per number (for records of successive commits). */
export function fakeSha(n: number): string {
  return n.toString(16).padStart(7, '0').padEnd(40, 'f');
}
