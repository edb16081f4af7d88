// `{{name}}` placeholders: how a request refers to a value captured from an earlier response.
// The config checks that every placeholder is captured before it is used; the load module
// substitutes them. Both use this file so they agree on the syntax.

/** A `{{name}}` placeholder (spaces inside the braces allowed); group 1 is the name. */
export const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

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
