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
  return { ok: false, problems: problemsFromIssues(result.error.issues, configSchema, data.value) };
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
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => {
        const at = e.linePos?.[0];
        const where = at ? `${fileName}:${at.line}:${at.col}` : fileName;
        const reason = (e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
        return { path: '', message: `YAML syntax error at ${where}: ${reason}` };
      }),
    };
  }
  return { ok: true, value: doc.toJS() };
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
