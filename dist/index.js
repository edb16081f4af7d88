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
} from "./chunk-UIWVYSA6.js";
import {
  error,
  getInput,
  info,
  notice,
  saveState,
  setFailed,
  setOutput,
  setSecret,
  summary,
  warning
} from "./chunk-7TPGGRZF.js";
import "./chunk-254EQJA2.js";
import {
  createSessionDeps,
  loadTrend,
  runGate
} from "./chunk-CIXA6XGK.js";
import {
  renderGateReport
} from "./chunk-NEHSKKL6.js";
import {
  setPidFile
} from "./chunk-D7G34NWQ.js";
import "./chunk-OSEIL7UY.js";
import "./chunk-XVZ7F6HW.js";
import {
  createBaselineStore,
  loadRunConfig
} from "./chunk-KGEZLXYK.js";
import "./chunk-FY6ML3O3.js";
import {
  writeJsonFile
} from "./chunk-5GLCJ4ZC.js";
import {
  escapeInline,
  formatChangeCell,
  stripControl
} from "./chunk-I2CISBRI.js";
import "./chunk-BHILBCJX.js";
import "./chunk-ODMA3ROU.js";
import {
  EXIT,
  InputError,
  describeError,
  exitCodeFor
} from "./chunk-BK6UZVNW.js";
import "./chunk-I2DQ53TU.js";
import "./chunk-F6FNT3HE.js";

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
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

