import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  GITHUB_SUMMARY_LIMIT,
  createGitHubClient,
  fitSummary,
  github_exports,
  postComment,
  postStatus,
  renderCommentBody,
  statusFor
} from "./chunk-XLYBHZPR.js";
import {
  endGroup,
  error,
  getInput,
  info,
  notice,
  saveState,
  setFailed,
  setOutput,
  setSecret,
  startGroup,
  summary,
  warning
} from "./chunk-R2LUSOH6.js";
import "./chunk-254EQJA2.js";
import {
  createSessionDeps,
  loadTrend,
  runGate,
  runShard
} from "./chunk-WBYJJQNZ.js";
import {
  setPidFile
} from "./chunk-ATV5KR2B.js";
import {
  describeError,
  exitCodeFor
} from "./chunk-I7N6E4U2.js";
import "./chunk-VJQVCDOV.js";
import "./chunk-UEKVTZGY.js";
import "./chunk-FJK4FC5C.js";
import "./chunk-MIODLOIC.js";
import "./chunk-I2DQ53TU.js";
import {
  runMerge
} from "./chunk-KYRY7MJL.js";
import {
  createBaselineStore,
  loadRunConfig,
  require_dist
} from "./chunk-GHS35YF3.js";
import {
  outcomeReport,
  renderGateReport,
  renderGateText
} from "./chunk-TX2MUWLF.js";
import "./chunk-ODZ6REOH.js";
import "./chunk-BWD5U3XV.js";
import {
  writeJsonFile
} from "./chunk-WOBJ45C6.js";
import "./chunk-LP63KT7W.js";
import {
  TEXT,
  escapeInline,
  renderHeadline
} from "./chunk-MUASQGV6.js";
import {
  SHARD_EXPECTED,
  formatChangeCell,
  formatLatencyUs,
  formatRate,
  parseShard,
  refNameProblem,
  stripControl
} from "./chunk-6TR6MCCT.js";
import {
  EXIT,
  InputError,
  registeredSecrets
} from "./chunk-M4UYDDKJ.js";
import "./chunk-5MSJA75B.js";
import "./chunk-NM4ZIQ3O.js";
import {
  __toESM
} from "./chunk-F6FNT3HE.js";

// src/github/context.ts
function obj(value) {
  return value && typeof value === "object" ? value : void 0;
}
function str(value) {
  return typeof value === "string" && value !== "" ? value : void 0;
}
var ZERO_SHA = /^0+$/;
var PR_EVENTS = /* @__PURE__ */ new Set([
  "pull_request",
  "pull_request_target",
  "pull_request_review",
  "pull_request_review_comment"
]);
function readActionContext(source) {
  const payload = source.payload;
  const repository = obj(payload.repository);
  const { owner, repo } = source.repo;
  const defaultBranch = str(repository?.default_branch);
  const serverUrl = source.serverUrl.replace(/\/+$/, "");
  const base = {
    eventName: source.eventName,
    owner,
    repo,
    sha: source.sha,
    ref: source.ref,
    headSha: source.sha,
    defaultBranch,
    isDefaultBranchPush: false,
    isFork: false,
    runUrl: `${serverUrl}/${owner}/${repo}/actions/runs/${source.runId}`,
    apiUrl: source.apiUrl,
    serverUrl
  };
  const pull = obj(payload.pull_request);
  if (PR_EVENTS.has(source.eventName) && pull) {
    const head = obj(pull.head);
    const baseBranch = obj(pull.base);
    const headRepo = str(obj(head?.repo)?.full_name);
    const baseRepo = str(obj(baseBranch?.repo)?.full_name) ?? `${owner}/${repo}`;
    return {
      ...base,
      prNumber: typeof pull.number === "number" ? pull.number : Number(payload.number),
      headSha: str(head?.sha) ?? source.sha,
      headRef: str(head?.ref),
      baseSha: str(baseBranch?.sha),
      baseRef: str(baseBranch?.ref),
      // A deleted fork leaves head.repo null; it was not this repository either.
      isFork: headRepo === void 0 || headRepo.toLowerCase() !== baseRepo.toLowerCase()
    };
  }
  const issue = obj(payload.issue);
  if (source.eventName === "issue_comment" && issue?.pull_request && typeof issue.number === "number") {
    return { ...base, prNumber: issue.number };
  }
  if (source.eventName === "push") {
    const before = str(payload.before);
    return {
      ...base,
      headSha: str(payload.after) ?? source.sha,
      baseSha: before && !ZERO_SHA.test(before) ? before : void 0,
      isDefaultBranchPush: defaultBranch !== void 0 && source.ref === `refs/heads/${defaultBranch}`
    };
  }
  return base;
}
function currentActionContext() {
  const { context } = github_exports;
  return readActionContext({
    eventName: context.eventName,
    payload: context.payload,
    sha: context.sha,
    ref: context.ref,
    runId: context.runId,
    serverUrl: context.serverUrl,
    apiUrl: context.apiUrl,
    repo: context.repo
  });
}

