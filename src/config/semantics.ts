// Rules about a whole config that a per-field schema cannot express. They run as one
// superRefine on the root schema even when other fields are invalid (`when: () => true`), so
// every problem is reported in one go; the value they see may therefore be partly unparsed,
// and every check here tolerates fields of the wrong type (those are reported elsewhere).
import type { z } from 'zod';
import { LOAD_OPTION_DEFAULTS } from './defaults.ts';
import { dataColumn, envName, isIterationName, placeholdersInRequest } from './placeholders.ts';
import { checkExternalServer, checkWorkloadLoad } from './semantics-extras.ts';

type Path = (string | number)[];
type Report = (path: Path, message: string, input?: unknown) => void;
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const objects = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** Checks the cross-field rules of a config and reports each broken one as a custom issue. */
export function checkConfigSemantics(value: unknown, ctx: z.RefinementCtx): void {
  if (!isObj(value)) return;
  const report: Report = (path, message, input) =>
    ctx.addIssue({ code: 'custom', path, message, ...(input === undefined ? {} : { input }) });
  checkServer(value.server, report);
  checkRunBounds(value, report);
  const workloads = Array.isArray(value.workloads) ? value.workloads : [];
  checkUniqueNames(workloads, report);
  const defaults = isObj(value.defaults) ? value.defaults : {};
  checkWorkloadLoad(defaults, ['defaults'], {}, report);
  workloads.forEach((w, i) => {
    if (!isObj(w)) return;
    checkPlaceholders(w, ['workloads', i], report);
    checkWorkloadLoad(w, ['workloads', i], defaults, report);
  });
}

function checkServer(server: unknown, report: Report): void {
  if (!isObj(server)) return;
  if (server.command === undefined) return checkExternalServer(server, report);
  if (server.pid !== undefined) {
    report(
      ['server', 'pid'],
      'expected no pid when server.command is set: perfgate reads the CPU and memory of the server it starts',
    );
  }
  if (!isObj(server.ready)) {
    if (server.ready === undefined)
      report(
        ['server', 'ready'],
        'missing, expected how to tell the started server is ready: ready: { url: ... }, { port: ... } or { log: ... }',
      );
    return;
  }
  const ready = server.ready;
  const given = (['url', 'port', 'log'] as const).filter((k) => ready[k] !== undefined);
  if (given.length === 0) {
    report(['server', 'ready'], 'expected one of url, port or log to say when the server is ready');
  } else if (given.length > 1) {
    report(
      ['server', 'ready'],
      `expected only one of url, port or log, not ${given.join(' and ')}`,
    );
  }
  checkPortPlaceholders(server, report);
  if (
    given.length === 1 &&
    given[0] === 'log' &&
    server.url === undefined &&
    server.port === undefined
  ) {
    report(
      ['server', 'url'],
      'missing, expected the base URL of the server such as "http://127.0.0.1:3000" (required when server.ready waits for a log line and server.port is not set)',
    );
  }
}

/** `{{port}}` in the server section only makes sense when server.port says which port. */
function checkPortPlaceholders(server: Obj, report: Report): void {
  if (server.port !== undefined) return;
  const fields: [Path, unknown][] = [
    [['server', 'command'], server.command],
    [['server', 'url'], server.url],
    [['server', 'ready', 'url'], isObj(server.ready) ? server.ready.url : undefined],
    ...Object.entries(isObj(server.env) ? server.env : {}).map(([k, v]): [Path, unknown] => [
      ['server', 'env', k],
      v,
    ]),
  ];
  for (const [path, value] of fields) {
    if (typeof value === 'string' && /\{\{\s*port\s*\}\}/.test(value)) {
      report(path, 'expected server.port to be set when {{port}} is used');
    }
  }
}

