// Bundles every entry point into self-contained ESM under dist/ (committed, so the action runs
// without node_modules, and the npm package is only this folder). The action and the CLI share
// their code through chunks (dist/chunk-*.js) instead of carrying it twice, and the CLI loads a
// command's code only when that command runs, so `perfgate --help` starts fast. Deterministic
// (chunk names are content hashes): a test rebuilds into a temporary folder and fails when the
// committed dist/ differs. Usage: node scripts/build.mjs [outdir]
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const outdir = process.argv[2] ?? 'dist';
// Chunk names change with their content: clear the old bundle so none is left behind.
mkdirSync(outdir, { recursive: true });
for (const f of readdirSync(outdir)) if (f.endsWith('.js')) rmSync(path.join(outdir, f));

const entries = {
  index: 'src/index.ts', // the action's main step
  post: 'src/post.ts', // the action's post step: stops servers left by a cancelled job
  cli: 'src/cli.ts', // `perfgate` on a terminal
  loadgen: 'src/load/worker.ts', // the load generator, always run as its own child process
};

await build({
  absWorkingDir: process.cwd(),
  entryPoints: entries,
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  splitting: true,
  // Chunks sit beside the entries: code that finds dist/loadgen.js next to itself keeps working.
  chunkNames: 'chunk-[hash]',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  // CommonJS dependencies (autocannon and friends) call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);",
  },
});
// The C load client's source, compiled on the machine that runs it (src/load/c-client.ts looks
// for it beside the bundle).
copyFileSync('src/load/load-client.c', path.join(outdir, 'load-client.c'));
