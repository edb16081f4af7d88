// Everything perfgate does on GitHub: the only module that reads github.context or uses Octokit.
export { createGitHubClient, type GitHubClient, type ClientOptions } from './client.ts';
export { readGitHubToken, type TokenSource } from './token.ts';
export {
  readActionContext,
  currentActionContext,
  type ActionContext,
  type ContextSource,
} from './context.ts';
export {
  upsertComment,
  commentMarker,
  findMarkedComment,
  withMarker,
  type UpsertCommentInput,
  type CommentOutcome,
} from './comment.ts';
export {
  setCommitStatus,
  shortenDescription,
  STATUS_DESCRIPTION_LIMIT,
  type CommitStatusInput,
  type StatusOutcome,
} from './status.ts';
export {
  attemptWrite,
  asSkippedWrite,
  toApiError,
  GitHubApiError,
  NOT_ACCESSIBLE_MESSAGE,
  type SkippedWrite,
} from './permissions.ts';
export {
  fitComment,
  fitSummary,
  GITHUB_SUMMARY_LIMIT,
  SUMMARY_CUT_NOTE,
  GITHUB_COMMENT_LIMIT,
  TRIM_NOTE,
  type CommentSection,
  type TrimmableSection,
  type FittedComment,
} from './limit.ts';
