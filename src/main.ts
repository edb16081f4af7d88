import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { annotationsFor, countRegressions, hasChange } from './action/annotations.ts';
import { findConfigLines } from './action/config-lines.ts';
import { logEvent, renderHeadlineLine } from './action/log.ts';
import type { ActionDeps } from './action/deps.ts';
import { renderFailureSummary } from './action/failure-summary.ts';
import type { BaselineStore } from './baseline/store.ts';
import { applyInputs, readInputs, type ActionInputs, type OutputName } from './action/inputs.ts';
import {
  postComment,
  postStatus,
  renderCommentBody,
  statusFor,
  type ReportStepResult,
} from './action/report-to-github.ts';
import { checkUntrustedCheckout } from './action/untrusted-checkout.ts';
import { EXIT } from './errors.ts';
import { describeError, exitCodeFor } from './exit-code.ts';
import type { GateOutcome } from './gate/run-gate.ts';
import { runActionGate, shardOf } from './action/action-gate.ts';
import { createBaselineStore } from './gate/store-factory.ts';
import type { ActionContext } from './github/context.ts';
import type { GitHubClient } from './github/client.ts';
import { fitSummary, GITHUB_SUMMARY_LIMIT } from './github/limit.ts';
import { readGitHubToken } from './github/token.ts';
import { loadTrend } from './gate/trend-source.ts';
import type { GateReportInput } from './report/gate-report.ts';
import { renderGateReport, renderGateText } from './report/gate-report.ts';
import { escapeInline } from './report/escape.ts';
import { loadRunConfig } from './config/load-run-config.ts';
import { registeredSecrets } from './secrets.ts';
import { writeJsonFile } from './run/write-json.ts';
import { setPidFile } from './server/cleanup-registry.ts';

/** What the main step ended with (the outputs it set, and whether it failed the job). */
export interface ActionResult {
  outputs: Partial<Record<OutputName, string>>;
  failed: string | null;
  /** The documented exit code (README "Exit codes"): 1 for a failed gate, 2 invalid input, ... */
  exitCode: number;
}

/** Where one config's files go, and the name its PR comment carries. */
interface Place {
  configPath: string;
  /** The config's path from the repository root, e.g. `perfgate.yml` or `api/perfgate.yml`. */
  markerName: string;
  outDir: string;
}

function placeOf(inputs: ActionInputs, env: ActionDeps['env']): Place {
  const workdir = path.resolve(inputs.workingDirectory);
  const configPath = path.resolve(workdir, inputs.config);
  const fromRoot = path.relative(env.GITHUB_WORKSPACE || process.cwd(), configPath);
  const markerName =
    fromRoot === '' || fromRoot.startsWith('..') || path.isAbsolute(fromRoot)
      ? inputs.config
      : fromRoot.split(path.sep).join('/');
  // One folder per config, so two perfgate steps in a job do not overwrite each other's files.
  const slug = markerName.replace(/[^A-Za-z0-9._-]+/g, '-');
  const outDir = path.join(env.RUNNER_TEMP || os.tmpdir(), 'perfgate', slug);
  return { configPath, markerName, outDir };
}

/**
 * The action's main step: reads the inputs and the run's context, runs the gate, writes the
 * results, the report, the job summary, the PR comment, the annotations and the commit status,
 * sets the outputs, and fails the step on a regression. The only place that sets outputs or
 * fails the job; a failed report step is a warning and never hides the verdict.
 */