/** min-runs <= max-runs, for the defaults and for each workload's effective values. */
function checkRunBounds(config: Obj, report: Report): void {
  const d = isObj(config.defaults) ? config.defaults : {};
  const check = (own: Obj, base: Path, inherited: Obj): void => {
    const ownMin = num(own['min-runs']);
    const ownMax = num(own['max-runs']);
    if (ownMin === undefined && ownMax === undefined) return;
    const min = ownMin ?? num(inherited['min-runs']) ?? LOAD_OPTION_DEFAULTS['min-runs'];
    const max = ownMax ?? num(inherited['max-runs']) ?? LOAD_OPTION_DEFAULTS['max-runs'];
    if (min <= max) return;
    if (ownMin !== undefined) {
      report([...base, 'min-runs'], `expected at most max-runs (${max})`, min);
    } else {
      report([...base, 'max-runs'], `expected at least min-runs (${min})`, max);
    }
  };
  check(d, ['defaults'], {});
  const workloads = Array.isArray(config.workloads) ? config.workloads : [];
  workloads.forEach((w, i) => {
    if (isObj(w)) check(w, ['workloads', i], d);
  });
}

function checkUniqueNames(workloads: unknown[], report: Report): void {
  const seen = new Map<string, number>();
  workloads.forEach((w, i) => {
    if (!isObj(w) || typeof w.name !== 'string') return;
    const first = seen.get(w.name);
    if (first === undefined) seen.set(w.name, i);
    else
      report(
        ['workloads', i, 'name'],
        `expected a unique name (workloads[${first}] has it too)`,
        w.name,
      );
  });
}

/**
 * Every `{{name}}` must be captured before it is used: by a setup step, or by an earlier step
 * of the same sequence. A capture made by a later step does not count: the first iteration
 * would send the placeholder as written.
 */
function checkPlaceholders(workload: Obj, base: Path, report: Report): void {
  const setup = objects(workload.setup);
  const steps = Array.isArray(workload.steps) ? workload.steps : [workload];
  const stepBase = (i: number): Path =>
    Array.isArray(workload.steps) ? [...base, 'steps', i] : base;
  const captured = new Set<string>();
  const hasData = typeof workload.data === 'string';
  const builtIn = (name: string, at: Path): boolean => {
    if (envName(name) !== undefined || isIterationName(name)) return true;
    if (dataColumn(name) !== undefined) {
      if (!hasData)
        report(at, `expected a data file (data: users.csv) on the workload for {{${name}}}`);
      return true;
    }
    if (!name.includes('.')) return false;
    report(
      at,
      `expected a known placeholder, not {{${name}}}: {{env.NAME}}, {{data.<column>}}, {{seq}}, {{random.int}}, {{random.uuid}}, {{random.hex}} or a captured {{name}}`,
    );
    return true;
  };
  const walk = (
    requests: unknown[],
    at: (i: number) => Path,
    laterLabel: (i: number) => string,
  ) => {
    requests.forEach((request, i) => {
      if (!isObj(request)) return;
      for (const use of placeholdersInRequest(request)) {
        if (captured.has(use.name) || builtIn(use.name, [...at(i), ...use.path])) continue;
        const later = requests.findIndex(
          (r, j) => j >= i && isObj(r) && capturesOf(r).includes(use.name),
        );
        const hint =
          later === i
            ? '; a request cannot use a value it captures itself'
            : later > i
              ? `; it is captured only by ${laterLabel(later)}, which runs after this one`
              : `; add capture: { ${use.name}: body.<field> } to an earlier step or to setup`;
        report(
          [...at(i), ...use.path],
          `expected {{${use.name}}} to be captured by an earlier step or setup${hint}`,
        );
      }
      for (const name of capturesOf(request)) captured.add(name);
    });
  };
  walk(
    setup,
    (i) => [...base, 'setup', i],
    (i) => `setup[${i}]`,
  );
  if (Array.isArray(workload.mix)) {
    walk(
      workload.mix,
      (i) => [...base, 'mix', i],
      (i) => `mix[${i}]`,
    );
  } else walk(steps, stepBase, (i) => `steps[${i}]`);
}

const capturesOf = (request: Obj): string[] =>
  isObj(request.capture) ? Object.keys(request.capture) : [];
