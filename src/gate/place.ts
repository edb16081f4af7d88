import { readFileSync } from 'node:fs';
import type { RunPlace } from './plan.ts';

/**
 * Where a CLI run happens: inside GitHub Actions (GITHUB_ACTIONS=true) the event, ref and
 * default branch come from the runner's variables and event file, so `npx perfgate run` in a
 * workflow behaves like the action; anywhere else it is a local run.
 */
export function placeFromEnv(env: NodeJS.ProcessEnv): RunPlace {
  if (env.GITHUB_ACTIONS !== 'true') return { event: 'local', ref: null, defaultBranch: null };
  let payload: {
    repository?: { default_branch?: string };
    pull_request?: { base?: { sha?: string } };
  } = {};
  try {
    if (env.GITHUB_EVENT_PATH) payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
  } catch {
    // No readable event file: the event name and ref still decide.
  }
  return {
    event: env.GITHUB_EVENT_NAME ?? 'local',
    ref: env.GITHUB_REF ?? null,
    defaultBranch: payload.repository?.default_branch ?? null,
    baseSha: payload.pull_request?.base?.sha ?? null,
  };
}
