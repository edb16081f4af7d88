// A stand-in for api.github.com: a real HTTP server on 127.0.0.1 (port 0) that checks every
// request against GitHub's OpenAPI description (the committed extract), answers like GitHub
// from in-memory state, and records everything. `@actions/github` sends through undici's own
// fetch, which request interceptors (nock, msw) cannot see, so tests talk to this over HTTP.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateSchema } from './schema.ts';
import {
  compileRoutes,
  loadExtract,
  matchRoute,
  responseSchema,
  validateParameters,
  type Match,
  type OpenApiDocument,
  type Route,
} from './spec.ts';
import { GitHubState, ResponseBuilder } from './state.ts';
import { handle, type Reply } from './handlers.ts';

/** One request as the stand-in saw it. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  operationId?: string;
  body?: unknown;
  authorization?: string;
  status: number;
  /** Ways the request broke the spec (empty when it conforms). */
  errors: string[];
}

/** A failure to answer with instead of the normal reply. */
export interface InjectedFailure {
  status: number;
  message: string;
  /** How many matching requests fail; unlimited when omitted. */
  times?: number;
}

/** The message GitHub gives a token without the needed permission (e.g. a fork PR's token). */
export const NOT_ACCESSIBLE = 'Resource not accessible by integration';

/** A running stand-in. */
export interface GitHubApiStandIn extends AsyncDisposable {
  /** Base URL to give Octokit (`getOctokit(token, { baseUrl })`). */
  url: string;
  state: GitHubState;
  requests: RecordedRequest[];
  /** Every spec violation, unknown route or unauthenticated request: tests expect it empty. */
  violations: string[];
  /** Makes requests to an operation (`issues/create-comment`...) fail. */
  fail(operationId: string, failure: InjectedFailure): void;
  /** Makes every write (comment and status) answer 403 like a fork PR's read-only token. */
  denyWrites(): void;
  /** Requests recorded for one operation. */
  requestsFor(operationId: string): RecordedRequest[];
  close(): Promise<void>;
}

/** Options for {@link startGitHubApi}. */
export interface StandInOptions {
  owner?: string;
  repo?: string;
}

const WRITE_OPERATIONS = [
  'issues/create-comment',
  'issues/update-comment',
  'repos/create-commit-status',
];
const DOCS = 'https://docs.github.com/rest';

/** Starts the stand-in on 127.0.0.1 with a free port. */
export async function startGitHubApi(options: StandInOptions = {}): Promise<GitHubApiStandIn> {
  const doc = loadExtract();
  const routes = compileRoutes(doc);
  const state = new GitHubState(options.owner ?? 'octo-org', options.repo ?? 'web-app');
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  const failures = new Map<string, InjectedFailure>();
  const builder = new ResponseBuilder(doc, state);
  let url = '';

  const server = createServer((req, res) => {
    void serve(req, res).catch((err: unknown) => {
      violations.push(`stand-in crashed on ${req.method} ${req.url}: ${String(err)}`);
      send(res, 500, { message: 'stand-in error' });
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = new URL(req.url ?? '/', url);
    const raw = await readBody(req);
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: target.pathname,
      query: Object.fromEntries(target.searchParams),
      authorization: req.headers.authorization,
      status: 0,
      errors: [],
    };
    requests.push(record);
    const reply = answer(record, req, target, raw);
    record.status = reply.status;
    if (record.errors.length > 0) {
      violations.push(...record.errors.map((e) => `${record.method} ${record.path}: ${e}`));
    }
    send(res, reply.status, reply.body, reply.headers);
  }

  function answer(record: RecordedRequest, req: IncomingMessage, target: URL, raw: string): Reply {
    const found = matchRoute(routes, record.method, target.pathname);
    if ('error' in found) {
      record.errors.push(found.error);
      return { status: found.status, body: { message: 'Not Found', documentation_url: DOCS } };
    }
    record.operationId = found.route.operationId;
    if (!req.headers.authorization) {
      record.errors.push('no authorization header');
      return { status: 401, body: { message: 'Requires authentication', documentation_url: DOCS } };
    }
    record.errors.push(...validateParameters(doc, found, target.searchParams));
    const body = parseBody(found.route, req, raw, record);
    if (record.errors.length > 0) {
      return {
        status: 422,
        body: { message: 'Invalid request.', errors: record.errors, documentation_url: DOCS },
      };
    }
    const failure = failures.get(found.route.operationId);
    if (failure && failure.times !== 0) {
      if (failure.times !== undefined) failure.times--;
      return {
        status: failure.status,
        body: { message: failure.message, documentation_url: DOCS, status: String(failure.status) },
      };
    }
    const reply = handle(found as Match, body, target, { state, builder, url });
    checkResponse(doc, found.route, reply, record);
    return reply;
  }

  function parseBody(
    route: Route,
    req: IncomingMessage,
    raw: string,
    record: RecordedRequest,
  ): unknown {
    if (!route.bodySchema) {
      if (raw.length > 0) record.errors.push('request has a body but the operation takes none');
      return undefined;
    }
    if (raw.length === 0) {
      if (route.bodyRequired) record.errors.push('request body required');
      return undefined;
    }
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      record.errors.push(`content-type ${req.headers['content-type']} is not application/json`);
    }
    try {
      record.body = JSON.parse(raw);
    } catch {
      record.errors.push('request body is not valid JSON');
      return undefined;
    }
    record.errors.push(
      ...validateSchema(route.bodySchema, record.body, { root: doc, strict: true }, 'body'),
    );
    return record.body;
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  builder.apiUrl = url;

  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return {
    url,
    state,
    requests,
    violations,
    fail: (operationId, failure) => failures.set(operationId, { ...failure }),
    denyWrites: () => {
      for (const id of WRITE_OPERATIONS) failures.set(id, { status: 403, message: NOT_ACCESSIBLE });
    },
    requestsFor: (operationId) => requests.filter((r) => r.operationId === operationId),
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** Records a violation when the stand-in's own answer does not fit the spec's response schema. */
function checkResponse(doc: OpenApiDocument, route: Route, reply: Reply, record: RecordedRequest) {
  const schema = responseSchema(doc, route, reply.status);
  if (!schema) {
    if (!(String(reply.status) in route.responses) && reply.status < 400) {
      record.errors.push(`stand-in answered ${reply.status}, which the spec does not list`);
    }
    return;
  }
  const errors = validateSchema(schema, reply.body, { root: doc }, 'response');
  record.errors.push(...errors.map((e) => `stand-in response breaks the spec: ${e}`));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'x-github-media-type': 'github.v3; format=json',
    ...headers,
  });
  res.end(text);
}
