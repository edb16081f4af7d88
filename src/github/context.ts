// What perfgate needs to know about the workflow run, read once from `@actions/github`'s
// context (the event payload at GITHUB_EVENT_PATH plus GITHUB_* variables) into a plain object.
// The rest of the code receives this object and never touches github.context.

import * as github from '@actions/github';

/** The slice of `@actions/github`'s Context this module reads. */
export interface ContextSource {
  eventName: string;
  payload: Record<string, unknown>;
  sha: string;
  ref: string;
  runId: number;
  serverUrl: string;
  apiUrl: string;
  /** GITHUB_REPOSITORY split into owner and name. */
  repo: { owner: string; repo: string };
}

/** The run as perfgate sees it. */
export interface ActionContext {
  eventName: string;
  owner: string;
  repo: string;
  /** The commit the job checked out (for a PR: GitHub's test merge commit). */
  sha: string;
  /** The ref the job checked out, e.g. `refs/heads/main` or `refs/pull/7/merge`. */
  ref: string;
  /** The PR number, for pull_request(_target) events and comments on a PR. */
  prNumber?: number;
  /** The commit to measure and report on: the PR head, or the pushed commit. */
  headSha: string;
  /** The PR's head branch. */
  headRef?: string;
  /** The PR's base commit, or the commit before a push (absent for a new branch). */
  baseSha?: string;
  /** The PR's base branch, e.g. `main`. */
  baseRef?: string;
  /** The repository's default branch, when the payload says. */
  defaultBranch?: string;
  /** A push to the default branch: the run that records a new baseline. */
  isDefaultBranchPush: boolean;
  /** The PR's head is another repository: its token is read-only. */
  isFork: boolean;
  /** The workflow run's page: `${serverUrl}/${owner}/${repo}/actions/runs/${runId}`. */
  runUrl: string;
  /** The REST API root for this server (api.github.com or a GHES host). */
  apiUrl: string;
  serverUrl: string;
}

type Json = Record<string, unknown>;

function obj(value: unknown): Json | undefined {
  return value && typeof value === 'object' ? (value as Json) : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

const ZERO_SHA = /^0+$/;
const PR_EVENTS = new Set([
  'pull_request',
  'pull_request_target',
  'pull_request_review',
  'pull_request_review_comment',
]);

/** Reads the run's facts from a context; pure, so tests pass fixture payloads. */
export function readActionContext(source: ContextSource): ActionContext {
  const payload = source.payload;
  const repository = obj(payload.repository);
  const { owner, repo } = source.repo;
  const defaultBranch = str(repository?.default_branch);
  const serverUrl = source.serverUrl.replace(/\/+$/, '');
  const base: ActionContext = {
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
    serverUrl,
  };

  const pull = obj(payload.pull_request);
  if (PR_EVENTS.has(source.eventName) && pull) {
    const head = obj(pull.head);
    const baseBranch = obj(pull.base);
    const headRepo = str(obj(head?.repo)?.full_name);
    const baseRepo = str(obj(baseBranch?.repo)?.full_name) ?? `${owner}/${repo}`;
    return {
      ...base,
      prNumber: typeof pull.number === 'number' ? pull.number : Number(payload.number),
      headSha: str(head?.sha) ?? source.sha,
      headRef: str(head?.ref),
      baseSha: str(baseBranch?.sha),
      baseRef: str(baseBranch?.ref),
      // A deleted fork leaves head.repo null; it was not this repository either.
      isFork: headRepo === undefined || headRepo.toLowerCase() !== baseRepo.toLowerCase(),
    };
  }

  const issue = obj(payload.issue);
  if (
    source.eventName === 'issue_comment' &&
    issue?.pull_request &&
    typeof issue.number === 'number'
  ) {
    return { ...base, prNumber: issue.number };
  }

  if (source.eventName === 'push') {
    const before = str(payload.before);
    return {
      ...base,
      headSha: str(payload.after) ?? source.sha,
      baseSha: before && !ZERO_SHA.test(before) ? before : undefined,
      isDefaultBranchPush:
        defaultBranch !== undefined && source.ref === `refs/heads/${defaultBranch}`,
    };
  }
  return base;
}

/** The current run's facts, from `@actions/github`'s context. */
export function currentActionContext(): ActionContext {
  const { context } = github;
  return readActionContext({
    eventName: context.eventName,
    payload: context.payload as Record<string, unknown>,
    sha: context.sha,
    ref: context.ref,
    runId: context.runId,
    serverUrl: context.serverUrl,
    apiUrl: context.apiUrl,
    repo: context.repo,
  });
}
