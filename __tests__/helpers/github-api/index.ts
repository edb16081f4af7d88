// The stand-in GitHub API for tests: see server.ts.
export { startGitHubApi, NOT_ACCESSIBLE } from './server.ts';
export type {
  GitHubApiStandIn,
  RecordedRequest,
  InjectedFailure,
  StandInOptions,
} from './server.ts';
export { COMMENT_BODY_LIMIT, STATUS_DESCRIPTION_LIMIT } from './handlers.ts';
export type { GitHubState, StoredComment, StoredStatus, StoredPull } from './state.ts';
export { validateSchema } from './schema.ts';
export { clientFor, TEST_TOKEN } from './client.ts';
