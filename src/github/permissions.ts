// Turns "this token may not write here" into an outcome instead of an exception, so a fork PR
// (whose GITHUB_TOKEN is read-only) or a workflow without `pull-requests: write` /
// `statuses: write` still gets its job summary and outputs.

/** A write GitHub refused for lack of permission. */
export interface SkippedWrite {
  action: 'skipped';
  /** Why, for the log and the job summary. */
  reason: string;
  /** The HTTP status GitHub answered (403 or 404). */
  status: number;
}

/** A GitHub API call that failed for another reason; carries no request data (no token). */
export class GitHubApiError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
  ) {
    super(message);
    this.name = 'GitHubApiError';
  }
}

/** GitHub's answer to a token without the needed permission. */
export const NOT_ACCESSIBLE_MESSAGE = 'Resource not accessible by integration';

const SKIP_REASON =
  'skipped: token cannot write (fork PR or missing `pull-requests: write`/`statuses: write` permission)';

interface ErrorShape {
  status?: unknown;
  message?: unknown;
  response?: { data?: unknown; headers?: Record<string, unknown> };
}

/** GitHub's own message from a failed call (the `message` of its JSON answer), if any. */
function githubMessage(err: ErrorShape): string | undefined {
  const data = err.response?.data;
  if (
    data &&
    typeof data === 'object' &&
    typeof (data as { message?: unknown }).message === 'string'
  ) {
    return (data as { message: string }).message;
  }
  return typeof err.message === 'string' ? err.message : undefined;
}

function isRateLimit(err: ErrorShape, message: string): boolean {
  return /rate limit/i.test(message) || err.response?.headers?.['x-ratelimit-remaining'] === '0';
}

/** The skipped outcome for a permission failure, or undefined for any other failure. */
export function asSkippedWrite(err: unknown, operation: string): SkippedWrite | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const shape = err as ErrorShape;
  const status = typeof shape.status === 'number' ? shape.status : undefined;
  const message = githubMessage(shape) ?? '';
  if (status === 403 && !isRateLimit(shape, message)) {
    return {
      action: 'skipped',
      status,
      reason: `${SKIP_REASON}: ${operation} answered 403 "${message}"`,
    };
  }
  if (status === 404) {
    return {
      action: 'skipped',
      status,
      reason: `${SKIP_REASON}: ${operation} answered 404 "${message}"`,
    };
  }
  return undefined;
}

/** Wraps any other failure in a GitHubApiError that names the operation and GitHub's message. */
export function toApiError(err: unknown, operation: string): GitHubApiError {
  if (err instanceof GitHubApiError) return err;
  const shape = (err && typeof err === 'object' ? err : {}) as ErrorShape;
  const status = typeof shape.status === 'number' ? shape.status : undefined;
  const message = githubMessage(shape) ?? String(err);
  return new GitHubApiError(
    `${operation} failed${status ? ` (HTTP ${status})` : ''}: ${message}`,
    status,
  );
}

/** Runs a write; a permission failure becomes a SkippedWrite, any other failure a GitHubApiError. */
export async function attemptWrite<T>(
  operation: string,
  write: () => Promise<T>,
): Promise<T | SkippedWrite> {
  try {
    return await write();
  } catch (err) {
    const skipped = asSkippedWrite(err, operation);
    if (skipped) return skipped;
    throw toApiError(err, operation);
  }
}
