import * as core from '@actions/core';
import { createGitHubClient, type GitHubClient } from '../github/client.ts';
import { currentActionContext, type ActionContext } from '../github/context.ts';
import type { SessionDeps } from '../run/session-deps.ts';
import type { OutputName } from './inputs.ts';
import { createSessionDeps } from '../run/session-deps.ts';

// The collaborators of the action's main step, passed in so a test can run it against fakes or
// a stand-in API. The defaults are the runner's: @actions/core, the event payload, Octokit.

/** Where an annotation points: a title, and a file and line in the repository. */
export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
}

/** The slice of @actions/core the action uses. */
export interface ActionCore {
  getInput(name: string): string;
  setSecret(secret: string): void;
  setOutput(name: string, value: string): void;
  setFailed(message: string): void;
  info(message: string): void;
  notice(message: string): void;
  warning(message: string, properties?: AnnotationProperties): void;
  error(message: string, properties?: AnnotationProperties): void;
  /** Folds the log lines that follow, up to endGroup, under a title. */
  startGroup(title: string): void;
  endGroup(): void;
  saveState(name: string, value: string): void;
  /** Appends markdown to the job summary. */
  writeSummary(markdown: string): Promise<void>;
}

/** Everything runAction talks to. */
export interface ActionDeps {
  core: ActionCore;
  env: Record<string, string | undefined>;
  /** The workflow run's facts (event, PR, refs, fork). */
  readContext(): ActionContext;
  /** An Octokit client for a (masked) token and REST API root. */
  createClient(token: string, apiUrl: string): GitHubClient;
  /** Server start, load runner, clock. */
  session: SessionDeps;
}

/** The runner's collaborators. */
export function createActionDeps(): ActionDeps {
  return {
    core: {
      getInput: (name) => core.getInput(name),
      setSecret: (secret) => core.setSecret(secret),
      setOutput: (name, value) => core.setOutput(name, value),
      setFailed: (message) => core.setFailed(message),
      info: (message) => core.info(message),
      notice: (message) => core.notice(message),
      warning: (message, properties) => core.warning(message, properties),
      error: (message, properties) => core.error(message, properties),
      saveState: (name, value) => core.saveState(name, value),
      startGroup: (title) => core.startGroup(title),
      endGroup: () => core.endGroup(),
      writeSummary: async (markdown) => {
        await core.summary.addRaw(markdown, true).write();
      },
    },
    env: process.env,
    readContext: currentActionContext,
    createClient: (token, apiUrl) => createGitHubClient(token, { baseUrl: apiUrl }),
    session: createSessionDeps(),
  };
}

/** What the main step ended with (the outputs it set, and whether it failed the job). */
export interface ActionResult {
  outputs: Partial<Record<OutputName, string>>;
  failed: string | null;
  /** The documented exit code (README "Exit codes"): 1 for a failed gate, 2 invalid input, ... */
  exitCode: number;
}