// src/action/deps.ts
function createActionDeps() {
  return {
    core: {
      getInput: (name) => getInput(name),
      setSecret: (secret) => setSecret(secret),
      setOutput: (name, value) => setOutput(name, value),
      setFailed: (message) => setFailed(message),
      info: (message) => info(message),
      notice: (message) => notice(message),
      warning: (message, properties) => warning(message, properties),
      error: (message, properties) => error(message, properties),
      saveState: (name, value) => saveState(name, value),
      startGroup: (title) => startGroup(title),
      endGroup: () => endGroup(),
      writeSummary: async (markdown) => {
        await summary.addRaw(markdown, true).write();
      }
    },
    env: process.env,
    readContext: currentActionContext,
    createClient: (token, apiUrl) => createGitHubClient(token, { baseUrl: apiUrl }),
    session: createSessionDeps()
  };
}

// src/main.ts
import path3 from "node:path";

// src/action/action-gate.ts
import path from "node:path";
function shardOf(inputs, config) {
  if (inputs.merge) return null;
  return inputs.shard ?? config.resolved.shard ?? null;
}
async function runActionGate(inputs, gate, where, session) {
  if (inputs.merge) {
    const outcome2 = await runMerge({
      config: gate.config,
      place: gate.place,
      paths: [path.resolve(where.workdir, inputs.merge)],
      configName: where.markerName,
      store: gate.store,
      onNotice: gate.onNotice
    });
    return {
      outcome: outcome2,
      shard: null,
      failExit: outcome2.failedShards.length ? EXIT.serverOrLoadFailed : EXIT.regression
    };
  }
  const shard = shardOf(inputs, gate.config);
  if (!shard) return { outcome: await runGate(gate, session), shard, failExit: EXIT.regression };
  const run2 = { shard, dir: where.outDir, configName: where.markerName };
  const { outcome } = await runShard(gate, run2, session);
  return { outcome, shard, failExit: EXIT.regression };
}

// src/action/failure-summary.ts
var WHAT = {
  [EXIT.invalidInput]: "invalid input, nothing was measured",
  [EXIT.serverOrLoadFailed]: "the server or the load failed, no results were recorded",
  [EXIT.baselineStore]: "the baseline store failed",
  [EXIT.interrupted]: "interrupted"
};
var MAX_MESSAGE = 2e4;
function renderFailureSummary(message, exitCode, title) {
  const what = WHAT[exitCode] ?? "an internal error";
  const name = title ? ` (${escapeInline(title)})` : "";
  const text = message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}
\u2026` : message;
  const longest = Math.max(2, ...[...text.matchAll(/~+/g)].map((m) => m[0].length));
  const fence = "~".repeat(longest + 1);
  return `### \u274C perfgate${name}: the run failed (${what}, exit ${exitCode})

