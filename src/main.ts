import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import { describeError, exitCodeFor } from './errors.ts';
import { renderSummaryTable } from './report/summary-table.ts';
import { executeRun } from './run/execute-run.ts';
import { loadRunConfig } from './run/load-run-config.ts';
import { createSessionDeps } from './run/session-deps.ts';
import { writeJsonFile } from './run/write-json.ts';
import { setPidFile } from './server/cleanup-registry.ts';

/** The action's main step: measure, report, set outputs. The only place that fails the job. */
export async function runAction(): Promise<void> {
  try {
    const workdir = path.resolve(core.getInput('working-directory') || '.');
    const configPath = path.resolve(workdir, core.getInput('config') || 'perfgate.yml');
    const seedInput = core.getInput('seed');
    const outDir = path.join(process.env.RUNNER_TEMP ?? os.tmpdir(), 'perfgate');
    const pidFile = path.join(outDir, 'servers.pid.json');
    core.saveState('pid-file', pidFile);
    setPidFile(pidFile);

    const config = await loadRunConfig(configPath);
    const record = await executeRun(config, createSessionDeps(), {
      seed: seedInput ? Number(seedInput) : undefined,
      logDir: path.join(outDir, 'logs'),
      onSeed: (s) => core.info(`perfgate: seed ${s} (replay with seed: ${s})`),
    });
    const resultsPath = path.join(outDir, 'results.json');
    await writeJsonFile(resultsPath, record);
    const report = `## perfgate\n\n${renderSummaryTable(record)}\n`;
    const reportPath = path.join(outDir, 'report.md');
    await writeFile(reportPath, report);
    await core.summary.addRaw(report).write();
    core.setOutput('verdict', 'no-baseline');
    core.setOutput('results', resultsPath);
    core.setOutput('report', reportPath);
  } catch (err) {
    core.setFailed(`perfgate: ${describeError(err)}`);
    process.exitCode = exitCodeFor(err);
  }
}
