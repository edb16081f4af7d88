// Data files of workloads (`data: users.csv`): read once when the config is loaded, checked
// against the {{data.<column>}} placeholders the workload uses, and handed to every run.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ResolvedConfig, ResolvedWorkload } from './resolve.ts';
import { dataColumn, findPlaceholders } from './placeholders.ts';
import { InputError } from '../errors.ts';

/** One row of a data file: column to value. */
export type DataRow = Record<string, string>;

/** Largest data file read: every run gets the rows over IPC. */
const MAX_BYTES = 16 * 1024 * 1024;

/** Parses CSV (RFC 4180: quoted fields, doubled quotes, CRLF or LF) with a header row. */
export function parseCsv(text: string): DataRow[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endRow = () => {
    row.push(field);
    if (row.some((f) => f !== '')) rows.push(row);
    row = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  const [header, ...body] = rows;
  if (!header) return [];
  return body.map((r) => Object.fromEntries(header.map((name, i) => [name.trim(), r[i] ?? ''])));
}

/** Parses JSON lines: one object per non-empty line; values other than strings as JSON text. */
export function parseJsonLines(text: string): DataRow[] {
  return text
    .split(/\r?\n/)
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, n }) => {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        throw new Error(`line ${n} is not valid JSON`);
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value))
        throw new Error(`line ${n} is not a JSON object`);
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
      );
    });
}

function columnsUsed(w: ResolvedWorkload): string[] {
  const text = JSON.stringify([w.steps, w.setup]);
  return [...new Set(findPlaceholders(text).flatMap((n) => dataColumn(n) ?? []))];
}

async function readRows(file: string, where: string): Promise<DataRow[]> {
  let text: string;
  try {
    if ((await stat(file)).size > MAX_BYTES)
      throw new InputError(`${where}: ${file} is larger than 16 MB`);
    text = await readFile(file, 'utf8');
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${where}: cannot read ${file}: ${(err as Error).message}`);
  }
  const ext = path.extname(file).toLowerCase();
  try {
    if (ext === '.csv') return parseCsv(text);
    if (ext === '.jsonl' || ext === '.ndjson') return parseJsonLines(text);
  } catch (err) {
    throw new InputError(`${where}: ${file}: ${(err as Error).message}`);
  }
  throw new InputError(`${where}: expected a .csv, .jsonl or .ndjson file, got ${file}`);
}

/**
 * Reads every workload's data file (relative to `dir`), checks it has rows and every column
 * the workload uses, and returns the rows by workload name. InputError (exit 2) otherwise.
 */
export async function readDataFiles(
  config: ResolvedConfig,
  dir: string,
): Promise<Record<string, DataRow[]>> {
  const out: Record<string, DataRow[]> = {};
  for (const w of config.workloads) {
    if (w.data === undefined) continue;
    const where = `workload "${w.name}" data`;
    const rows = await readRows(path.resolve(dir, w.data), where);
    if (rows.length === 0) throw new InputError(`${where}: ${w.data} has no rows`);
    const missing = columnsUsed(w).filter((c) => !(c in (rows[0] as DataRow)));
    if (missing.length > 0) {
      const have = Object.keys(rows[0] as DataRow).join(', ');
      throw new InputError(
        `${where}: ${w.data} has no column ${missing.join(', ')} (used as ${missing.map((c) => `{{data.${c}}}`).join(', ')}); its columns: ${have}`,
      );
    }
    out[w.name] = rows;
  }
  return out;
}
