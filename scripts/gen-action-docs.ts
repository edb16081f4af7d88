// Generates the inputs and outputs tables of docs/action.md and README.md from action.yml:
// `npx tsx scripts/gen-action-docs.ts` (or `npm run docs:action`). Each table sits between
// `<!-- action-inputs:start -->` / `<!-- action-inputs:end -->` (and the same for outputs);
// __tests__/action/action-docs.test.ts fails when a committed file differs from a fresh one.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Files holding the generated tables. */
export const ACTION_DOC_FILES = ['docs/action.md', 'README.md'];

interface ActionYaml {
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description: string }>;
}

function cell(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|');
}

/** The inputs table in markdown. */
export function renderInputsTable(action: ActionYaml): string {
  const rows = Object.entries(action.inputs).map(([name, i]) => {
    const value = i.default ?? '';
    const shown = value === '' ? '(empty)' : `\`${value}\``;
    return `| \`${name}\` | ${cell(shown)} | ${cell(i.description)} |`;
  });
  return ['| Input | Default | Description |', '| --- | --- | --- |', ...rows].join('\n');
}

/** The outputs table in markdown. */
export function renderOutputsTable(action: ActionYaml): string {
  const rows = Object.entries(action.outputs).map(
    ([name, o]) => `| \`${name}\` | ${cell(o.description)} |`,
  );
  return ['| Output | Description |', '| --- | --- |', ...rows].join('\n');
}

/** Replaces the text between the start and end markers of `name`; throws when they are missing. */
export function replaceBlock(text: string, name: string, content: string, file: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a === -1 || b === -1 || b < a) throw new Error(`${file}: no ${start} ... ${end} block`);
  return `${text.slice(0, a + start.length)}\n${content}\n${text.slice(b)}`;
}

/** The action.yml the tables come from. */
export async function readActionYaml(): Promise<ActionYaml> {
  return parse(await readFile(path.join(ROOT, 'action.yml'), 'utf8')) as ActionYaml;
}

/** Every file with its tables freshly generated, by path relative to the repository root. */
export async function renderActionDocs(): Promise<Map<string, string>> {
  const action = await readActionYaml();
  const out = new Map<string, string>();
  for (const file of ACTION_DOC_FILES) {
    let text = await readFile(path.join(ROOT, file), 'utf8');
    text = replaceBlock(text, 'action-inputs', renderInputsTable(action), file);
    text = replaceBlock(text, 'action-outputs', renderOutputsTable(action), file);
    out.set(file, text);
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const [file, text] of await renderActionDocs()) {
    await writeFile(path.join(ROOT, file), text);
    console.log(`wrote ${file}`);
  }
}