${fence}text
${text}
${fence}
`;
}

// src/action/inputs.ts
var TRUE = ["true", "True", "TRUE"];
var FALSE = ["false", "False", "FALSE"];
var BRANCH = /^[A-Za-z0-9._/-]+$/;
function readInputs(read) {
  const problems = [];
  const bad = (name, value, expected) => problems.push(`input "${name}": got ${JSON.stringify(value)}, expected ${expected}`);
  function oneOf(name, allowed) {
    const value = read(name);
    if (value === "") return null;
    if (allowed.includes(value)) return value;
    bad(name, value, `one of ${allowed.join(", ")} (or empty for the config's value)`);
    return null;
  }
  function flag(name, fallback) {
    const value = read(name);
    if (value === "") return fallback;
    if (TRUE.includes(value)) return true;
    if (FALSE.includes(value)) return false;
    bad(name, value, "true or false");
    return fallback;
  }
  const branch = read("baseline-branch");
  if (branch !== "" && (!BRANCH.test(branch) || refNameProblem(branch) !== null)) {
    bad("baseline-branch", branch, "a git branch name (letters, digits, . _ / -)");
  }
  const seedText = read("seed");
  let seed;
  if (seedText !== "") {
    seed = Number(seedText);
    if (!/^\d+$/.test(seedText) || !Number.isSafeInteger(seed) || seed > 2 ** 31 - 1) {
      bad("seed", seedText, "a whole number between 0 and 2147483647");
      seed = void 0;
    }
  }
  const shardText = read("shard");
  const shard = shardText === "" ? null : parseShard(shardText);
  if (shardText !== "" && !shard) bad("shard", shardText, SHARD_EXPECTED);
  const merge = read("merge") || null;
  if (merge && shardText !== "")
    bad("merge", merge, "empty when shard is set (a merge job measures nothing)");
  const config = read("config") || "perfgate.yml";
  const inputs = {
    config,
    workingDirectory: read("working-directory") || ".",
    mode: oneOf("mode", ["auto", "record", "compare"]),
    baselineStore: oneOf("baseline-store", ["auto", "git", "directory"]),
    baselineBranch: branch === "" ? null : branch,
    compareTo: oneOf("compare-to", ["stored", "base", "none"]),
    comment: flag("comment", true) ?? true,
    commentOnChangeOnly: flag("comment-on-change-only", false) ?? false,
    failOnRegression: flag("fail-on-regression", true) ?? true,
    failOnInconclusive: flag("fail-on-inconclusive", null),
    statusContext: read("status-context") || null,
    seed,
    shard,
    merge,
    allowPullRequestTargetHead: flag("allow-pull-request-target-head", false) ?? false
  };
  if (problems.length > 0) {
    const list = problems.map((p) => `  - ${p}`).join("\n");
    throw new InputError(
      `${problems.length} invalid input${problems.length === 1 ? "" : "s"} (nothing was run):
${list}`
    );
  }
  return inputs;
}
function overridesOf(inputs) {
  return {
    mode: inputs.mode,
    compareTo: inputs.compareTo,
    store: inputs.baselineStore,
    branch: inputs.baselineBranch,
    failOnInconclusive: inputs.failOnInconclusive,
    failOnRegression: inputs.failOnRegression
  };
}

// src/action/log.ts
function logEvent(core) {
  let current = "";
  return (e) => {
    const side = "side" in e && e.side ? `[${e.side}] ` : "";
    switch (e.type) {
      case "server-start":
        core.info(
          `perfgate: ${side}starting the server${e.workload ? ` for "${stripControl(e.workload)}"` : ""}`
        );
        break;
      case "run-start":
        current = `${side}${stripControl(e.workload)} run ${e.run}/${e.of}${e.warmup ? " (warm-up)" : ""}`;
        break;
      case "run-end": {
        const s = e.sample;
        const errors = s.errorRate > 0 ? `, errors ${(s.errorRate * 100).toFixed(2)}%` : "";
        const cpu = s.cpuMsPerRequest !== null ? `, CPU/req ${s.cpuMsPerRequest.toFixed(3)} ms` : "";
        core.info(
          `perfgate: ${current}: ${formatRate(s.reqPerSec)} req/s, p50 ${formatLatencyUs(s.latencyUs.p50)}, p99 ${formatLatencyUs(s.latencyUs.p99)}${cpu}${errors}`
        );
        break;
      }
      case "warning":
        core.info(
          `perfgate: warning${e.workload ? ` (${stripControl(e.workload)})` : ""}: ${stripControl(e.message)}`
        );
        break;
      default:
        break;
    }
  };
}
function renderHeadlineLine(outcome) {
  if (outcome.comparison) return renderHeadline(outcome.comparison, TEXT);
  return outcome.verdict === "no-baseline" ? "\u26AA perfgate: no baseline to compare with yet" : "\u26AA perfgate: measured without a comparison";
}

