// Cross-field rules for a server perfgate did not start, and for a workload's load options
// (stages, iterations, think time). Like semantics.ts, every check tolerates fields of the
// wrong type: those are reported by the per-field schema.
type Path = (string | number)[];
type Report = (path: Path, message: string, input?: unknown) => void;
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Keys that only make sense for a server perfgate starts itself. */
const STARTED_ONLY = ['build', 'env', 'cpus', 'cwd', 'stop-timeout'] as const;

/** A server without `command`: perfgate measures it at server.url and never starts or stops it. */
export function checkExternalServer(server: Obj, report: Report): void {
  const why = 'applies only to a server perfgate starts (server.command is not set)';
  for (const key of STARTED_ONLY) {
    if (server[key] !== undefined) report(['server', key], `unexpected: ${key} ${why}`);
  }
  if (server.port !== undefined) {
    report(
      ['server', 'port'],
      `unexpected: port ${why}; write the port into server.url, e.g. "http://127.0.0.1:8080"`,
    );
  }
  if (server.restart !== undefined && server.restart !== 'never') {
    report(
      ['server', 'restart'],
      'expected never: perfgate cannot restart a server it did not start (set server.command to let perfgate start it)',
      server.restart,
    );
  }
  const ready = isObj(server.ready) ? server.ready : undefined;
  if (ready?.log !== undefined) {
    report(
      ['server', 'ready', 'log'],
      'unexpected: perfgate does not see the output of a server it did not start; wait for ready.url or ready.port',
    );
  }
  if (server.url === undefined && ready?.url === undefined && ready?.port === undefined) {
    report(
      ['server'],
      'missing, expected server.command (to start the server) or server.url (the base URL of a server that is already running, e.g. "http://127.0.0.1:8080")',
    );
  }
}

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** Stages, iterations and think time of `own` (a workload or the defaults), given `inherited`. */
export function checkWorkloadLoad(own: Obj, base: Path, inherited: Obj, report: Report): void {
  const get = (k: string): unknown => own[k] ?? inherited[k];
  if (own.iterations !== undefined && own.requests !== undefined) {
    report([...base, 'iterations'], 'expected either iterations or requests, not both');
  }
  const stages = Array.isArray(get('stages')) ? (get('stages') as unknown[]).filter(isObj) : [];
  const at = own.stages !== undefined ? [...base, 'stages'] : base;
  if (stages.length > 0) {
    const kinds = new Set<string>();
    stages.forEach((st, i) => {
      const has = (['connections', 'rate'] as const).filter((k) => st[k] !== undefined);
      if (has.length !== 1) {
        report(
          [...at, i],
          `expected exactly one of connections (closed model) or rate (open model) in a stage${has.length ? `, not ${has.join(' and ')}` : ''}`,
        );
      }
      has.forEach((k) => kinds.add(k));
    });
    if (kinds.size > 1) {
      report(at, 'expected every stage to set the same thing: all connections, or all rate');
    }
    for (const key of ['requests', 'iterations', 'rate'] as const) {
      if (own[key] !== undefined) {
        report(
          [...base, key],
          `unexpected beside stages: a staged run lasts the sum of its stages${key === 'rate' ? ' and each stage sets the rate' : ''}`,
        );
      }
    }
    const peak = Math.max(0, ...stages.map((st) => num(st.connections) ?? num(st.rate) ?? 0));
    if (peak === 0) report(at, 'expected at least one stage with a target above 0');
  }
  if (get('think') !== undefined && (get('rate') !== undefined || stagesOf(stages) === 'rate')) {
    report(
      [...base, 'think'],
      'unexpected in the open model: with a rate the schedule decides when a request goes out, not a think time',
    );
  }
}

function stagesOf(stages: Obj[]): 'connections' | 'rate' | null {
  if (stages.some((s) => s.rate !== undefined)) return 'rate';
  return stages.length ? 'connections' : null;
}
