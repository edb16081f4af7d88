// Invalid input through the CLI: every config in fixtures/invalid, bad arguments and a bad
// --out path exit 2 with the expected message, and nothing is started or sent. The corpus runs
// in-process through main() (fast); a few cases spawn the real CLI.
//
// "Nothing started, nothing sent" is checked, not assumed: the configs are copied into a folder
// holding a `server.js` that records any start in a marker file (the corpus starts
// `node server.js`), with port 3000 rewritten to a TCP server that counts every connection
// (readiness probes and the port-in-use check connect too). Two control cases show that both
// detectors do notice a session that starts.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliInProcess } from '../helpers/cli.ts';
import { freePort } from '../helpers/ports.ts';
import { expectNoChildProcesses } from '../helpers/processes.ts';

const INVALID = path.join('fixtures', 'invalid');
const files = readdirSync(INVALID)
  .filter((f) => /\.(ya?ml|json)$/.test(f))
  .sort();

let dir: string;
let marker: string;
let counter: net.Server;
let counterPort: number;
let connections = 0;

/** The expected texts of a (copied) corpus file: `# expect:` lines or a `.expect` sidecar. */
function expectedTexts(file: string): string[] {
  const own = [...readFileSync(file, 'utf8').matchAll(/^# expect: (.*)$/gm)].map(
    (m) => m[1] as string,
  );
  const sidecar = file.replace(/\.[^.]+$/, '.expect');
  const side = existsSync(sidecar) ? readFileSync(sidecar, 'utf8').split('\n').filter(Boolean) : [];
  return [...own, ...side];
}

/** Runs main() and checks that no server was started and no connection was made. */
async function runIsolated(argv: string[]) {
  const before = connections;
  const r = await runCliInProcess(argv);
  expect(existsSync(marker), 'a server command was started').toBe(false);
  expect(connections - before, 'a connection reached the target').toBe(0);
  return r;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'perfgate-corpus-cli-'));
  marker = path.join(dir, 'server-started');
  counter = net.createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => counter.listen(0, '127.0.0.1', resolve));
  counterPort = (counter.address() as net.AddressInfo).port;
  // The corpus starts `node server.js` in its own folder: this one only leaves a mark.
  await writeFile(
    path.join(dir, 'server.js'),
    `require('node:fs').appendFileSync(${JSON.stringify(marker)}, 'started\\n');\n`,
  );
  for (const f of readdirSync(INVALID)) {
    const text = await readFile(path.join(INVALID, f), 'utf8');
    await writeFile(path.join(dir, f), text.replace(/\b3000\b/g, String(counterPort)));
  }
});

afterAll(async () => {
  await new Promise((resolve) => counter.close(resolve));
  await expectNoChildProcesses();
  await rm(dir, { recursive: true, force: true });
});

describe('perfgate run --config <invalid config>', () => {
  it('covers the whole corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(35);
  });

  it.each(files)('%s: exit 2, the expected messages, nothing started or sent', async (name) => {
    const file = path.join(dir, name);
    const texts = expectedTexts(file);
    expect(texts.length, 'no expected message recorded').toBeGreaterThan(0);
    const r = await runIsolated(['run', '--config', file, '--out', path.join(dir, 'r.json')]);
    expect(r.code, r.err).toBe(2);
    for (const t of texts) expect(r.err).toContain(t);
    expect(r.err).toContain(`perfgate: ${file}: `);
    expect(r.out).toBe('');
    expect(existsSync(path.join(dir, 'r.json'))).toBe(false);
  });
});

