import path from 'node:path';
import type { ActionDeps, ActionResult } from './action/deps.ts';
import { runActionGate, shardOf } from './action/action-gate.ts';
import { renderFailureSummary } from './action/failure-summary.ts';
import { overridesOf, readInputs } from './action/inputs.ts';
import { logEvent } from './action/log.ts';
import { outputPlaceOf, reportOutcome } from './action/report-outcome.ts';
import { postStatus, statusFor } from './action/report-to-github.ts';
import { checkUntrustedCheckout } from './action/untrusted-checkout.ts';
import { loadRunConfig } from './config/load-run-config.ts';
import { EXIT } from './errors.ts';
import { describeError, exitCodeFor } from './exit-code.ts';
import { createBaselineStore } from './gate/store-factory.ts';
import type { ActionContext } from './github/context.ts';
import type { GitHubClient } from './github/client.ts';
import { fitSummary, GITHUB_SUMMARY_LIMIT } from './github/limit.ts';
import { readGitHubToken } from './github/token.ts';
import { registeredSecrets } from './secrets.ts';
import { setPidFile } from './server/cleanup-registry.ts';

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
    const output = outputPlaceOf(inputs, env);
    summaryTitle = output.markerName !== 'perfgate.yml' ? output.markerName : undefined;
    const allowed = await checkUntrustedCheckout(
      ctx,
      path.resolve(inputs.workingDirectory),
      inputs.allowPullRequestTargetHead,
    );
    if (allowed) core.warning(`perfgate: ${allowed}`);
    const pidFile = path.join(output.outDir, 'servers.pid.json');
    core.saveState('pid-file', pidFile);
    setPidFile(pidFile);

    const config = await loadRunConfig(output.configPath, env, overridesOf(inputs));
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
      `perfgate: measuring ${config.resolved.workloads.length} workload(s) of ${output.markerName}`,
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
        execute: {
          seed: inputs.seed,
          logDir: path.join(output.outDir, 'logs'),
          onSeed: (s) => core.info(`perfgate: seed ${s} (replay with the input seed: ${s})`),
          onEvent: logEvent(core),
        },
        onNotice: (m) => core.info(`perfgate: ${m}`),
      },
      { markerName: output.markerName, outDir: output.outDir, workdir: inputs.workingDirectory },
      deps.session,
    ).finally(() => core.endGroup());
    const outcome = gate.outcome;
    github = null; // From here on the status tells the verdict, not an error.
    // A shard's report is partial: files, summary and outputs only, never a comment or status.
    const reportInputs = gate.shard ? { ...inputs, comment: false, statusContext: null } : inputs;
    await reportOutcome(deps, {
      inputs: reportInputs,
      ctx,
      client,
      output,
      outcome,
      result,
      store,
    });
    // Decided once, by the gate (with fail-on-regression applied as an override).
    if (outcome.fail) fail(`perfgate: ${outcome.failReason ?? outcome.verdict}`, gate.failExit);
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
