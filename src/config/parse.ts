// Reads perfgate.yml (or .json) into a typed config, or into every problem found at once.
import { open } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import {
  formatBytes,
  MAX_CONFIG_BYTES,
  MAX_CONFIG_DEPTH,
  MAX_YAML_ALIASES,
  nestingDepth,
} from './limits.ts';
import type { ConfigProblem } from './problems.ts';
import { problemsFromIssues } from './problems.ts';
import type { ParsedConfig } from './schema.ts';
import { configSchema } from './schema.ts';

/** The outcome of reading a config: the config, or every problem with it. */
export type ParseResult =
  { ok: true; config: ParsedConfig } | { ok: false; problems: ConfigProblem[] };

/** Parses config text; `fileName` picks JSON (.json) or YAML (anything else) and names the file in messages. */
export function parseConfig(text: string, fileName: string): ParseResult {
  if (text.length > MAX_CONFIG_BYTES) return tooLarge(text.length);
  const data =
    path.extname(fileName).toLowerCase() === '.json'
      ? readJson(text, fileName)
      : readYaml(text, fileName);
  if (!data.ok) return data;
  if (data.value === undefined || data.value === null) {
    return fail('', 'the file is empty; expected a mapping with at least server and workloads');
  }
  const depth = nestingDepth(data.value, MAX_CONFIG_DEPTH);
  if (depth > MAX_CONFIG_DEPTH) {
    return fail(
      '',
      `lists and mappings are nested more than ${MAX_CONFIG_DEPTH} levels deep; a perfgate config needs fewer than 10`,
    );
  }
  if (typeof data.value !== 'object' || Array.isArray(data.value)) {
    return fail(
      '',
      'expected a mapping with at least server and workloads at the top level',
      data.value,
    );
  }
  const result = configSchema.safeParse(data.value, { reportInput: true });
  if (result.success) return { ok: true, config: result.data };
  const problems = problemsFromIssues(result.error.issues, configSchema, data.value);
  return { ok: false, problems: problems.map(withQuoteHint) };
}

/** Reads and parses a config file; a missing file is one problem that says how to point at one. */
export async function loadConfig(file: string): Promise<ParseResult> {
  let text: string;
  try {
    const handle = await open(file, 'r');
    try {
      // A file over the limit is refused before it is read; /dev/zero or a pipe is never read.
      const info = await handle.stat();
      if (!info.isFile()) return fail('', `${file} is not a regular file`);
      if (info.size > MAX_CONFIG_BYTES) return tooLarge(info.size);
      text = await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    const message =
      code === 'ENOENT'
        ? `config file not found: ${file}; pass --config <file> or create perfgate.yml`
        : `cannot read config file ${file}: ${err instanceof Error ? err.message : String(err)}`;
    return fail('', message);
  }
  return parseConfig(text, file);
}

function tooLarge(size: number): { ok: false; problems: ConfigProblem[] } {
  return fail(
    '',
    `the file is ${formatBytes(size)}; a config file may be at most ${formatBytes(MAX_CONFIG_BYTES)}`,
  );
}

type Data = { ok: true; value: unknown } | { ok: false; problems: ConfigProblem[] };

const fail = (
  where: string,
  message: string,
  value?: unknown,
): { ok: false; problems: ConfigProblem[] } => ({
  ok: false,
  problems: [{ path: where, message, ...(value === undefined ? {} : { value }) }],
});

const TOO_DEEP = `lists and mappings are nested too deeply (a perfgate config needs fewer than 10 levels; at most ${MAX_CONFIG_DEPTH})`;

function readYaml(text: string, fileName: string): Data {
  let doc: ReturnType<typeof parseDocument>;
  try {
    // uniqueKeys (the default) makes a repeated key a syntax error rather than a silent override.
    // logLevel error: a mapping used as a key (an unquoted {{x}}) is reported as a problem, not
    // printed as a warning.
    doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true, logLevel: 'error' });
  } catch (err) {
    if (err instanceof RangeError) return fail('', TOO_DEEP);
    throw err;
  }
  if (doc.errors.length > 0) {
    if (doc.errors.some((e) => /call stack/i.test(e.message))) return fail('', TOO_DEEP);
    const lines = text.split(/\r?\n/);
    const hinted = new Set<number>();
    const problems: ConfigProblem[] = [];
    for (const e of doc.errors) {
      const at = e.linePos?.[0];
      const where = at ? `${fileName}:${at.line}:${at.col}` : fileName;
      const hint = at ? placeholderHint(lines[at.line - 1] ?? '') : null;
      if (at && hint) {
        // One message per line naming the cause, instead of the parser's several.
        if (!hinted.has(at.line))
          problems.push({
            path: '',
            message: `YAML syntax error at ${fileName}:${at.line}: ${hint}`,
          });
        hinted.add(at.line);
        continue;
      }
      const reason = (e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
      problems.push({ path: '', message: `YAML syntax error at ${where}: ${reason}` });
    }
    return { ok: false, problems };
  }
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) };
  } catch (err) {
    if (err instanceof RangeError) return fail('', TOO_DEEP);
    // The yaml package refuses an alias expansion past maxAliasCount with a ReferenceError.
    if (err instanceof ReferenceError && /alias/i.test(err.message)) {
      return fail(
        '',
        `YAML aliases expand too far (more than ${MAX_YAML_ALIASES} alias uses, as in a "billion laughs" file); write the values out or use fewer *aliases`,
      );
    }
    throw err;
  }
}

