// Reads perfgate.yml (or .json) into a typed config, or into every problem found at once.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { ConfigProblem } from './problems.ts';
import { problemsFromIssues } from './problems.ts';
import type { ParsedConfig } from './schema.ts';
import { configSchema } from './schema.ts';

/** The outcome of reading a config: the config, or every problem with it. */
export type ParseResult =
  { ok: true; config: ParsedConfig } | { ok: false; problems: ConfigProblem[] };

/** Parses config text; `fileName` picks JSON (.json) or YAML (anything else) and names the file in messages. */
export function parseConfig(text: string, fileName: string): ParseResult {
  const data =
    path.extname(fileName).toLowerCase() === '.json'
      ? readJson(text, fileName)
      : readYaml(text, fileName);
  if (!data.ok) return data;
  if (data.value === undefined || data.value === null) {
    return fail('', 'the file is empty; expected a mapping with at least server and workloads');
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
    text = await readFile(file, 'utf8');
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

type Data = { ok: true; value: unknown } | { ok: false; problems: ConfigProblem[] };

const fail = (
  where: string,
  message: string,
  value?: unknown,
): { ok: false; problems: ConfigProblem[] } => ({
  ok: false,
  problems: [{ path: where, message, ...(value === undefined ? {} : { value }) }],
});

function readYaml(text: string, fileName: string): Data {
  // uniqueKeys (the default) makes a repeated key a syntax error rather than a silent override.
  // logLevel error: a mapping used as a key (an unquoted {{x}}) is reported as a problem, not
  // printed as a warning.
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true, logLevel: 'error' });
  if (doc.errors.length > 0) {
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
  return { ok: true, value: doc.toJS() };
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
