// The npm package is only its bundle: the tarball's files, no runtime dependencies, at most
// 5 MB installed, and `npx perfgate run` working in an empty folder with nothing but the
// tarball installed (the fixture server is the project's, started by the config).
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const run = promisify(execFile);

async function sizeOf(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    total += entry.isDirectory() ? await sizeOf(p) : (await stat(p)).size;
  }
  return total;
}

describe('the npm package', () => {
  let tmp: string;
  let tarball: string;
  let files: string[];

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'perfgate-pack-'));
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', tmp], {
      cwd: ROOT,
    });
    const [info] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
    tarball = path.join(tmp, info!.filename);
    files = info!.files.map((f) => f.path).sort();
  }, 120_000);
  afterAll(() => rm(tmp, { recursive: true, force: true }));

  it('holds the bundle, the schemas, the action, the license and the docs, nothing else', async () => {
    const dist = (await readdir(path.join(ROOT, 'dist'))).map((f) => `dist/${f}`);
    expect(files).toEqual(
      [
        'CHANGELOG.md',
        'LICENSE',
        'README.md',
        'action.yml',
        'comparison.schema.json',
        'package.json',
        'perfgate.schema.json',
        'results.schema.json',
        ...dist,
      ].sort(),
    );
    for (const entry of ['dist/cli.js', 'dist/index.js', 'dist/post.js', 'dist/loadgen.js']) {
      expect(files).toContain(entry);
    }
  });

  it('has no runtime dependencies and says which Node runs it', async () => {
    const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as {
      dependencies?: object;
      engines: { node: string };
    };
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.engines.node).toBe('>=20');
  });

  it('installs in an empty folder within 5 MB, and `npx perfgate run` works there', async () => {
    const app = path.join(tmp, 'app');
    await run('mkdir', ['-p', app]);
    await writeFile(path.join(app, 'package.json'), '{"name":"app","private":true}\n');
    await run('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], { cwd: app });
    const modules = await readdir(path.join(app, 'node_modules'));
    expect(modules.filter((m) => !m.startsWith('.'))).toEqual(['perfgate']);
    expect(await sizeOf(path.join(app, 'node_modules'))).toBeLessThanOrEqual(5 * 1024 * 1024);
    // The demo's server and workloads, fewer and shorter runs.
    const config = (await readFile(path.join(ROOT, 'fixtures/demo/perfgate.yml'), 'utf8'))
      .replace(
        'node ../server.mjs',
        `node ${JSON.stringify(path.join(ROOT, 'fixtures/server.mjs'))}`,
      )
      .replace(
        /defaults: \{[^}]*\}/,
        'defaults: { connections: 4, requests: 100, runs: 2, warmup: 0 }',
      );
    await writeFile(path.join(app, 'perfgate.yml'), config);
    const { stdout } = await run('npx', ['perfgate', 'run', '--quiet', '--format', 'json'], {
      cwd: app,
      env: { ...process.env, GITHUB_ACTIONS: '' },
    });
    const record = JSON.parse(stdout) as { kind: string; workloads: { name: string }[] };
    expect(record.kind).toBe('perfgate-results');
    expect(record.workloads.map((w) => w.name)).toEqual(['hello', 'post json', 'todo crud']);
  }, 180_000);
});
