// Renders a JSON Schema as a Markdown reference: one table per object (key, type, default,
// description), and a section per named definition ($defs, or draft-07's definitions). Pure: schema in, text out.

/** The subset of JSON Schema that perfgate's generated schemas use. */
export interface JsonSchema {
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  /** Draft-07's name for $defs. */
  definitions?: Record<string, JsonSchema>;
  title?: string;
  description?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  minLength?: number;
  examples?: unknown[];
}

/** Options of one rendered reference page. */
export interface ReferenceOptions {
  /** Page title. */
  title: string;
  /** Markdown put between the title and the first table. */
  intro: string;
  /** Heading of the root object's table. */
  rootName: string;
}

interface Section {
  heading: string;
  /** Path of the object in the file ('' for the root), used to name nested sections. */
  at: string;
  schema: JsonSchema;
}

/**
 * Draft-07 ignores keywords beside a `$ref`, so a reference with a description is written as
 * `{ description, allOf: [{ $ref }] }`; read it back as `{ description, $ref }`.
 */
function unwrapRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unwrapRefs);
  if (value === null || typeof value !== 'object') return value;
  const { allOf, ...rest } = value as Record<string, unknown>;
  const entries = Object.entries(rest).map(([k, v]) => [k, unwrapRefs(v)] as const);
  const only = Array.isArray(allOf) && allOf.length === 1 ? (allOf[0] as JsonSchema) : null;
  if (only && typeof only.$ref === 'string' && Object.keys(only).length === 1) {
    return { ...Object.fromEntries(entries), $ref: only.$ref };
  }
  return {
    ...Object.fromEntries(entries),
    ...(allOf === undefined ? {} : { allOf: unwrapRefs(allOf) }),
  };
}

/** Renders `schema` as a Markdown page with a table per object. */
export function renderReference(input: JsonSchema, options: ReferenceOptions): string {
  const schema = unwrapRefs(input) as JsonSchema;
  const queue: Section[] = [];
  const byContent = new Map<string, string>();
  const out: string[] = [`# ${options.title}`, '', options.intro.trim(), ''];
  // Identical objects (a request's `expect` in a step and in a single workload) share one section.
  const section = (heading: string, at: string, s: JsonSchema): string => {
    const key = JSON.stringify(s);
    const known = byContent.get(key);
    if (known !== undefined) return known;
    byContent.set(key, heading);
    queue.push({ heading, at, schema: s });
    return heading;
  };
  const ctx: Ctx = { defs: schema.definitions ?? schema.$defs ?? {}, section };
  section(options.rootName, '', schema);
  for (let next = queue.shift(); next; next = queue.shift()) out.push(...renderSection(next, ctx));
  return `${out.join('\n').trimEnd()}\n`;
}

interface Ctx {
  defs: Record<string, JsonSchema>;
  /** Queues a section for an object (once per distinct object) and returns its heading. */
  section: (heading: string, at: string, s: JsonSchema) => string;
}

function renderSection({ heading, at, schema }: Section, ctx: Ctx): string[] {
  const lines = [`## ${heading}`, ''];
  if (schema.description) lines.push(schema.description, '');
  if (!schema.properties) {
    lines.push(`Type: ${typeText(schema, at, ctx)}.`, '');
    if (schema.examples?.length)
      lines.push(`Example: ${schema.examples.map((e) => code(e)).join(', ')}.`, '');
    return lines;
  }
  const required = new Set(schema.required ?? []);
  lines.push('| Key | Type | Default | Description |', '| --- | --- | --- | --- |');
  for (const [key, prop] of Object.entries(schema.properties)) {
    const def = required.has(key)
      ? '**required**'
      : prop.default !== undefined
        ? code(prop.default)
        : '';
    const type = typeText(prop, at ? `${at}.${key}` : key, ctx);
    const description = prop.description ?? resolve(prop, ctx).description ?? '';
    lines.push(`| \`${key}\` | ${cell(type)} | ${cell(def)} | ${cell(description)} |`);
  }
  lines.push('');
  return lines;
}

function resolve(s: JsonSchema, ctx: Ctx): JsonSchema {
  const name = refName(s);
  return name ? (ctx.defs[name] ?? s) : s;
}

const refName = (s: JsonSchema): string | undefined =>
  s.$ref?.replace(/^#\/(\$defs|definitions)\//, '');

/** A readable type, linking to (and queueing) a section for every object it contains. */
function typeText(s: JsonSchema, at: string, ctx: Ctx): string {
  const name = refName(s);
  if (name) {
    const heading = ctx.section(name, name, ctx.defs[name] ?? {});
    return `[${name}](#${anchor(heading)})`;
  }
  if (s.const !== undefined) return code(s.const);
  if (s.enum) return s.enum.map(code).join(' or ');
  if (s.anyOf) {
    const objects = s.anyOf.filter((o) => o.properties);
    return s.anyOf
      .map((o) =>
        o.properties && objects.length > 1
          ? objectLink(o, `${at} (${formName(o)})`, ctx)
          : typeText(o, at, ctx),
      )
      .join(' or ');
  }
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (types.includes('array'))
    return `list of ${s.items ? typeText(s.items, `${at}[]`, ctx) : 'values'}`;
  if (types.includes('object')) {
    if (s.properties) return objectLink(s, at, ctx);
    const values =
      typeof s.additionalProperties === 'object'
        ? typeText(s.additionalProperties, at, ctx)
        : 'value';
    return `mapping of name to ${values}`;
  }
  return types.map((t) => scalarText(t, s)).join(' or ') || 'any';
}

function objectLink(s: JsonSchema, at: string, ctx: Ctx): string {
  const heading = ctx.section(`\`${at}\``, at, s);
  return `[${s.title ?? 'mapping'}](#${anchor(heading)})`;
}

/** A short name for one alternative of a union of objects: its title, else its description. */
function formName(s: JsonSchema): string {
  return s.title ?? (s.description ?? 'form').replace(/[.,:;].*$/, '');
}

function scalarText(t: string, s: JsonSchema): string {
  const max =
    s.maximum !== undefined && s.maximum < Number.MAX_SAFE_INTEGER ? s.maximum : undefined;
  const range =
    s.minimum !== undefined && max !== undefined
      ? ` ${s.minimum}-${max}`
      : s.minimum !== undefined
        ? ` >= ${s.minimum}`
        : s.exclusiveMinimum !== undefined
          ? ` > ${s.exclusiveMinimum}`
          : '';
  if (t === 'integer') return `whole number${range}`;
  if (t === 'number') return `number${range}`;
  if (t === 'string' && s.pattern === '^\\/.*') return 'string starting with `/`';
  if (t === 'string' && s.pattern) return `string matching \`${s.pattern}\``;
  return t;
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
export function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/ /g, '-');
}

const code = (v: unknown): string => `\`${typeof v === 'string' ? v : JSON.stringify(v)}\``;
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
