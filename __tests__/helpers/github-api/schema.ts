// A validator for the JSON Schema subset GitHub's OpenAPI 3.0 description uses: $ref, type
// (a name or a list, with OpenAPI's `nullable`), enum, properties, required,
// additionalProperties, items, oneOf/anyOf/allOf, minimum/maximum, minLength/maxLength,
// minItems/maxItems, pattern and the `date-time`/`uri` formats. Unknown keywords (examples,
// descriptions, x-github extensions) are ignored.

/** A schema object as it appears in the description. */
export type Schema = Record<string, unknown>;

/** How strictly to check. */
export interface ValidateOptions {
  /** The whole document, for resolving `#/components/...` references. */
  root: unknown;
  /** Report object properties the schema does not declare (for requests perfgate sends). */
  strict?: boolean;
}

/** Follows a local JSON pointer (`#/components/schemas/issue-comment`). */
export function resolveRef(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`unsupported $ref ${ref}`);
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    if (node === undefined) throw new Error(`dangling $ref ${ref}`);
  }
  return node;
}

/** Follows `$ref` until a schema with content is reached. */
export function deref<T>(root: unknown, node: T): T {
  let current: unknown = node;
  while (current && typeof current === 'object' && '$ref' in current) {
    current = resolveRef(root, String((current as { $ref: unknown }).$ref));
  }
  return current as T;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function checkFormat(format: unknown, value: string): boolean {
  if (format === 'date-time') return DATE_TIME.test(value);
  if (format === 'uri') return URL.canParse(value);
  return true;
}

/** Every way `value` breaks `schema`, each as "path: problem"; empty when it conforms. */
export function validateSchema(
  schemaOrRef: unknown,
  value: unknown,
  options: ValidateOptions,
  path = '$',
): string[] {
  const schema = deref(options.root, schemaOrRef) as Schema | undefined;
  if (!schema || typeof schema !== 'object') return [];
  const errors: string[] = [];
  const nullable = schema.nullable === true;
  if (value === null && nullable) return [];

  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((t) => matchesType(value, t))) {
      return [
        `${path}: expected ${types.join(' or ')}${nullable ? ' or null' : ''}, got ${typeOf(value)}`,
      ];
    }
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => e === value)) {
    errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  }

  if (Array.isArray(schema.allOf)) {
    for (const sub of schema.allOf) errors.push(...validateSchema(sub, value, options, path));
  }
  if (Array.isArray(schema.anyOf)) {
    const results = schema.anyOf.map((sub) => validateSchema(sub, value, options, path));
    if (!results.some((r) => r.length === 0)) {
      errors.push(`${path}: matches none of anyOf (${results.map((r) => r[0]).join('; ')})`);
    }
  }
  if (Array.isArray(schema.oneOf)) {
    const results = schema.oneOf.map((sub) => validateSchema(sub, value, options, path));
    const matches = results.filter((r) => r.length === 0).length;
    if (matches !== 1) {
      errors.push(
        matches === 0
          ? `${path}: matches none of oneOf (${results.map((r) => r[0]).join('; ')})`
          : `${path}: matches ${matches} schemas of oneOf, expected exactly 1`,
      );
    }
  }

  if (typeof value === 'string') errors.push(...checkString(schema, value, path));
  if (typeof value === 'number') errors.push(...checkNumber(schema, value, path));
  if (Array.isArray(value)) errors.push(...checkArray(schema, value, options, path));
  else if (value !== null && typeof value === 'object') {
    errors.push(...checkObject(schema, value as Record<string, unknown>, options, path));
  }
  return errors;
}

function checkString(schema: Schema, value: string, path: string): string[] {
  const errors: string[] = [];
  if (typeof schema.minLength === 'number' && value.length < schema.minLength) {
    errors.push(`${path}: shorter than ${schema.minLength} characters`);
  }
  if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) {
    errors.push(`${path}: longer than ${schema.maxLength} characters`);
  }
  if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) {
    errors.push(`${path}: does not match /${schema.pattern}/`);
  }
  if (!checkFormat(schema.format, value)) {
    errors.push(`${path}: ${JSON.stringify(value)} is not a valid ${String(schema.format)}`);
  }
  return errors;
}

function checkNumber(schema: Schema, value: number, path: string): string[] {
  const errors: string[] = [];
  if (typeof schema.minimum === 'number' && value < schema.minimum) {
    errors.push(`${path}: ${value} is below the minimum ${schema.minimum}`);
  }
  if (typeof schema.maximum === 'number' && value > schema.maximum) {
    errors.push(`${path}: ${value} is above the maximum ${schema.maximum}`);
  }
  return errors;
}

function checkArray(schema: Schema, value: unknown[], options: ValidateOptions, path: string) {
  const errors: string[] = [];
  if (typeof schema.minItems === 'number' && value.length < schema.minItems) {
    errors.push(`${path}: fewer than ${schema.minItems} items`);
  }
  if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) {
    errors.push(`${path}: more than ${schema.maxItems} items`);
  }
  if (schema.items !== undefined) {
    value.forEach((item, i) =>
      errors.push(...validateSchema(schema.items, item, options, `${path}[${i}]`)),
    );
  }
  return errors;
}

function checkObject(
  schema: Schema,
  value: Record<string, unknown>,
  options: ValidateOptions,
  path: string,
): string[] {
  const errors: string[] = [];
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  if (Array.isArray(schema.required)) {
    for (const name of schema.required as string[]) {
      if (!(name in value)) errors.push(`${path}: missing required property "${name}"`);
    }
  }
  const composed =
    Array.isArray(schema.oneOf) || Array.isArray(schema.anyOf) || Array.isArray(schema.allOf);
  for (const [name, item] of Object.entries(value)) {
    const at = `${path}.${name}`;
    if (name in properties) {
      errors.push(...validateSchema(properties[name], item, options, at));
    } else if (schema.additionalProperties === false) {
      errors.push(`${at}: property not allowed by the schema`);
    } else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
      errors.push(...validateSchema(schema.additionalProperties, item, options, at));
    } else if (options.strict && schema.properties !== undefined && !composed) {
      errors.push(`${at}: property not in the spec`);
    }
  }
  return errors;
}
