// `{{name}}` placeholders: how a request refers to a value captured from an earlier response,
// to the environment (`{{env.NAME}}`), to the iteration (`{{seq}}`, `{{random.uuid}}`) or to
// a row of the workload's data file (`{{data.column}}`). The config checks that every
// placeholder has a source; the load module substitutes them. Both use this file so they agree
// on the syntax.

/** A `{{name}}` or `{{ns.name}}` placeholder (spaces inside the braces allowed); group 1 is the name. */
export const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_-]*)?)\s*\}\}/g;

/** Values made fresh for every iteration of a workload (see the README's "Per-iteration values"). */
export const ITERATION_NAMES = ['seq', 'random.int', 'random.uuid', 'random.hex'] as const;

/** The environment variable a `{{env.NAME}}` placeholder names, else undefined. */
export function envName(name: string): string | undefined {
  return name.startsWith('env.') ? name.slice(4) : undefined;
}

/** The column a `{{data.column}}` placeholder names, else undefined. */
export function dataColumn(name: string): string | undefined {
  return name.startsWith('data.') ? name.slice(5) : undefined;
}

/** True for names filled per iteration (`seq`, `random.*`) rather than captured. */
export function isIterationName(name: string): boolean {
  return (ITERATION_NAMES as readonly string[]).includes(name);
}

/** Every `{{env.NAME}}` in a string. */
export function envNamesIn(text: string): string[] {
  return findPlaceholders(text).flatMap((n) => envName(n) ?? []);
}

/** Names of the placeholders in a string, in order of appearance (repeats kept). */
export function findPlaceholders(text: string): string[] {
  return Array.from(text.matchAll(PLACEHOLDER), (m) => m[1] as string);
}

/** Replaces every placeholder with its value; a name missing from `values` is left as written. */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}

/** One use of a placeholder inside a request, with the path of the field that holds it. */
export interface PlaceholderUse {
  /** Field path inside the request, e.g. ["headers", "authorization"] or ["body", "user", "id"]. */
  path: (string | number)[];
  name: string;
}

/** Every placeholder used by a request: in its path, header values and body (strings nested in a JSON body too). */
export function placeholdersInRequest(request: {
  path?: unknown;
  headers?: unknown;
  body?: unknown;
}): PlaceholderUse[] {
  const uses: PlaceholderUse[] = [];
  const visit = (value: unknown, path: (string | number)[]): void => {
    if (typeof value === 'string') {
      for (const name of findPlaceholders(value)) uses.push({ path, name });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, [...path, i]));
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) visit(v, [...path, k]);
    }
  };
  visit(request.path, ['path']);
  if (request.headers && typeof request.headers === 'object') {
    for (const [k, v] of Object.entries(request.headers)) visit(v, ['headers', k]);
  }
  visit(request.body, ['body']);
  return uses;
}
