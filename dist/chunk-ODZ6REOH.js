import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);

// src/server/types.ts
var ServerError = class extends Error {
  constructor(message, logTail) {
    super(message);
    this.logTail = logTail;
    this.name = "ServerError";
  }
  logTail;
  /** Which build's server failed when two are measured side by side ("base"), else undefined. */
  side;
};

// package.json
var package_default = {
  name: "perfgate",
  version: "0.1.0",
  description: "Gate pull requests on HTTP performance with sound statistics",
  type: "module",
  license: "MIT",
  engines: {
    node: ">=20"
  },
  bin: {
    perfgate: "dist/cli.js"
  },
  files: [
    "dist",
    "action.yml",
    "perfgate.schema.json",
    "results.schema.json",
    "comparison.schema.json",
    "CHANGELOG.md"
  ],
  scripts: {
    build: "node scripts/build.mjs",
    typecheck: "tsc --noEmit",
    lint: "eslint . && prettier --check .",
    format: "prettier --write .",
    test: "node scripts/test.mjs",
    "bench:loadgen": "node scripts/bench-loadgen.mjs",
    "bench:stall": "node scripts/bench-stall.mjs",
    "bench:overhead": "node scripts/bench-overhead.mjs",
    "bench:gate": "tsx scripts/bench-gate.ts",
    "bench:trust": "tsx scripts/bench-trust.ts",
    "bench:aa": "tsx scripts/bench-aa.ts",
    "bench:designs": "tsx scripts/bench-designs.ts",
    "bench:verdicts": "tsx scripts/bench-verdicts.ts",
    schemas: "tsx scripts/gen-schemas.ts",
    "docs:config": "tsx scripts/gen-schemas.ts",
    "docs:action": "tsx scripts/gen-action-docs.ts",
    demo: "node scripts/demo.mjs",
    "bench:shards": "node scripts/bench-shards.mjs",
    "bench:startup": "node scripts/bench-startup.mjs",
    "bench:sampler": "tsx scripts/bench-sampler.ts",
    "bench:isolation": "node scripts/bench-isolation.mjs"
  },
  devDependencies: {
    "@actions/core": "3.0.1",
    "@actions/github": "9.1.1",
    "@eslint/js": "9.39.5",
    "@stdlib/stats-base-dists-normal-cdf": "0.3.1",
    "@stdlib/stats-base-dists-normal-quantile": "0.3.1",
    "@stdlib/stats-base-dists-t-cdf": "0.2.3",
    "@stdlib/stats-base-dists-t-quantile": "0.2.3",
    "@stdlib/stats-padjust": "0.2.1",
    "@stdlib/stats-ttest": "0.2.3",
    "@stdlib/stats-ttest2": "0.2.3",
    "@types/autocannon": "7.12.7",
    "@types/node": "20.19.43",
    autocannon: "9.0.0",
    esbuild: "0.28.2",
    eslint: "9.39.5",
    "hdr-histogram-js": "3.0.1",
    "markdown-table": "3.1.0",
    marked: "18.2.1",
    "playwright-core": "^1.65.1",
    prettier: "3.10.1",
    "simple-statistics": "7.12.1",
    tsx: "4.23.15",
    typescript: "5.9.3",
    "typescript-eslint": "8.73.0",
    vitest: "4.1.12",
    yaml: "2.9.1",
    zod: "4.6.7"
  }
};

// src/version.ts
var TOOL_VERSION = package_default.version;

export {
  ServerError,
  TOOL_VERSION
};
