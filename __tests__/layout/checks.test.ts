// The static checks of `npm test`: the type check, the linter and the format check over the whole
// tree, each a process of its own. They run as tests of the first group (next to the unit tests,
// whose files mostly wait on child processes), so that their half a minute of CPU overlaps with
// the rest instead of coming before it, and they are done before the integration files that
// measure timing start. Each keeps its cache in node_modules/.cache (keyed on file contents), so
// a second run re-checks only what changed. A failure prints the checker's own output.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'node_modules', '.bin');

const CHECKS: Record<string, string[]> = {
  'the type check (tsc --noEmit)': [
    'tsc',
    '--noEmit',
    '--incremental',
    '--tsBuildInfoFile',
    'node_modules/.cache/tsc/noemit',
  ],
  'the linter (eslint)': [
    'eslint',
    '--cache',
    '--cache-strategy',
    'content',
    '--cache-location',
    'node_modules/.cache/eslint/',
    '.',
  ],
  'the format check (prettier --check)': [
    'prettier',
    '--check',
    '--cache',
    '--cache-strategy',
    'content',
    '.',
  ],
};

interface Outcome {
  code: number | null;
  output: string;
}

function check(args: string[]): Promise<Outcome> {
  const [cmd, ...rest] = args;
  return new Promise((resolve) => {
    const child = spawn(path.join(BIN, cmd as string), rest, {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', (err) => resolve({ code: null, output: String(err) }));
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('the static checks', () => {
  // All three at once (each uses one core); each test waits for its own.
  let running: Record<string, Promise<Outcome>> = {};
  beforeAll(() => {
    running = Object.fromEntries(Object.entries(CHECKS).map(([name, args]) => [name, check(args)]));
  });

  it.each(Object.keys(CHECKS))('%s passes', { timeout: 240_000 }, async (name) => {
    const r = await (running[name] as Promise<Outcome>);
    expect(r.code, `${CHECKS[name]?.join(' ')}\n${r.output}`).toBe(0);
  });
});
