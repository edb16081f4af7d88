import { readFile } from 'node:fs/promises';
import { postCommentFile } from '../action/post-comment-file.ts';
import { InputError } from '../errors.ts';
import { createGitHubClient, type GitHubClient } from '../github/client.ts';
import { cut } from '../config/limits.ts';
import { GitHubApiError } from '../github/permissions.ts';
import { parseCommandArgs } from './args.ts';
import type { CliIO } from './io.ts';

/** Help text of `perfgate comment`. */
export const COMMENT_HELP = `Usage: perfgate comment --body FILE --pr N [options]

Posts perfgate's PR comment, or updates it in place: the second stage of a fork-safe workflow
(a workflow_run job posts the comment.md that the pull request's run uploaded as an artifact).
Needs GITHUB_TOKEN (pull-requests: write), GITHUB_REPOSITORY and, on GitHub Enterprise,
GITHUB_API_URL. The body is untrusted: only perfgate's own markup (details, summary, br)
survives; other HTML, images, autolinks, mentions and #references are neutralised, a first line
says it came from the pull request's run, and it is cut to GitHub's limit.

Options:
      --body FILE        the comment (comment.md written by the action)
      --pr N             the pull request number
      --head-sha SHA     refuse unless the pull request's head commit is SHA
                         (use github.event.workflow_run.head_sha: the artifact is untrusted)
      --config-name NAME the config the comment is for              default: perfgate.yml
  -h, --help             this help

Exit codes: 0 posted, 1 GitHub refused or failed, 2 invalid input (nothing posted).`;

const OPTIONS = {
  body: { type: 'string' },
  pr: { type: 'string' },
  'head-sha': { type: 'string' },
  'config-name': { type: 'string', default: 'perfgate.yml' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** `perfgate comment`: post a comment file on a pull request. Returns the exit code. */
export async function commentCommand(
  argv: string[],
  io: CliIO,
  env: Record<string, string | undefined> = process.env,
  createClient: (token: string, apiUrl: string) => GitHubClient = (token, baseUrl) =>
    createGitHubClient(token, { baseUrl }),
): Promise<number> {
  const { values } = parseCommandArgs('comment', argv, OPTIONS);
  if (values.help) {
    io.out.write(`${COMMENT_HELP}\n`);
    return 0;
  }
  if (!values.body) throw new InputError('--body: expected the comment file (comment.md)');
  if (values.pr === undefined) throw new InputError('--pr: expected the pull request number');
  // Decimal digits only: Number() would take "1e3" as #1000 and "0x10" as #16.
  if (!/^[1-9][0-9]{0,9}$/.test(values.pr))
    throw new InputError(
      `--pr: expected a pull request number in decimal digits, got "${cut(values.pr)}"`,
    );
  const prNumber = Number(values.pr);
  const headSha = values['head-sha'] ?? null;
  if (headSha !== null && !/^[0-9a-f]{40}$/i.test(headSha)) {
    throw new InputError(`--head-sha: expected a 40-character commit sha, got "${headSha}"`);
  }
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) throw new InputError('GITHUB_REPOSITORY: expected owner/name');
  const token = env.GITHUB_TOKEN?.trim();
  if (!token) throw new InputError('GITHUB_TOKEN: expected a token that may write PR comments');
  let body: string;
  try {
    body = await readFile(values.body, 'utf8');
  } catch (err) {
    throw new InputError(`--body ${values.body}: ${(err as Error).message}`);
  }
  const client = createClient(token, env.GITHUB_API_URL || 'https://api.github.com');
  let result;
  try {
    result = await postCommentFile(client, {
      owner,
      repo,
      prNumber,
      headSha,
      markerName: values['config-name'],
      body,
    });
  } catch (err) {
    // GitHub refused or failed (no such pull request, no permission, down): exit 1, say why.
    if (!(err instanceof GitHubApiError)) throw err;
    const hint = err.status === 404 ? ` (is #${prNumber} a pull request of ${owner}/${repo}?)` : '';
    io.err.write(`perfgate: ${err.message}${hint}\n`);
    return 1;
  }
  (result.kind === 'done' ? io.out : io.err).write(`perfgate: ${result.message}\n`);
  return result.kind === 'done' ? 0 : 1;
}
