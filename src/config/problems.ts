// Turns zod issues into problems a person can act on: the path as written in the file, the bad
// value, and what was expected. Unions are resolved to the one alternative the user meant, and
// unknown keys get a "did you mean" from the keys the schema allows at that place.
import { z } from 'zod';
import type { core } from 'zod';
import { didYouMean } from './did-you-mean.ts';
import { cut, MAX_ECHOED_CHARS, MAX_LISTED_PROBLEMS, MAX_PROBLEM_LINE } from './limits.ts';
import { singleWorkloadSchema, workloadSchema } from './schema.ts';
import type { Found } from './schema-walk.ts';
import {
  chooseObjectBranch,
  isPlainObject,
  objectShape,
  schemaAt,
  unionAt,
  valueAt,
} from './schema-walk.ts';

/** One thing wrong with a config file. */
export interface ConfigProblem {
  /** Where, as written in the file: "workloads[2].steps[0].method"; "" for the file as a whole. */
  path: string;
  /** What was expected (or what is wrong), e.g. 'expected one of GET, POST'. */
  message: string;
  /** The bad value, when there is one. */
  value?: unknown;
}

type Issue = core.$ZodIssue;
type Key = PropertyKey;

/** Renders a path as written in the file: workloads[2].steps[0].method. */
export function formatPath(path: readonly Key[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(String(key))) out += `${out ? '.' : ''}${String(key)}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/** Lists problems under a one-line heading naming the file, one per line. */
export function formatProblems(problems: readonly ConfigProblem[], fileName: string): string {
  const n = problems.length;
  // Bounded: a file with 100,000 mistakes gets the first few and a count, not megabytes.
  const lines = problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => {
    const got = p.value === undefined ? '' : `got ${showValue(p.value)}, `;
    return cut(`  - ${p.path ? `${cut(p.path)}: ` : ''}${got}${p.message}`, MAX_PROBLEM_LINE);
  });
  if (n > MAX_LISTED_PROBLEMS)
    lines.push(`  - and ${(n - MAX_LISTED_PROBLEMS).toLocaleString('en-US')} more`);
  return [
    `${cut(fileName, 200)}: ${n.toLocaleString('en-US')} problem${n === 1 ? '' : 's'}:`,
    ...lines,
  ].join('\n');
}

/** A short, JSON-like rendering of a value for a message. */
export function showValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value))
    return value.length === 0 ? 'an empty list' : clip(JSON.stringify(value));
  if (typeof value === 'object') return clip(JSON.stringify(value));
  if (typeof value === 'string') return clip(JSON.stringify(cut(value, MAX_ECHOED_CHARS + 1)));
  return clip(String(value));
}

const clip = (text: string): string => cut(text, MAX_ECHOED_CHARS);

/** Converts the issues of a failed safeParse of `schema` on `input` into problems, in file order. */
export function problemsFromIssues(
  issues: readonly Issue[],
  schema: z.ZodType,
  input: unknown,
): ConfigProblem[] {
  const out: Located[] = [];
  for (const issue of issues) collect(issue, [], schema, input, out);
  // A semantic rule and a field rule can flag the same place with the same words.
  const seen = new Set<string>();
  const unique = out.filter(({ problem: p }) => {
    const key = `${p.path}\0${p.message}\0${showValue(p.value)}`;
    return !seen.has(key) && (seen.add(key), true);
  });
  const order = unique.map((l) => ({ l, key: positionKey(input, l.at) }));
  order.sort((a, b) => compareKeys(a.key, b.key));
  return order.map(({ l }) => l.problem);
}

/** A problem and the path it was found at, kept for sorting. */
interface Located {
  at: Key[];
  problem: ConfigProblem;
}

/** Where a path is in the file: the index of each key among its siblings; missing keys sort last. */
function positionKey(input: unknown, path: readonly Key[]): number[] {
  const key: number[] = [];
  let cur: unknown = input;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') break;
    const index = Array.isArray(cur) ? Number(k) : Object.keys(cur).indexOf(String(k));
    key.push(index < 0 ? Number.MAX_SAFE_INTEGER : index);
    cur = (cur as Record<string, unknown>)[String(k)];
  }
  return key;
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  }
  return a.length - b.length;
}

function collect(issue: Issue, base: Key[], root: z.ZodType, input: unknown, out: Located[]): void {
  const path = [...base, ...issue.path];
  const here = valueAt(input, path);
  const push = (at: Key[], problem: Omit<ConfigProblem, 'path'>) =>
    out.push({ at, problem: { path: formatPath(at), ...problem } });
  switch (issue.code) {
    case 'invalid_union':
      return collectUnion(issue, path, root, input, out);
    case 'unrecognized_keys':
      for (const key of issue.keys) {
        push([...path, key], { message: unknownKeyMessage(root, input, path, key) });
      }
      return;
    case 'invalid_key':
      for (const inner of issue.issues)
        push(path, { message: messageOf(inner), value: issue.input });
      return;
    default: {
      if (issue.code === 'invalid_type' && !here.found) {
        push(path, { message: `missing, ${missingExpectation(issue, root, input, path)}` });
      } else {
        push(path, { message: messageOf(issue), ...valueOf(issue, here) });
      }
    }
  }
}

/** For a missing mapping, name the keys it needs; otherwise the plain expectation. */
function missingExpectation(issue: Issue, root: z.ZodType, input: unknown, path: Key[]): string {
  const shape =
    issue.code === 'invalid_type' && issue.expected === 'object'
      ? objectShape(schemaAt(root, input, path))
      : undefined;
  const required = Object.entries(shape ?? {})
    .filter(([, s]) => !s.safeParse(undefined).success)
    .map(([k]) => k);
  return required.length
    ? `expected a mapping with ${joinOr(required).replace(/ or /, ' and ')}`
    : messageOf(issue);
}

function valueOf(issue: Issue, here: Found): { value?: unknown } {
  // A rule about the whole config reports at a path; the value is what the file has there.
  if (issue.code === 'custom' && !here.found) return {};
  const value = here.found ? here.value : issue.input;
  return value === undefined ? {} : { value };
}

/**
 * A union failed: find the alternative the user meant and report only its issues. Objects go
 * to the branch a chooser picks (a workload with `steps` is a sequence) or the one sharing the
 * most keys with the input; other values go to the alternatives whose type matched. When no
 * alternative's type matched, one message lists what would have been accepted.
 */
function collectUnion(
  issue: Extract<Issue, { code: 'invalid_union' }>,
  path: Key[],
  root: z.ZodType,
  input: unknown,
  out: Located[],
): void {
  const here = valueAt(input, path);
  const union = schemaAt(root, input, path, false);
  const branches = issue.errors;
  const value = here.found ? here.value : issue.input;
  const pick = (i: number) =>
    branches[i]?.forEach((inner) => collect(inner, path, root, input, out));

  if (isPlainObject(value) && union instanceof z.ZodUnion) {
    const chosen = chooseObjectBranch(union, value);
    if (chosen !== undefined) return pick(chosen);
  }
  const matched = branches.map((b, i) => (isTypeMismatch(b) ? -1 : i)).filter((i) => i >= 0);
  if (matched.length === 1) return pick(matched[0] as number);
  if (matched.length > 1) {
    const fewest = matched.reduce((a, b) =>
      (branches[b]?.length ?? 0) < (branches[a]?.length ?? 0) ? b : a,
    );
    return pick(fewest);
  }
  const problem = here.found
    ? { path: formatPath(path), message: unionExpectation(issue), value }
    : { path: formatPath(path), message: `missing, ${unionExpectation(issue)}` };
  out.push({ at: path, problem });
}

function unionExpectation(issue: Extract<Issue, { code: 'invalid_union' }>): string {
  if (issue.message && issue.message !== 'Invalid input') return issue.message;
  const parts = [
    ...new Set(issue.errors.flatMap((b) => b.map((i) => messageOf(i).replace(/^expected /, '')))),
  ];
  return `expected ${joinOr(parts)}`;
}

/** A branch that failed only because the value has another type (or is not its literal). */
function isTypeMismatch(branch: readonly Issue[]): boolean {
  return (
    branch.length === 1 &&
    branch[0]?.path.length === 0 &&
    (branch[0].code === 'invalid_type' || branch[0].code === 'invalid_value')
  );
}

function unknownKeyMessage(root: z.ZodType, input: unknown, path: Key[], key: string): string {
  const owner = schemaAt(root, input, path);
  const known = Object.keys(objectShape(owner) ?? {});
  if (unionAt(root, input, path) === workloadSchema && key in singleWorkloadSchema.shape) {
    return 'not allowed in a workload with steps; set it on each step instead';
  }
  const guess = didYouMean(key, known);
  if (guess) return `unknown key; did you mean "${guess}"?`;
  return known.length ? `unknown key; expected one of ${known.join(', ')}` : 'unknown key';
}

/** What was expected, in words, for one issue. */
function messageOf(issue: Issue): string {
  const own = issue.message;
  const isDefault = /^(Invalid|Too (big|small)|Unrecognized)/.test(own);
  if (!isDefault && own) return own;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `expected ${JSON.stringify(issue.values[0])}`
        : `expected one of ${issue.values.map(String).join(', ')}`;
    case 'too_small':
      return issue.origin === 'string'
        ? issue.minimum === 1
          ? 'expected a non-empty string'
          : `expected at least ${issue.minimum} characters`
        : issue.origin === 'array'
          ? `expected at least ${issue.minimum} item${Number(issue.minimum) === 1 ? '' : 's'}`
          : `expected a number ${issue.inclusive === false ? 'above' : 'of at least'} ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `expected at most ${issue.maximum} characters`
        : issue.origin === 'array'
          ? `expected at most ${issue.maximum} items`
          : `expected a number ${issue.inclusive === false ? 'below' : 'of at most'} ${issue.maximum}`;
    case 'invalid_format':
      return issue.format === 'url'
        ? 'expected a URL'
        : `expected a string matching ${issue.format}`;
    default:
      return own || 'invalid value';
  }
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping of keys to values',
  record: 'a mapping of keys to values',
  array: 'a list',
  null: 'null',
};

const joinOr = (parts: string[]): string =>
  parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} or ${parts.at(-1)}`;
