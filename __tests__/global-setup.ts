// Runs once per `vitest run`, before any test file: builds the bundle (dist/ as `npm run build`
// makes it) into a temporary folder. Every test that needs it uses this one build: the dist/
// check compares it with the committed dist/, the action tests run its index.js, the CLI tests
// its cli.js, and load runs started from the sources use its loadgen.js instead of compiling
// src/load/worker.ts through tsx for every load process.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder the bundle of this test run was built into. */
    bundleDir: string;
  }
}

const ROOT = path.resolve(import.meta.dirname, '..');

let built: Promise<string> | null = null;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // One build for every project of the run (each project calls its global setup).
  built ??= (async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'perfgate-bundle-'));
    await promisify(execFile)(process.execPath, ['scripts/build.mjs', dir], { cwd: ROOT });
    return dir;
  })();
  const dir = await built;
  project.provide('bundleDir', dir);
  // Read by src/load/worker-pool.ts when it runs from the sources (see there).
  process.env.PERFGATE_LOADGEN = path.join(dir, 'loadgen.js');
  return async () => {
    const b = built;
    built = null;
    if (b) await rm(await b, { recursive: true, force: true });
  };
}