describe('the detectors notice a session that starts (controls)', () => {
  it('a valid config pointed at the counting port makes a connection', async () => {
    const config = path.join(dir, 'control-port.yml');
    await writeFile(
      config,
      `server: { command: node server.js, ready: { port: ${counterPort} } }\nworkloads: [{ name: a, path: / }]\n`,
    );
    const before = connections;
    const r = await runCliInProcess(['run', '--config', config, '--quiet']);
    expect(r.code, r.err).toBe(3);
    expect(connections).toBeGreaterThan(before);
  });

  it('a valid config starts server.js, which leaves its mark', async () => {
    const config = path.join(dir, 'control-start.yml');
    const port = await freePort();
    await writeFile(
      config,
      `server: { command: node server.js, ready: { port: ${port}, timeout: 5s } }\nworkloads: [{ name: a, path: / }]\n`,
    );
    const r = await runCliInProcess(['run', '--config', config, '--quiet']);
    expect(r.code, r.err).toBe(3);
    expect(r.err).toContain('server exited (exit code 0) before it became ready');
    expect(existsSync(marker)).toBe(true);
    await rm(marker);
  });
});

describe('perfgate run: bad arguments and output paths', () => {
  const validConfig = () => path.join(dir, 'valid.yml');
  beforeAll(async () => {
    // Would start server.js and probe the counting port if the run began.
    await writeFile(
      validConfig(),
      `server: { command: node server.js, ready: { port: ${counterPort} } }\nworkloads: [{ name: a, path: / }]\n`,
    );
  });

  it('a missing config file: exit 2, saying so', async () => {
    const r = await runIsolated(['run', '--config', 'no/such/perfgate.yml']);
    expect(r.code, r.err).toBe(2);
    expect(r.err).toContain('config file not found: no/such/perfgate.yml');
  });

  it('an unknown option: exit 2, pointing at --help', async () => {
    const r = await runIsolated(['run', '--config', validConfig(), '--bogus']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`perfgate run: Unknown option '--bogus'. See "perfgate run --help".`);
  });

  it('--seed abc: exit 2', async () => {
    const r = await runIsolated(['run', '--config', validConfig(), '--seed', 'abc']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--seed: expected an integer >= 0, got "abc"');
  });

  it('--seed without its value: exit 2, one sentence', async () => {
    const r = await runIsolated(['run', '--config', validConfig(), '--seed', '-1']);
    expect(r.code).toBe(2);
    expect(r.err).toContain("Option '--seed' argument is ambiguous");
    expect(r.err).not.toContain('..');
  });

  it('an unknown command: exit 2, listing the commands', async () => {
    const r = await runIsolated(['runn']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown command "runn"; expected one of: run/);
  });

  it('--out under a regular file: exit 2 with the reason, before anything starts', async () => {
    const file = path.join(dir, 'a-file');
    await writeFile(file, 'not a folder\n');
    const out = path.join(file, 'sub', 'results.json');
    const r = await runIsolated(['run', '--config', validConfig(), '--out', out]);
    expect(r.code, r.err).toBe(2);
    expect(r.err).toContain(`--out ${out}: cannot write there: ${file} is not a folder`);
  });

  it('--out naming a folder: exit 2 with the reason', async () => {
    const folder = path.join(dir, 'a-folder');
    await mkdir(folder, { recursive: true });
    const r = await runIsolated(['run', '--config', validConfig(), '--out', folder]);
    expect(r.code, r.err).toBe(2);
    expect(r.err).toContain('is a folder, expected a file path');
  });
});

describe('the real CLI process', () => {
  it.concurrent('an invalid config: exit 2, every problem on stderr', async () => {
    const file = path.join(dir, '36-many-problems.yml');
    const r = await runCli(['run', '--config', file]);
    expect(r.code, r.err).toBe(2);
    for (const t of expectedTexts(file)) expect(r.err).toContain(t);
    expect(r.out).toBe('');
  });

  it.concurrent('no config and no perfgate.yml in the folder: exit 2', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'perfgate-empty-'));
    const r = await runCli(['run'], { cwd: empty });
    expect(r.code, r.err).toBe(2);
    expect(r.err).toContain('config file not found: perfgate.yml');
  });

  it.concurrent('no command: the help, exit 2', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.out).toContain('Usage: perfgate <command> [options]');
  });

  it.concurrent('run --help: exit 0', async () => {
    const r = await runCli(['run', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage: perfgate run [options]');
    expect(r.err).toBe('');
  });
});
