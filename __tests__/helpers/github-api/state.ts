// In-memory state of the stand-in GitHub API and the response bodies it builds. Bodies start
// from the examples in GitHub's own description and get this state's ids, urls and times, so
// they have every field a real answer has.

import { exampleValue, type OpenApiDocument } from './spec.ts';

/** A stored issue comment (the fields perfgate reads). */
export interface StoredComment {
  id: number;
  issueNumber: number;
  body: string;
  login: string;
  createdAt: string;
  updatedAt: string;
}

/** A stored commit status. */
export interface StoredStatus {
  id: number;
  sha: string;
  state: string;
  context: string;
  description: string | null;
  targetUrl: string | null;
  createdAt: string;
}

/** A pull request the stand-in knows about (GET /pulls/{n} answers 404 for others). */
export interface StoredPull {
  number: number;
  headSha: string;
  headRef: string;
  baseSha: string;
  baseRef: string;
  /** The head repository's full name, when the PR comes from a fork. */
  headRepo?: string;
}

/** Everything the stand-in remembers, for tests to seed and inspect. */
export class GitHubState {
  readonly comments: StoredComment[] = [];
  readonly statuses: StoredStatus[] = [];
  readonly pulls = new Map<number, StoredPull>();
  defaultBranch = 'main';
  private nextId = 1000;
  private tick = 0;

  constructor(
    readonly owner: string,
    readonly repo: string,
  ) {}

  /** A fresh id, increasing like GitHub's. */
  newId(): number {
    return this.nextId++;
  }

  /** A timestamp that increases by one second per call, so ordering is visible. */
  now(): string {
    return new Date(Date.UTC(2026, 0, 1) + this.tick++ * 1000).toISOString().replace('.000Z', 'Z');
  }

  /** Seeds a comment as if someone had posted it earlier. */
  addComment(issueNumber: number, body: string, login = 'someone'): StoredComment {
    const at = this.now();
    const comment = { id: this.newId(), issueNumber, body, login, createdAt: at, updatedAt: at };
    this.comments.push(comment);
    return comment;
  }

  /** The comments of one issue, in id order like GitHub's listing. */
  commentsOf(issueNumber: number): StoredComment[] {
    return this.comments.filter((c) => c.issueNumber === issueNumber).sort((a, b) => a.id - b.id);
  }

  /** The statuses of one commit, newest first like GitHub's listing. */
  statusesOf(sha: string): StoredStatus[] {
    return this.statuses.filter((s) => s.sha === sha).reverse();
  }
}

/** Builds GitHub-shaped response bodies from the state. */
export class ResponseBuilder {
  /** The stand-in's own address, used in `url` fields (set once the server listens). */
  apiUrl = 'https://api.github.com';

  constructor(
    private readonly doc: OpenApiDocument,
    private readonly state: GitHubState,
  ) {}

  private get fullName(): string {
    return `${this.state.owner}/${this.state.repo}`;
  }

  private user(login: string): Record<string, unknown> {
    const user = exampleValue<Record<string, unknown>>(this.doc, 'issue-comment').user as Record<
      string,
      unknown
    >;
    const type = login.endsWith('[bot]') ? 'Bot' : 'User';
    return { ...user, login, type, url: `${this.apiUrl}/users/${encodeURIComponent(login)}` };
  }

  /** An `issue-comment` body. */
  comment(c: StoredComment): Record<string, unknown> {
    const base = exampleValue<Record<string, unknown>>(this.doc, 'issue-comment');
    return {
      ...base,
      id: c.id,
      node_id: Buffer.from(`IssueComment${c.id}`).toString('base64'),
      url: `${this.apiUrl}/repos/${this.fullName}/issues/comments/${c.id}`,
      html_url: `https://github.com/${this.fullName}/pull/${c.issueNumber}#issuecomment-${c.id}`,
      issue_url: `${this.apiUrl}/repos/${this.fullName}/issues/${c.issueNumber}`,
      body: c.body,
      user: this.user(c.login),
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      author_association: c.login.endsWith('[bot]') ? 'NONE' : 'MEMBER',
    };
  }

  /** A `status` body. */
  status(s: StoredStatus): Record<string, unknown> {
    const base = exampleValue<Record<string, unknown>>(this.doc, 'status');
    return {
      ...base,
      id: s.id,
      node_id: Buffer.from(`StatusContext${s.id}`).toString('base64'),
      url: `${this.apiUrl}/repos/${this.fullName}/statuses/${s.sha}`,
      state: s.state,
      context: s.context,
      description: s.description,
      target_url: s.targetUrl,
      created_at: s.createdAt,
      updated_at: s.createdAt,
      creator: this.user('github-actions[bot]'),
    };
  }

  /** A `full-repository` body. */
  repository(): Record<string, unknown> {
    const base = exampleValue<Record<string, unknown>>(
      this.doc,
      'full-repository-default-response',
    );
    // GitHub's own example lacks `language`, which the schema requires.
    const source = { ...(base.source as Record<string, unknown>), language: 'TypeScript' };
    return {
      ...base,
      name: this.state.repo,
      full_name: this.fullName,
      owner: { ...(base.owner as object), login: this.state.owner },
      url: `${this.apiUrl}/repos/${this.fullName}`,
      html_url: `https://github.com/${this.fullName}`,
      default_branch: this.state.defaultBranch,
      language: 'TypeScript',
      source,
      parent: source,
    };
  }

  /** A `pull-request` body. */
  pull(p: StoredPull): Record<string, unknown> {
    const base = exampleValue<Record<string, unknown>>(this.doc, 'pull-request');
    const repo = this.repository();
    const head = base.head as Record<string, unknown>;
    const baseRef = base.base as Record<string, unknown>;
    const headRepo = p.headRepo
      ? { ...repo, full_name: p.headRepo, name: p.headRepo.split('/')[1], fork: true }
      : repo;
    return {
      ...base,
      number: p.number,
      url: `${this.apiUrl}/repos/${this.fullName}/pulls/${p.number}`,
      html_url: `https://github.com/${this.fullName}/pull/${p.number}`,
      // GitHub's own example gives teams without `type`, which the schema requires.
      requested_teams: [],
      head: { ...head, sha: p.headSha, ref: p.headRef, repo: pick(headRepo, head.repo) },
      base: { ...baseRef, sha: p.baseSha, ref: p.baseRef, repo: pick(repo, baseRef.repo) },
    };
  }
}

/** Keeps the keys of `shape` (the example's nested repository), taking values from `full`. */
function pick(full: Record<string, unknown>, shape: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(shape as object))
    out[key] = key in full ? full[key] : (shape as Record<string, unknown>)[key];
  return out;
}