// src/action/report-outcome.ts
import { mkdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path2 from "node:path";

// src/action/annotations.ts
var ANNOTATION_LIMIT = 10;
function annotationsFor(c, place) {
  if (!c) return [];
  const at = (workload) => place ? {
    file: place.file,
    startLine: place.lines.workloads.get(workload) ?? place.lines.section
  } : {};
  const errors = c.workloads.flatMap(
    (w) => w.metrics.filter((m) => m.gated && m.status === "regression").map((m) => ({
      level: "error",
      title: stripControl(`perfgate regression: ${w.name} ${m.label}`),
      message: stripControl(
        `workload "${w.name}", metric ${m.label}: ${formatChangeCell(m)}. ${m.reason}`
      ),
      ...at(w.name)
    }))
  );
  const out = errors.slice(0, ANNOTATION_LIMIT);
  if (errors.length > ANNOTATION_LIMIT) {
    const more = errors.length - ANNOTATION_LIMIT;
    out.push({
      level: "error",
      title: `perfgate: ${more} more regression(s)`,
      message: `${more} more regression(s): see the job summary.`
    });
  }
  const undecided = c.workloads.flatMap(
    (w) => w.metrics.filter((m) => m.gated && m.status === "inconclusive").map((m) => `${w.name} ${m.label} ${formatChangeCell(m)}`)
  );
  if (undecided.length) {
    const shown = undecided.slice(0, 20);
    const rest = undecided.length > shown.length ? `, and ${undecided.length - shown.length} more` : "";
    out.push({
      level: "warning",
      title: `perfgate: ${undecided.length} metric(s) undecided`,
      message: stripControl(
        `These runs could not decide ${undecided.length} gated metric(s): ${shown.join("; ")}${rest}. More runs (or a same-runner comparison) would; the job summary says how many.`
      ),
      ...place ? { file: place.file, startLine: place.lines.section } : {}
    });
  }
  return out;
}
function countRegressions(c) {
  if (!c) return 0;
  return c.workloads.reduce(
    (n, w) => n + w.metrics.filter((m) => m.gated && m.status === "regression").length,
    0
  );
}
function hasChange(c) {
  if (!c) return false;
  return c.counts.regressions + c.counts.improvements + c.counts.inconclusive > 0;
}

// src/action/config-lines.ts
var import_yaml = __toESM(require_dist(), 1);
function findConfigLines(text) {
  const counter = new import_yaml.LineCounter();
  const lines = { workloads: /* @__PURE__ */ new Map(), section: 1 };
  const doc = (0, import_yaml.parseDocument)(text, { lineCounter: counter });
  if (doc.errors.length || !(0, import_yaml.isMap)(doc.contents)) return lines;
  const pair = doc.contents.items.find((p) => (0, import_yaml.isScalar)(p.key) && p.key.value === "workloads");
  if (!pair) return lines;
  const at = (offset) => offset === void 0 ? 1 : counter.linePos(offset).line;
  if ((0, import_yaml.isScalar)(pair.key)) lines.section = at(pair.key.range?.[0]);
  if (!(0, import_yaml.isSeq)(pair.value)) return lines;
  for (const item of pair.value.items) {
    if (!(0, import_yaml.isMap)(item)) continue;
    const name = item.get("name");
    if (typeof name === "string" && !lines.workloads.has(name)) {
      lines.workloads.set(name, at(item.range?.[0]));
    }
  }
  return lines;
}

// src/action/report-outcome.ts
function outputPlaceOf(inputs, env) {
  const workdir = path2.resolve(inputs.workingDirectory);
  const configPath = path2.resolve(workdir, inputs.config);
  const fromRoot = path2.relative(env.GITHUB_WORKSPACE || process.cwd(), configPath);
  const markerName = fromRoot === "" || fromRoot.startsWith("..") || path2.isAbsolute(fromRoot) ? inputs.config : fromRoot.split(path2.sep).join("/");
  const slug = markerName.replace(/[^A-Za-z0-9._-]+/g, "-");
  const outDir = path2.join(env.RUNNER_TEMP || os.tmpdir(), "perfgate", slug);
  return { configPath, markerName, outDir };
}
async function reportOutcome(deps, r) {
  const { core } = deps;
  const { inputs, ctx, client, output, outcome } = r;
  const warn = (m) => core.warning(`perfgate: ${m}`);
  const trend = await loadTrend(r.store, outcome.record.configHash);
  const reportInput = outcomeReport(outcome, {
    ...trend ? { trend } : {},
    runUrl: ctx.runUrl,
    repoUrl: `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}`,
    ...output.markerName !== "perfgate.yml" ? { title: output.markerName } : {}
  });
  const markdown = renderGateReport(reportInput);
  const comment = renderCommentBody(reportInput, output.markerName);
  const outputs = {
    verdict: outcome.verdict,
    regressions: String(countRegressions(outcome.comparison)),
    "comment-url": ""
  };
  try {
    await mkdir(output.outDir, { recursive: true });
    const results = path2.join(output.outDir, "results.json");
    await writeJsonFile(results, outcome.record);
    outputs.results = results;
    if (outcome.comparison) {
      await writeJsonFile(path2.join(output.outDir, "comparison.json"), outcome.comparison);
    }
    const reportFile = path2.join(output.outDir, "report.md");
    await writeFile(reportFile, markdown);
    outputs.report = reportFile;
    await writeFile(path2.join(output.outDir, "comment.md"), comment.body);
  } catch (err) {
    warn(`could not write the report files in ${output.outDir}: ${describeError(err)}`);
  }
  const steps = [];
  if (ctx.prNumber !== void 0 && inputs.comment) {
    if (!client) {
      steps.push({ kind: "skipped", url: null, message: "PR comment skipped: no github-token" });
    } else {
      const step = await postComment(client, {
        owner: ctx.owner,
        repo: ctx.repo,
        prNumber: ctx.prNumber,
        markerName: output.markerName,
        body: comment.body,
        commentOnChangeOnly: inputs.commentOnChangeOnly,
        changed: hasChange(outcome.comparison),
        isFork: ctx.isFork
      });
      if (step.url) outputs["comment-url"] = step.url;
      steps.push(step);
    }
  }
  if (inputs.statusContext) {
    steps.push(
      client ? await postStatus(client, ctx, inputs.statusContext, statusFor(outcome, null)) : { kind: "skipped", url: null, message: "commit status skipped: no github-token" }
    );
  }
  for (const step of steps) {
    if (step.kind === "done") core.info(`perfgate: ${step.message}`);
    else if (step.kind === "skipped") core.notice(`perfgate: ${step.message}`);
    else warn(step.message);
  }
  const notes = steps.filter((s) => s.kind !== "done").map((s) => `- ${escapeInline(s.message)}`);
  const trimmed = comment.trimmed ? ["- the PR comment\u2019s raw data was trimmed to fit GitHub\u2019s limit"] : [];
  const extra = [...notes, ...trimmed];
  try {
    const tail = extra.length ? `
${extra.join("\n")}
` : "";
    await core.writeSummary(
      fitSummary(markdown, GITHUB_SUMMARY_LIMIT - Buffer.byteLength(tail, "utf8")) + tail
    );
  } catch (err) {
    warn(`could not write the job summary: ${describeError(err)}`);
  }
  const lines = await readFile(output.configPath, "utf8").then(findConfigLines, () => null);
  const where = lines ? { file: output.markerName, lines } : void 0;
  for (const a of annotationsFor(outcome.comparison, where)) {
    const properties = { title: a.title, file: a.file, startLine: a.startLine };
    if (a.level === "error") core.error(a.message, properties);
    else core.warning(a.message, properties);
  }
  core.info(renderHeadlineLine(outcome));
  core.startGroup("perfgate: report");
  core.info(renderGateText({ ...reportInput, details: false }));
  core.endGroup();
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value);
  r.result.outputs = outputs;
}

