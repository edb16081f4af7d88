import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  createBaselineStore,
  loadRunConfig
} from "./chunk-KGEZLXYK.js";
import "./chunk-FY6ML3O3.js";
import {
  intOption,
  parseCommandArgs
} from "./chunk-PHKHEVM7.js";
import "./chunk-BHILBCJX.js";
import {
  markdownTable
} from "./chunk-ODMA3ROU.js";
import {
  InputError
} from "./chunk-BK6UZVNW.js";
import "./chunk-I2DQ53TU.js";
import "./chunk-F6FNT3HE.js";

// src/cli/baselines-command.ts
var BASELINES_HELP = `Usage: perfgate baselines <list|prune> [options]

Shows or prunes the stored baselines of the store the config names (baseline.store: the
directory baseline.dir locally, the git branch baseline.branch inside GitHub Actions or with
store: git). Saving a baseline already prunes to baseline.keep / baseline.max-age-days; prune
applies other limits once. The newest record of each config is never removed. To reset every
baseline, delete the directory, or the branch: git push origin --delete perfgate-baselines.

  list                 every stored record, newest first (--all: of every config)
  prune                remove records beyond --keep N per config or older than --max-age-days D

Options:
  -c, --config FILE      config file                              default: perfgate.yml
      --all              list: records of every config, not only this one's
      --keep N           prune: records kept per config
      --max-age-days D   prune: remove records older than this
  -h, --help             this help

Exit codes: 0 done, 2 invalid input, 5 the store failed.`;
async function baselinesCommand(argv, io) {
  const [action, ...rest] = argv;
  if (action === void 0 || action === "-h" || action === "--help") {
    io.out.write(`${BASELINES_HELP}
`);
    return action === void 0 ? 2 : 0;
  }
  if (action !== "list" && action !== "prune") {
    throw new InputError(`perfgate baselines: unknown action "${action}"; expected list or prune`);
  }
  const { values } = parseCommandArgs(`baselines ${action}`, rest, {
    config: { type: "string", short: "c", default: "perfgate.yml" },
    all: { type: "boolean", default: false },
    keep: { type: "string" },
    "max-age-days": { type: "string" },
    help: { type: "boolean", short: "h", default: false }
  });
  if (values.help) {
    io.out.write(`${BASELINES_HELP}
`);
    return 0;
  }
  const keep = intOption("keep", values.keep, 1);
  const maxAgeDays = intOption("max-age-days", values["max-age-days"], 1);
  if (action === "prune" && keep === void 0 && maxAgeDays === void 0) {
    throw new InputError("perfgate baselines prune: give --keep N, --max-age-days D, or both");
  }
  const config = await loadRunConfig(values.config);
  const store = createBaselineStore(config.resolved.baseline, {
    inActions: process.env.GITHUB_ACTIONS === "true",
    cwd: config.dir
  });
  if (action === "prune") {
    const { removed } = await store.prune({ keep, maxAgeDays });
    io.out.write(
      removed.length ? `removed ${removed.length} record(s) from ${store.description}:
${removed.map((p) => `  ${p}`).join("\n")}
` : `nothing to remove in ${store.description}
`
    );
    return 0;
  }
  const entries = await store.history(values.all ? void 0 : config.hash);
  if (entries.length === 0) {
    io.out.write(
      `no baselines${values.all ? "" : ` for this config (hash ${config.hash})`} in ${store.description}
`
    );
    return 0;
  }
  const rows = entries.map((e) => [
    e.createdAt,
    e.commit?.slice(0, 12) ?? "\u2013",
    e.configHash,
    e.fingerprint,
    e.path
  ]);
  io.out.write(
    `${markdownTable([["made at", "commit", "config hash", "machine", "path"], ...rows])}
`
  );
  return 0;
}
export {
  BASELINES_HELP,
  baselinesCommand
};
