// Bundles every entry point into one self-contained ESM file under dist/ (committed, so the
// action runs without node_modules). Deterministic: CI rebuilds and fails on any difference.
import { build } from 'esbuild';

const entries = {
  index: 'src/index.ts', // the action's main step
  post: 'src/post.ts', // the action's post step: stops servers left by a cancelled job
  cli: 'src/cli.ts', // `perfgate` on a terminal
  loadgen: 'src/load/worker.ts', // the load generator, always run as its own child process
};

await build({
  entryPoints: entries,
  outdir: 'dist',
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