export async function runAction(deps: ActionDeps): Promise<ActionResult> {
  const { core, env } = deps;
  const result: ActionResult = { outputs: {}, failed: null, exitCode: 0 };
  const fail = (message: string, exitCode: number = EXIT.regression) => {
    result.failed = message;
    result.exitCode = exitCode;
    core.setFailed(message);
  };
  let github: { client: GitHubClient; ctx: ActionContext; statusContext: string } | null = null;
  let summaryTitle: string | undefined;
  try {
    const inputs = readInputs((name) => core.getInput(name));
    const token = readGitHubToken({
      getInput: (name) => core.getInput(name),
      setSecret: (secret) => core.setSecret(secret),
      env,
    });
    const ctx = deps.readContext();
    const client = token ? deps.createClient(token, ctx.apiUrl) : null;
    if (client && inputs.statusContext && !inputs.shard)
      github = { client, ctx, statusContext: inputs.statusContext };
    const place = placeOf(inputs, env);
    summaryTitle = place.markerName !== 'perfgate.yml' ? place.markerName : undefined;
    const allowed = await checkUntrustedCheckout(
      ctx,
      path.resolve(inputs.workingDirectory),
      inputs.allowPullRequestTargetHead,
    );
    if (allowed) core.warning(`perfgate: ${allowed}`);
    const pidFile = path.join(place.outDir, 'servers.pid.json');
    core.saveState('pid-file', pidFile);
    setPidFile(pidFile);

    const config = applyInputs(await loadRunConfig(place.configPath, env), inputs);
    // {{env.NAME}} values: the runner masks them in the log as it masks its own secrets.
    for (const secret of registeredSecrets()) core.setSecret(secret);
    const store = createBaselineStore(config.resolved.baseline, {
      inActions: env.GITHUB_ACTIONS === 'true',
      cwd: config.dir,
      token,
    });
    // A shard never sets a status, not even for an error: its merge reports for every shard.
    if (shardOf(inputs, config)) github = null;
    core.startGroup(
      `perfgate: measuring ${config.resolved.workloads.length} workload(s) of ${place.markerName}`,
    );
    const gate = await runActionGate(
      inputs,
      {
        config,
        place: {
          event: ctx.eventName,
          ref: ctx.ref,
          defaultBranch: ctx.defaultBranch ?? null,
          baseSha: ctx.baseSha ?? null,
        },
        store,
        compare: inputs.compareTo !== 'none',
        execute: {
          seed: inputs.seed,
          logDir: path.join(place.outDir, 'logs'),
          onSeed: (s) => core.info(`perfgate: seed ${s} (replay with the input seed: ${s})`),
          onEvent: logEvent(core),
        },
        onNotice: (m) => core.info(`perfgate: ${m}`),
      },
      { markerName: place.markerName, outDir: place.outDir, workdir: inputs.workingDirectory },
      deps.session,
    ).finally(() => core.endGroup());
    const outcome = gate.outcome;
    github = null; // From here on the status tells the verdict, not an error.
    // A shard's report is partial: files, summary and outputs only, never a comment or status.
    const reportInputs = gate.shard ? { ...inputs, comment: false, statusContext: null } : inputs;
    await report(deps, { inputs: reportInputs, ctx, client, place, outcome, result, store });
    // A broken absolute objective fails the job even with fail-on-regression: false.
    const failOnRegression =
      outcome.verdict !== 'regression' ||
      inputs.failOnRegression ||
      outcome.objectives.some((o) => o.met === false);
    if (outcome.fail && failOnRegression)
      fail(`perfgate: ${outcome.failReason ?? outcome.verdict}`, gate.failExit);
    else if (outcome.saveError) {
      fail(
        `perfgate: this run could not be recorded as the baseline: ${outcome.saveError.message}`,
        EXIT.baselineStore,
      );
    }
  } catch (err) {
    const message = describeError(err);
    if (github) {
      const step = await postStatus(
        github.client,
        github.ctx,
        github.statusContext,
        statusFor(null, message),
      );
      if (step.kind !== 'done') core.warning(`perfgate: ${step.message}`);
    }
    fail(`perfgate: ${message}`, exitCodeFor(err));
    try {
      // Inputs that never parsed have no place to name; the summary still says what failed.
      await core.writeSummary(
        fitSummary(
          renderFailureSummary(message, result.exitCode, summaryTitle),
          GITHUB_SUMMARY_LIMIT,
        ),
      );
    } catch (summaryErr) {
      core.warning(`perfgate: could not write the job summary: ${describeError(summaryErr)}`);
    }
  }
  return result;
}

interface ReportInput {
  inputs: ActionInputs;
  ctx: ActionContext;
  client: GitHubClient | null;
  place: Place;
  outcome: GateOutcome;
  result: ActionResult;
  store: BaselineStore | null;
}