// src/action/annotations.ts
var ANNOTATION_LIMIT = 10;
function annotationsFor(c) {
  if (!c) return [];
  const out = [];
  for (const level of ["error", "warning"]) {
    const status = level === "error" ? "regression" : "inconclusive";
    const word = level === "error" ? "regression" : "inconclusive";
    const found = c.workloads.flatMap(
      (w) => w.metrics.filter((m) => m.gated && m.status === status).map((m) => ({
        level,
        title: stripControl(`perfgate ${word}: ${w.name} ${m.label}`),
        message: stripControl(
          `workload "${w.name}", metric ${m.label}: ${formatChangeCell(m)}. ${m.reason}`
        )
      }))
    );
    out.push(...found.slice(0, ANNOTATION_LIMIT));
    if (found.length > ANNOTATION_LIMIT) {
      out.push({
        level,
        title: `perfgate: ${found.length - ANNOTATION_LIMIT} more`,
        message: `${found.length - ANNOTATION_LIMIT} more ${word} finding(s): see the job summary.`
      });
    }
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
  if (branch !== "" && (!BRANCH.test(branch) || branch.startsWith("-") || branch.includes(".."))) {
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
    seed
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
function applyInputs(config, inputs) {
  const { gate, baseline } = config.resolved;
  return {
    ...config,
    resolved: {
      ...config.resolved,
      gate: {
        ...gate,
        compareTo: inputs.compareTo === "stored" || inputs.compareTo === "base" ? inputs.compareTo : gate.compareTo,
        failOnInconclusive: inputs.failOnInconclusive ?? gate.failOnInconclusive
      },
      baseline: {
        ...baseline,
        mode: inputs.mode ?? baseline.mode,
        store: inputs.baselineStore ?? baseline.store,
        branch: inputs.baselineBranch ?? baseline.branch
      }
    }
  };
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
function placeOf(inputs, env) {
  const workdir = path.resolve(inputs.workingDirectory);
  const configPath = path.resolve(workdir, inputs.config);
  const fromRoot = path.relative(env.GITHUB_WORKSPACE || process.cwd(), configPath);
  const markerName = fromRoot === "" || fromRoot.startsWith("..") || path.isAbsolute(fromRoot) ? inputs.config : fromRoot.split(path.sep).join("/");
  const slug = markerName.replace(/[^A-Za-z0-9._-]+/g, "-");
  const outDir = path.join(env.RUNNER_TEMP || os.tmpdir(), "perfgate", slug);
  return { configPath, markerName, outDir };
}
async function runAction(deps) {
  const { core, env } = deps;
  const result2 = { outputs: {}, failed: null, exitCode: 0 };
  const fail = (message, exitCode = EXIT.regression) => {
    result2.failed = message;
    result2.exitCode = exitCode;
    core.setFailed(message);
  };
  let github = null;
  try {
    const inputs = readInputs((name) => core.getInput(name));
    const token = readGitHubToken({
      getInput: (name) => core.getInput(name),
      setSecret: (secret) => core.setSecret(secret),
      env
    });
    const ctx = deps.readContext();
    const client = token ? deps.createClient(token, ctx.apiUrl) : null;
    if (client && inputs.statusContext)
      github = { client, ctx, statusContext: inputs.statusContext };
    const place = placeOf(inputs, env);
    const pidFile = path.join(place.outDir, "servers.pid.json");
    core.saveState("pid-file", pidFile);
    setPidFile(pidFile);
    const config = applyInputs(await loadRunConfig(place.configPath), inputs);
    const store = createBaselineStore(config.resolved.baseline, {
      inActions: env.GITHUB_ACTIONS === "true",
      cwd: config.dir,
      token
    });
    const outcome = await runGate(
      {
        config,
        place: {
          event: ctx.eventName,
          ref: ctx.ref,
          defaultBranch: ctx.defaultBranch ?? null,
          baseSha: ctx.baseSha ?? null
        },
        store,
        compare: inputs.compareTo !== "none",
        execute: {
          seed: inputs.seed,
          logDir: path.join(place.outDir, "logs"),
          onSeed: (s) => core.info(`perfgate: seed ${s} (replay with the input seed: ${s})`),
          onEvent: (e) => {
            if (e.type === "run-start") {
              core.info(
                `perfgate: ${stripControl(e.workload)} run ${e.run}/${e.of}${e.warmup ? " (warm-up)" : ""}`
              );
            }
          }
        },
        onNotice: (m) => core.info(`perfgate: ${m}`)
      },
      deps.session
    );
    github = null;
    await report(deps, { inputs, ctx, client, place, outcome, result: result2, store });
    const failOnRegression = outcome.verdict !== "regression" || inputs.failOnRegression;
    if (outcome.fail && failOnRegression)
      fail(`perfgate: ${outcome.failReason ?? outcome.verdict}`);
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
  }
  return result2;
}
async function report(deps, r) {
  const { core } = deps;
  const { inputs, ctx, client, place, outcome } = r;
  const warn = (m) => core.warning(`perfgate: ${m}`);
  const trend = await loadTrend(r.store, outcome.record.configHash);
  const reportInput = {
    verdict: outcome.verdict,
    comparison: outcome.comparison,
    record: outcome.record,
    notices: outcome.notices,
    ...trend ? { trend } : {},
    runUrl: ctx.runUrl,
    repoUrl: `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}`,
    ...place.markerName !== "perfgate.yml" ? { title: place.markerName } : {}
  };
  const markdown = renderGateReport(reportInput);
  const comment = renderCommentBody(reportInput, place.markerName);
  const outputs = {
    verdict: outcome.verdict,
    regressions: String(countRegressions(outcome.comparison)),
    "comment-url": ""
  };
  try {
    await mkdir(place.outDir, { recursive: true });
    const results = path.join(place.outDir, "results.json");
    await writeJsonFile(results, outcome.record);
    outputs.results = results;
    if (outcome.comparison) {
      await writeJsonFile(path.join(place.outDir, "comparison.json"), outcome.comparison);
    }
    const reportFile = path.join(place.outDir, "report.md");
    await writeFile(reportFile, markdown);
    outputs.report = reportFile;
    await writeFile(path.join(place.outDir, "comment.md"), comment.body);
  } catch (err) {
    warn(`could not write the report files in ${place.outDir}: ${describeError(err)}`);
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
        markerName: place.markerName,
        body: comment.body,
        onChangeOnly: inputs.commentOnChangeOnly,
        changed: hasChange(outcome.comparison),
        isFork: ctx.isFork
      });
      if (step.url) outputs["comment-url"] = step.url;
      steps.push(step);
    }
  }
  if (inputs.statusContext) {
    const withInputs = {
      ...outcome,
      fail: outcome.fail && (outcome.verdict !== "regression" || inputs.failOnRegression)
    };
    steps.push(
      client ? await postStatus(client, ctx, inputs.statusContext, statusFor(withInputs, null)) : { kind: "skipped", url: null, message: "commit status skipped: no github-token" }
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
  for (const a of annotationsFor(outcome.comparison)) {
    if (a.level === "error") core.error(a.message, { title: a.title });
    else core.warning(a.message, { title: a.title });
  }
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value);
  r.result.outputs = outputs;
}

// src/index.ts
var result = await runAction(createActionDeps());
if (result.exitCode !== 0) process.exitCode = result.exitCode;
