import { createLoadRunner } from '../load/load-runner.ts';
import { startServer } from '../server/start-server.ts';
import type { SessionDeps } from './run-session.ts';

/** The real collaborators: processes on this machine, autocannon in a child process, the clock. */
export function createSessionDeps(): SessionDeps {
  return { startServer, load: createLoadRunner(), now: Date.now };
}