// src/action/untrusted-checkout.ts
import { execFile } from "node:child_process";
import { promisify } from "node:util";
var run = promisify(execFile);
var ALLOW_PR_TARGET_INPUT = "allow-pull-request-target-head";
async function checkedOut(dir) {
  try {
    const { stdout } = await run("git", ["rev-list", "--parents", "-n", "1", "HEAD"], {
      cwd: dir,
      timeout: 1e4
    });
    const [sha = "", ...parents] = stdout.trim().split(/\s+/);
    return sha ? { sha, parents } : null;
  } catch {
    return null;
  }
}
async function checkUntrustedCheckout(ctx, dir, allowed) {
  if (ctx.eventName !== "pull_request_target" || ctx.prNumber === void 0) return null;
  const head = await checkedOut(dir);
  if (head === null) return null;
  const isHead = head.sha === ctx.headSha;
  if (!isHead && !head.parents.includes(ctx.headSha)) return null;
  const what = isHead ? `the checked-out commit ${head.sha.slice(0, 12)} is the head of pull request #${ctx.prNumber}` : `the checked-out commit ${head.sha.slice(0, 12)} merges the head of pull request #${ctx.prNumber}`;
  const risk = `this is a pull_request_target run, which has the base repository's write token and secrets, and ${what}: perfgate runs the config's server command and build, so the pull request's code would run with them`;
  if (allowed) return `${risk} (allowed by ${ALLOW_PR_TARGET_INPUT}: true)`;
  throw new InputError(
    `refusing to run: ${risk}. Use the pull_request event (docs/action.md shows a fork-safe two-stage workflow for comments), or set ${ALLOW_PR_TARGET_INPUT}: true only if you trust the author of every pull request that can trigger this workflow`
  );
}

