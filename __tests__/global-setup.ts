// Runs once per `vitest run`, before any test file: builds the bundle (dist/ as `npm run build`
// makes it) into a temporary folder. Every test that needs it uses this one build: the dist/
// check compares it with the committed dist/, the action tests run its index.js, the CLI tests
// its cli.js, and load runs started from the sources use its loadgen.js instead of compiling
// src/load/worker.ts through tsx for every load process. `npm test` runs three vitest processes,
// two of them at once (scripts/test.mjs); with PERFGATE_TEST_BUILD_DIR set they share one build
// in that folder: the first to claim it builds, the others wait for it or find it done.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder the bundle of this test run was built into. */
    bundleDir: string;
    /** Test helper scripts run as their own processes, bundled (see HELPERS). */
    helpersDir: string;
  }
}

/**
 * Helper scripts that tests start as processes of their own, bundled like dist/ (with a
 * loadgen.js of their own beside them, where a bundled load runner looks for it), so that no
 * process of the test run compiles TypeScript at start.
 */
const HELPERS = {
  'start-server-child': '__tests__/helpers/start-server-child.ts',
  'fd-limit-run': '__tests__/load/fd-limit-run.ts',
  loadgen: 'src/load/worker.ts',
};

const ROOT = path.resolve(import.meta.dirname, '..');

/** Builds the bundle and the helpers into two new folders. */
async function buildInto(bundle: string, helpers: string): Promise<void> {
  await Promise.all([
    mkdir(bundle, { recursive: true }).then(() =>
      promisify(execFile)(process.execPath, ['scripts/build.mjs', bundle], { cwd: ROOT }),
    ),
    build({
      absWorkingDir: ROOT,
      entryPoints: HELPERS,
      outdir: helpers,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      logLevel: 'warning',
      banner: {
        js: "import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);",
      },
    }),
  ]);
  // The helpers' loadgen.js finds the C load client's source beside itself, as dist/ does.
  await copyFile(path.join(ROOT, 'src/load/load-client.c'), path.join(helpers, 'load-client.c'));
}

/** How long a process sharing a build waits for the other one to finish it. */
const SHARED_BUILD_WAIT_MS = 300_000;

/**
 * The build in a folder shared with another vitest process: built here when this process claims
 * the folder first, else waited for (the builder writes `done`, or `failed` with the reason).
 */
async function sharedBuild(dir: string): Promise<{ bundle: string; helpers: string }> {
  const dirs = { bundle: path.join(dir, 'bundle'), helpers: path.join(dir, 'helpers') };
  const done = path.join(dir, 'done');
  const failed = path.join(dir, 'failed');
  const claimed = await mkdir(path.join(dir, 'claim'), { recursive: false }).then(
    () => true,
    () => false,
  );
  if (claimed) {
    try {
      await buildInto(dirs.bundle, dirs.helpers);
    } catch (err) {
      await writeFile(failed, String((err as Error).stack ?? err));
      throw err;
    }
    await writeFile(done, '');
    return dirs;
  }
  for (const until = Date.now() + SHARED_BUILD_WAIT_MS; Date.now() < until; await sleep(100)) {
    if (existsSync(done)) return dirs;
    if (existsSync(failed)) {
      throw new Error(`the shared test build failed: ${await readFile(failed, 'utf8')}`);
    }
  }
  throw new Error(`the shared test build in ${dir} was not done after ${SHARED_BUILD_WAIT_MS} ms`);
}

let built: Promise<{ bundle: string; helpers: string }> | null = null;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const shared = process.env.PERFGATE_TEST_BUILD_DIR;
  // One build for every project of the run (each project calls its global setup).
  built ??= shared
    ? sharedBuild(shared)
    : (async () => {
        const bundle = await mkdtemp(path.join(os.tmpdir(), 'perfgate-bundle-'));
        const helpers = await mkdtemp(path.join(os.tmpdir(), 'perfgate-test-helpers-'));
        await buildInto(bundle, helpers);
        return { bundle, helpers };
      })();
  const { bundle, helpers } = await built;
  project.provide('bundleDir', bundle);
  project.provide('helpersDir', helpers);
  // Read by src/load/worker-pool.ts when it runs from the sources (see there).
  process.env.PERFGATE_LOADGEN = path.join(bundle, 'loadgen.js');
  return async () => {
    const b = built;
    built = null;
    if (!b || shared) return; // a shared build is removed by the process that made its folder
    const dirs = await b;
    await Promise.all(
      [dirs.bundle, dirs.helpers].map((d) => rm(d, { recursive: true, force: true })),
    );
  };
}
