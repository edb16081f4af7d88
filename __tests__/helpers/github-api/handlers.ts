// What the stand-in does for each operation, on its in-memory state. Limits GitHub enforces
// without saying so in the spec (65,536-character comments, 140-character status descriptions)
// are enforced here too.

import type { Match } from './spec.ts';
import type { GitHubState, ResponseBuilder } from './state.ts';

/** An answer: status, JSON body, extra headers. */
export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** What a handler may use. */
export interface HandlerContext {
  state: GitHubState;
  builder: ResponseBuilder;
  url: string;
}

/** GitHub's limit on comment bodies, in characters (UTF-16 code units here, conservatively). */
export const COMMENT_BODY_LIMIT = 65536;
/** GitHub's limit on commit status descriptions. */
export const STATUS_DESCRIPTION_LIMIT = 140;

const DOCS = 'https://docs.github.com/rest';
const notFound: Reply = {
  status: 404,
  body: { message: 'Not Found', documentation_url: DOCS, status: '404' },
};

function validationFailed(resource: string, field: string, message: string): Reply {
  return {
    status: 422,
    body: {
      message: 'Validation Failed',
      errors: [{ resource, code: 'custom', field, message }],
      documentation_url: DOCS,
      status: '422',
    },
  };
}

/** Answers a validated request to a known operation. */
export function handle(match: Match, body: unknown, target: URL, ctx: HandlerContext): Reply {
  const { state } = ctx;
  const { params, route } = match;
  if (
    params.owner?.toLowerCase() !== state.owner.toLowerCase() ||
    params.repo?.toLowerCase() !== state.repo.toLowerCase()
  ) {
    return notFound;
  }
  const input = (body ?? {}) as Record<string, unknown>;
  switch (route.operationId) {
    case 'repos/get':
      return { status: 200, body: ctx.builder.repository() };
    case 'pulls/get': {
      const pull = state.pulls.get(Number(params.pull_number));
      return pull ? { status: 200, body: ctx.builder.pull(pull) } : notFound;
    }
    case 'issues/list-comments':
      return listComments(Number(params.issue_number), target, ctx);
    case 'issues/create-comment': {
      const text = String(input.body);
      if (text.length > COMMENT_BODY_LIMIT) return tooLong();
      const comment = state.addComment(Number(params.issue_number), text, 'github-actions[bot]');
      const json = ctx.builder.comment(comment);
      return { status: 201, body: json, headers: { location: String(json.url) } };
    }
    case 'issues/update-comment': {
      const comment = state.comments.find((c) => c.id === Number(params.comment_id));
      if (!comment) return notFound;
      const text = String(input.body);
      if (text.length > COMMENT_BODY_LIMIT) return tooLong();
      comment.body = text;
      comment.updatedAt = state.now();
      return { status: 200, body: ctx.builder.comment(comment) };
    }
    case 'repos/create-commit-status':
      return createStatus(params.sha!, input, ctx);
    default:
      return notFound;
  }
}

function tooLong(): Reply {
  return validationFailed(
    'IssueComment',
    'data',
    `Body is too long (maximum is ${COMMENT_BODY_LIMIT} characters)`,
  );
}

function listComments(issueNumber: number, target: URL, ctx: HandlerContext): Reply {
  const all = ctx.state.commentsOf(issueNumber);
  const perPage = Math.min(Number(target.searchParams.get('per_page') ?? 30), 100);
  const page = Math.max(Number(target.searchParams.get('page') ?? 1), 1);
  const lastPage = Math.max(Math.ceil(all.length / perPage), 1);
  const items = all.slice((page - 1) * perPage, page * perPage).map((c) => ctx.builder.comment(c));
  const link = (p: number, rel: string) => {
    const u = new URL(target.pathname, ctx.url);
    u.searchParams.set('per_page', String(perPage));
    u.searchParams.set('page', String(p));
    return `<${u.href}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(page - 1, 'prev'), link(1, 'first'));
  if (page < lastPage) links.push(link(page + 1, 'next'), link(lastPage, 'last'));
  return { status: 200, body: items, headers: links.length > 0 ? { link: links.join(', ') } : {} };
}

function createStatus(sha: string, input: Record<string, unknown>, ctx: HandlerContext): Reply {
  const description = (input.description as string | null | undefined) ?? null;
  if (description !== null && description.length > STATUS_DESCRIPTION_LIMIT) {
    return validationFailed(
      'Status',
      'description',
      `description is too long (maximum is ${STATUS_DESCRIPTION_LIMIT} characters)`,
    );
  }
  if (!/^[0-9a-f]{40}$/i.test(sha))
    return validationFailed('Status', 'sha', `No commit found for SHA: ${sha}`);
  const status = {
    id: ctx.state.newId(),
    sha,
    state: String(input.state),
    context: (input.context as string | undefined) ?? 'default',
    description,
    targetUrl: (input.target_url as string | null | undefined) ?? null,
    createdAt: ctx.state.now(),
  };
  ctx.state.statuses.push(status);
  const json = ctx.builder.status(status);
  return { status: 201, body: json, headers: { location: String(json.url) } };
}
