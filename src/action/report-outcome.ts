import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { annotationsFor, countRegressions, hasChange } from './annotations.ts';
import { findConfigLines } from './config-lines.ts';
import type { ActionDeps, ActionResult } from './deps.ts';
import type { ActionInputs, OutputName } from './inputs.ts';
import { renderHeadlineLine } from './log.ts';
import {
  postComment,
  postStatus,
  renderCommentBody,
  statusFor,
  type ReportStepResult,
} from './report-to-github.ts';
import type { BaselineStore } from '../baseline/store.ts';
import { describeError } from '../exit-code.ts';
import type { GateOutcome } from '../gate/run-gate.ts';
import { loadTrend } from '../gate/trend-source.ts';
import type { ActionContext } from '../github/context.ts';
import type { GitHubClient } from '../github/client.ts';
import { fitSummary, GITHUB_SUMMARY_LIMIT } from '../github/limit.ts';
import { escapeInline } from '../report/escape.ts';
import { outcomeReport, renderGateReport, renderGateText } from '../report/gate-report.ts';
import { writeJsonFile } from '../run/write-json.ts';

// The action's report of one gate run: the files in the output folder, the PR comment, the
// commit status, the job summary, the annotations, the log and the outputs.

/** Where one config's files go, and the name its PR comment carries. */
export interface OutputPlace {
  configPath: string;
  /** The config's path from the repository root, e.g. `perfgate.yml` or `api/perfgate.yml`. */
  markerName: string;
  outDir: string;
}

/** Where the files of the config the inputs name go. */
export function outputPlaceOf(inputs: ActionInputs, env: ActionDeps['env']): OutputPlace {
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

/** What the report of one gate run needs. */
export interface ReportInput {
  inputs: ActionInputs;
  ctx: ActionContext;
  client: GitHubClient | null;
  output: OutputPlace;
  outcome: GateOutcome;
  result: ActionResult;
  store: BaselineStore | null;
}

/**
 * Everything after the measurement: files, comment, status, summary, annotations, outputs. A
 * failed step is a warning and never hides the verdict; failing the job is left to the caller.
 */
export async function reportOutcome(deps: ActionDeps, r: ReportInput): Promise<void> {
  const { core } = deps;
  const { inputs, ctx, client, output, outcome } = r;
  const warn = (m: string) => core.warning(`perfgate: ${m}`);
  const trend = await loadTrend(r.store, outcome.record.configHash);
  const reportInput = outcomeReport(outcome, {
    ...(trend ? { trend } : {}),
    runUrl: ctx.runUrl,
    repoUrl: `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}`,
    ...(output.markerName !== 'perfgate.yml' ? { title: output.markerName } : {}),
  });
  const markdown = renderGateReport(reportInput);
  const comment = renderCommentBody(reportInput, output.markerName);
  const outputs: Partial<Record<OutputName, string>> = {
    verdict: outcome.verdict,
    regressions: String(countRegressions(outcome.comparison)),
    'comment-url': '',
  };
  try {
    await mkdir(output.outDir, { recursive: true });
    const results = path.join(output.outDir, 'results.json');
    await writeJsonFile(results, outcome.record);
    outputs.results = results;
    if (outcome.comparison) {
      await writeJsonFile(path.join(output.outDir, 'comparison.json'), outcome.comparison);
    }
    const reportFile = path.join(output.outDir, 'report.md');
    await writeFile(reportFile, markdown);
    outputs.report = reportFile;
    // The comment as it would be posted: the second stage of a fork-safe workflow posts it.
    await writeFile(path.join(output.outDir, 'comment.md'), comment.body);
  } catch (err) {
    warn(`could not write the report files in ${output.outDir}: ${describeError(err)}`);
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
        markerName: output.markerName,
        body: comment.body,
        commentOnChangeOnly: inputs.commentOnChangeOnly,
        changed: hasChange(outcome.comparison),
        isFork: ctx.isFork,
      });
      if (step.url) outputs['comment-url'] = step.url;
      steps.push(step);
    }
  }
  if (inputs.statusContext) {
    steps.push(
      client
        ? await postStatus(client, ctx, inputs.statusContext, statusFor(outcome, null))
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
  const lines = await readFile(output.configPath, 'utf8').then(findConfigLines, () => null);
  const where = lines ? { file: output.markerName, lines } : undefined;
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
