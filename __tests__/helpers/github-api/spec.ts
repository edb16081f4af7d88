// Routes of the stand-in GitHub API, compiled from the committed OpenAPI extract
// (fixtures/github/openapi-extract.json, written by scripts/extract-openapi.mjs).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deref, validateSchema, type Schema } from './schema.ts';

const EXTRACT_URL = new URL('../../../fixtures/github/openapi-extract.json', import.meta.url);

/** A parameter of an operation, after `$ref` resolution. */
export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

/** One operation of the description, ready to match requests against. */
export interface Route {
  operationId: string;
  method: string;
  template: string;
  pattern: RegExp;
  pathNames: string[];
  parameters: Parameter[];
  bodySchema?: Schema;
  bodyRequired: boolean;
  responses: Record<string, unknown>;
}

/** A request matched to its route, with its typed path and query parameters. */
export interface Match {
  route: Route;
  params: Record<string, string>;
}

/** The OpenAPI extract as parsed JSON. */
export type OpenApiDocument = {
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
};

/** Reads the committed extract. */
export function loadExtract(): OpenApiDocument {
  return JSON.parse(readFileSync(fileURLToPath(EXTRACT_URL), 'utf8')) as OpenApiDocument;
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head'];

function compileTemplate(template: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const m = /^\{(.+)\}$/.exec(part);
      if (!m) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      names.push(m[1]!);
      return '([^/]+)';
    })
    .join('');
  return { pattern: new RegExp(`^${source}$`), names };
}

/** Every operation of the extract as a route. */
export function compileRoutes(doc: OpenApiDocument): Route[] {
  const routes: Route[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    const shared = (item.parameters ?? []) as unknown[];
    for (const method of METHODS) {
      const op = item[method] as Record<string, unknown> | undefined;
      if (!op) continue;
      const { pattern, names } = compileTemplate(template);
      const parameters = [...shared, ...((op.parameters ?? []) as unknown[])].map(
        (p) => deref(doc, p) as Parameter,
      );
      const body = deref(doc, op.requestBody) as
        { required?: boolean; content?: Record<string, { schema?: Schema }> } | undefined;
      routes.push({
        operationId: String(op.operationId),
        method: method.toUpperCase(),
        template,
        pattern,
        pathNames: names,
        parameters,
        bodySchema: body?.content?.['application/json']?.schema,
        bodyRequired: body?.required === true,
        responses: (op.responses ?? {}) as Record<string, unknown>,
      });
    }
  }
  return routes;
}

/** The route for a method and path, or what went wrong. */
export function matchRoute(
  routes: Route[],
  method: string,
  pathname: string,
): Match | { error: string; status: 404 | 405 } {
  let pathMatched = false;
  for (const route of routes) {
    const m = route.pattern.exec(pathname);
    if (!m) continue;
    pathMatched = true;
    if (route.method !== method) continue;
    const params: Record<string, string> = {};
    route.pathNames.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1]!)));
    return { route, params };
  }
  return pathMatched
    ? { error: `no ${method} for this path in the extract`, status: 405 }
    : {
        error: 'no operation in the extract matches this path',
        status: 404,
      };
}

/** Converts a path or query string to the JSON value its schema describes, for validation. */
function coerce(raw: string, schema: Schema | undefined): unknown {
  const type = schema?.type;
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  if (type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}

/** Problems with the path and query parameters of a matched request. */
export function validateParameters(
  doc: OpenApiDocument,
  match: Match,
  query: URLSearchParams,
): string[] {
  const errors: string[] = [];
  const { route, params } = match;
  const options = { root: doc };
  for (const p of route.parameters.filter((p) => p.in === 'path')) {
    errors.push(
      ...validateSchema(
        p.schema,
        coerce(params[p.name] ?? '', p.schema),
        options,
        `path.${p.name}`,
      ),
    );
  }
  const declared = new Map(
    route.parameters.filter((p) => p.in === 'query').map((p) => [p.name, p]),
  );
  for (const name of new Set(query.keys())) {
    const p = declared.get(name);
    if (!p) {
      errors.push(`query.${name}: parameter not in the spec for ${route.operationId}`);
      continue;
    }
    for (const value of query.getAll(name)) {
      errors.push(...validateSchema(p.schema, coerce(value, p.schema), options, `query.${name}`));
    }
  }
  for (const p of declared.values()) {
    if (p.required && !query.has(p.name))
      errors.push(`query.${p.name}: required parameter missing`);
  }
  return errors;
}

/** The schema of a response status of a route (following `$ref`s), if the spec gives one. */
export function responseSchema(
  doc: OpenApiDocument,
  route: Route,
  status: number,
): Schema | undefined {
  const response = deref(doc, route.responses[String(status)]) as
    { content?: Record<string, { schema?: Schema }> } | undefined;
  return response?.content?.['application/json']?.schema;
}

/** The value of a named example under `components/examples`. */
export function exampleValue<T>(doc: OpenApiDocument, name: string): T {
  const example = doc.components.examples?.[name] as { value?: T } | undefined;
  if (!example?.value) throw new Error(`example ${name} is not in the extract`);
  return structuredClone(example.value);
}
