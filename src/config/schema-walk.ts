// Finds, for a path in a config file, the value there and the zod schema that checks it, so
// problem messages can name the keys allowed at that place and the union branch meant.
import { z } from 'zod';
import { UNION_BRANCH_CHOOSERS } from './schema.ts';

type Key = PropertyKey;

/** Which alternative of a union of objects `value` meant, if it can be told. */
export function chooseObjectBranch(
  union: z.ZodUnion,
  value: Record<string, unknown>,
): number | undefined {
  const chooser = UNION_BRANCH_CHOOSERS.get(union);
  if (chooser) return chooser(value);
  const options = union.options as readonly z.ZodType[];
  const scores = options.map((o) => {
    const shape = objectShape(o);
    return shape ? Object.keys(value).filter((k) => k in shape).length : -1;
  });
  const best = Math.max(...scores);
  return best > 0 ? scores.indexOf(best) : undefined;
}

/** The value at a path, or that there is none. */
export type Found = { found: true; value: unknown } | { found: false; value?: undefined };

/** The value at `path` inside `input`. */
export function valueAt(input: unknown, path: readonly Key[]): Found {
  let cur: unknown = input;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object' || !(String(key) in cur)) return { found: false };
    cur = (cur as Record<string, unknown>)[String(key)];
  }
  return { found: true, value: cur };
}

/** True for a mapping (not null, not a list). */
export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** Strips optional/default/pipe wrappers down to the schema that checks the value's shape. */
function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) {
      s = s.unwrap() as z.ZodType;
    } else if (s instanceof z.ZodPipe) s = s.in as z.ZodType;
    else return s;
  }
}

/** The keys of an object schema (through optional/default/pipe wrappers), else undefined. */
export function objectShape(schema: z.ZodType | undefined): Record<string, z.ZodType> | undefined {
  const s = schema && unwrap(schema);
  return s instanceof z.ZodObject ? (s.shape as Record<string, z.ZodType>) : undefined;
}

/** The union of objects whose branch was chosen at `path`, if any. */
export function unionAt(
  root: z.ZodType,
  input: unknown,
  path: readonly Key[],
): z.ZodUnion | undefined {
  const s = schemaAt(root, input, path, false);
  return s instanceof z.ZodUnion ? s : undefined;
}

/**
 * The schema that checks the value at `path`, descending through objects, arrays, records and
 * (using the input to pick the branch) unions of objects. With `resolveLast` false a union at
 * the end of the path is returned as is.
 */
export function schemaAt(
  root: z.ZodType,
  input: unknown,
  path: readonly Key[],
  resolveLast = true,
): z.ZodType | undefined {
  let s: z.ZodType | undefined = root;
  for (let i = 0; i <= path.length && s; i++) {
    s = unwrap(s);
    const value = valueAt(input, path.slice(0, i)).value;
    if (s instanceof z.ZodUnion && (i < path.length || resolveLast)) {
      const chosen = isPlainObject(value) ? chooseObjectBranch(s, value) : undefined;
      s =
        chosen === undefined ? s : unwrap((s.options as readonly z.ZodType[])[chosen] as z.ZodType);
    }
    if (i === path.length) return s;
    const key = path[i] as Key;
    if (s instanceof z.ZodObject) s = (s.shape as Record<string, z.ZodType>)[String(key)];
    else if (s instanceof z.ZodArray) s = s.element as z.ZodType;
    else if (s instanceof z.ZodRecord) s = s.valueType as z.ZodType;
    else return undefined;
  }
  return s;
}