// src/github/token.ts
var defaultSource = {
  getInput: (name) => getInput(name),
  setSecret: (secret) => setSecret(secret),
  env: process.env
};
function readGitHubToken(source = defaultSource, inputName = "github-token") {
  const token = source.getInput(inputName).trim() || source.env.GITHUB_TOKEN?.trim() || "";
  if (!token) return void 0;
  source.setSecret(token);
  return token;
}

// src/main.ts
async function runAction(deps) {
  const { core, env } = deps;
  const result2 = { outputs: {}, failed: null, exitCode: 0 };
  const fail = (message, exitCode = EXIT.regression) => {
    result2.failed = message;
    result2.exitCode = exitCode;
    core.setFailed(message);
  };
  let github = null;
  let summaryTitle;
  try {
    const inputs = readInputs((name) => core.getInput(name));
    const token = readGitHubToken({
      getInput: (name) => core.getInput(name),
      setSecret: (secret) => core.setSecret(secret),
      env
    });
    const ctx = deps.readContext();
    const client = token ? deps.createClient(token, ctx.apiUrl) : null;
    if (client && inputs.statusContext && !inputs.shard)
      github = { client, ctx, statusContext: inputs.statusContext };
    const output = outputPlaceOf(inputs, env);
    summaryTitle = output.markerName !== "perfgate.yml" ? output.markerName : void 0;
    const allowed = await checkUntrustedCheckout(
      ctx,
      path3.resolve(inputs.workingDirectory),
      inputs.allowPullRequestTargetHead
    );
    if (allowed) core.warning(`perfgate: ${allowed}`);
    const pidFile = path3.join(output.outDir, "servers.pid.json");
    core.saveState("pid-file", pidFile);
    setPidFile(pidFile);
    const config = await loadRunConfig(output.configPath, env, overridesOf(inputs));
    for (const secret of registeredSecrets()) core.setSecret(secret);
    const store = createBaselineStore(config.resolved.baseline, {
      inActions: env.GITHUB_ACTIONS === "true",
      cwd: config.dir,
      token
    });
    if (shardOf(inputs, config)) github = null;
    core.startGroup(
      `perfgate: measuring ${config.resolved.workloads.length} workload(s) of ${output.markerName}`
    );
    const gate = await runActionGate(
      inputs,
      {
        config,
        place: {
          event: ctx.eventName,
          ref: ctx.ref,
          defaultBranch: ctx.defaultBranch ?? null,
          baseSha: ctx.baseSha ?? null
        },
        store,
        execute: {
          seed: inputs.seed,
          logDir: path3.join(output.outDir, "logs"),
          onSeed: (s) => core.info(`perfgate: seed ${s} (replay with the input seed: ${s})`),
          onEvent: logEvent(core)
        },
        onNotice: (m) => core.info(`perfgate: ${m}`)
      },
      { markerName: output.markerName, outDir: output.outDir, workdir: inputs.workingDirectory },
      deps.session
    ).finally(() => core.endGroup());
    const outcome = gate.outcome;
    github = null;
    const reportInputs = gate.shard ? { ...inputs, comment: false, statusContext: null } : inputs;
    await reportOutcome(deps, {
      inputs: reportInputs,
      ctx,
      client,
      output,
      outcome,
      result: result2,
      store
    });
    if (outcome.fail) fail(`perfgate: ${outcome.failReason ?? outcome.verdict}`, gate.failExit);
    else if (outcome.saveError) {
      fail(
        `perfgate: this run could not be recorded as the baseline: ${outcome.saveError.message}`,
        EXIT.baselineStore
      );
    }
  } catch (err) {
    const message = describeError(err);
    if (github) {
      const step = await postStatus(
        github.client,
        github.ctx,
        github.statusContext,
        statusFor(null, message)
      );
      if (step.kind !== "done") core.warning(`perfgate: ${step.message}`);
    }
    fail(`perfgate: ${message}`, exitCodeFor(err));
    try {
      await core.writeSummary(
        fitSummary(
          renderFailureSummary(message, result2.exitCode, summaryTitle),
          GITHUB_SUMMARY_LIMIT
        )
      );
    } catch (summaryErr) {
      core.warning(`perfgate: could not write the job summary: ${describeError(summaryErr)}`);
    }
  }
  return result2;
}

// src/index.ts
var result = await runAction(createActionDeps());
if (result.exitCode !== 0) process.exitCode = result.exitCode;
