// Bundles every entry point into one self-contained ESM file under dist/ (committed, so the
// action runs without node_modules). Deterministic: a test rebuilds into a temporary folder and
// fails when the committed dist/ differs. Usage: node scripts/build.mjs [outdir]
import { build } from 'esbuild';

const outdir = process.argv[2] ?? 'dist';
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
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  // CommonJS dependencies (autocannon and friends) call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);",
  },
});