/**
 * A hint when a YAML line holds an unquoted `{{name}}`: in YAML `{` opens a flow mapping, so
 * `path: /tasks/{{id}}` inside `{ ... }` (or a value starting with `{{`) is a syntax error.
 */
function placeholderHint(line: string): string | null {
  const m =
    /([A-Za-z0-9_-]+):\s*((?:[^'"\s,{}]|\{\{[^}]*\}\})*\{\{\s*([A-Za-z0-9_.]+)\s*\}\}(?:[^\s,{}]|\{\{[^}]*\}\})*)/.exec(
      line,
    );
  if (!m) return null;
  const quotesBefore = (line.slice(0, m.index).match(/["']/g) ?? []).length;
  if (quotesBefore % 2 === 1) return null;
  return `${QUOTE_HINT.replace('NAME', m[3] as string)}: write ${m[1]}: "${m[2]}"`;
}

const QUOTE_HINT =
  'a value with {{NAME}} must be quoted in YAML, because { and } start a mapping there';

/** `headers: { a: {{x}} }` parses as a mapping keyed "{ x }": say to quote it. */
function withQuoteHint(p: ConfigProblem): ConfigProblem {
  const got = p.value !== undefined && typeof p.value === 'object' ? JSON.stringify(p.value) : '';
  const m = /^\{"\{ ?([A-Za-z0-9_.]+) ?\}":null\}$/.exec(got ?? '');
  return m
    ? {
        ...p,
        message: `${p.message}; ${QUOTE_HINT.replace('NAME', m[1] as string)}: write "{{${m[1]}}}"`,
      }
    : p;
}

function readJson(text: string, fileName: string): Data {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    if (err instanceof RangeError) return fail('', TOO_DEEP);
    const reason = err instanceof Error ? err.message : String(err);
    const offset = jsonErrorOffset(reason, text);
    const before = text.slice(0, offset).split('\n');
    const where = `${fileName}:${before.length}:${(before.at(-1)?.length ?? 0) + 1}`;
    const short = reason
      .replace(/, (\.\.\.)?".*" (\.\.\.)?is not valid JSON$/s, '')
      .replace(/ in JSON at position \d+.*$/s, '');
    return {
      ok: false,
      problems: [{ path: '', message: `JSON syntax error at ${where}: ${short}` }],
    };
  }
}

/**
 * Where JSON.parse gave up. V8 says "at position N" for most errors; for an unexpected token
 * it quotes the text around it instead ("...10 chars before, token, 10 after..."), so find
 * that excerpt in the text.
 */
function jsonErrorOffset(reason: string, text: string): number {
  const pos = /position (\d+)/.exec(reason);
  if (pos) return Number(pos[1]);
  const quoted = /^Unexpected token '(.+?)', (\.\.\.)?"(.*)"(\.\.\.)? is not valid JSON$/s.exec(
    reason,
  );
  if (!quoted) return text.length;
  const token = quoted[1] as string;
  const clipped = quoted[2] !== undefined;
  const core = quoted[3] as string;
  const at = text.indexOf(core);
  if (at < 0) return text.length;
  return clipped ? at + 10 : at + Math.max(0, core.indexOf(token));
}