/** Everything after the measurement: files, comment, status, summary, annotations, outputs. */
async function report(deps: ActionDeps, r: ReportInput): Promise<void> {
  const { core } = deps;
  const { inputs, ctx, client, place, outcome } = r;
  const warn = (m: string) => core.warning(`perfgate: ${m}`);
  const trend = await loadTrend(r.store, outcome.record.configHash);
  const reportInput: GateReportInput = {
    verdict: outcome.verdict,
    comparison: outcome.comparison,
    record: outcome.record,
    notices: outcome.notices,
    ...(trend ? { trend } : {}),
    breakage: outcome.breakage,
    objectives: outcome.objectives,
    runUrl: ctx.runUrl,
    repoUrl: `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}`,
    ...(place.markerName !== 'perfgate.yml' ? { title: place.markerName } : {}),
  };
  const markdown = renderGateReport(reportInput);
  const comment = renderCommentBody(reportInput, place.markerName);
  const outputs: Partial<Record<OutputName, string>> = {
    verdict: outcome.verdict,
    regressions: String(countRegressions(outcome.comparison)),
    'comment-url': '',
  };
  try {
    await mkdir(place.outDir, { recursive: true });
    const results = path.join(place.outDir, 'results.json');
    await writeJsonFile(results, outcome.record);
    outputs.results = results;
    if (outcome.comparison) {
      await writeJsonFile(path.join(place.outDir, 'comparison.json'), outcome.comparison);
    }
    const reportFile = path.join(place.outDir, 'report.md');
    await writeFile(reportFile, markdown);
    outputs.report = reportFile;
    // The comment as it would be posted: the second stage of a fork-safe workflow posts it.
    await writeFile(path.join(place.outDir, 'comment.md'), comment.body);
  } catch (err) {
    warn(`could not write the report files in ${place.outDir}: ${describeError(err)}`);
  }

  const steps: ReportStepResult[] = [];
  if (ctx.prNumber !== undefined && inputs.comment) {
    if (!client) {
      steps.push({ kind: 'skipped', url: null, message: 'PR comment skipped: no github-token' });
    } else {
      const step = await postComment(client, {
        owner: ctx.owner,
        repo: ctx.repo,
        prNumber: ctx.prNumber,
        markerName: place.markerName,
        body: comment.body,
        onChangeOnly: inputs.commentOnChangeOnly,
        changed: hasChange(outcome.comparison),
        isFork: ctx.isFork,
      });
      if (step.url) outputs['comment-url'] = step.url;
      steps.push(step);
    }
  }
  if (inputs.statusContext) {
    const withInputs = {
      ...outcome,
      fail:
        outcome.fail &&
        (outcome.verdict !== 'regression' ||
          inputs.failOnRegression ||
          outcome.objectives.some((o) => o.met === false)),
    };
    steps.push(
      client
        ? await postStatus(client, ctx, inputs.statusContext, statusFor(withInputs, null))
        : { kind: 'skipped', url: null, message: 'commit status skipped: no github-token' },
    );
  }
  for (const step of steps) {
    if (step.kind === 'done') core.info(`perfgate: ${step.message}`);
    else if (step.kind === 'skipped') core.notice(`perfgate: ${step.message}`);
    else warn(step.message);
  }

  const notes = steps.filter((s) => s.kind !== 'done').map((s) => `- ${escapeInline(s.message)}`);
  const trimmed = comment.trimmed
    ? ['- the PR comment\u2019s raw data was trimmed to fit GitHub\u2019s limit']
    : [];
  const extra = [...notes, ...trimmed];
  try {
    // The notes go after the report, which is cut first if the whole is over GitHub's limit.
    const tail = extra.length ? `\n${extra.join('\n')}\n` : '';
    await core.writeSummary(
      fitSummary(markdown, GITHUB_SUMMARY_LIMIT - Buffer.byteLength(tail, 'utf8')) + tail,
    );
  } catch (err) {
    warn(`could not write the job summary: ${describeError(err)}`);
  }
  const lines = await readFile(place.configPath, 'utf8').then(findConfigLines, () => null);
  const where = lines ? { file: place.markerName, lines } : undefined;
  for (const a of annotationsFor(outcome.comparison, where)) {
    const properties = { title: a.title, file: a.file, startLine: a.startLine };
    if (a.level === 'error') core.error(a.message, properties);
    else core.warning(a.message, properties);
  }
  // The verdict unfolded, the report folded: the log reads like the comment.
  core.info(renderHeadlineLine(outcome));
  core.startGroup('perfgate: report');
  core.info(renderGateText({ ...reportInput, details: false }));
  core.endGroup();
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value);
  r.result.outputs = outputs;
}
