import * as core from '@actions/core';
import { killRecordedServers } from './server/cleanup-registry.ts';

// The action's post step: runs even when the job was cancelled, and stops any server process
// group the main step recorded and could not stop itself, and every process carrying the main
// step's environment cookie (a daemon or a setsid child outside those groups).
try {
  const file = core.getState('pid-file');
  if (file) {
    const killed = await killRecordedServers(file);
    if (killed > 0)
      core.info(`perfgate: stopped ${killed} server process group(s) or process(es) left running`);
  }
} catch (err) {
  core.warning(`perfgate post step: ${err instanceof Error ? err.message : String(err)}`);
}
