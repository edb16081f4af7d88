import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  GITHUB_COMMENT_LIMIT,
  GitHubApiError,
  commentMarker,
  createGitHubClient,
  fitComment,
  postComment,
  toApiError
} from "./chunk-XLYBHZPR.js";
import "./chunk-254EQJA2.js";
import "./chunk-TX2MUWLF.js";
import {
  parseCommandArgs
} from "./chunk-CNBCTPVM.js";
import "./chunk-MUASQGV6.js";
import {
  cut
} from "./chunk-6TR6MCCT.js";
import {
  InputError
} from "./chunk-M4UYDDKJ.js";
import "./chunk-NM4ZIQ3O.js";
import "./chunk-F6FNT3HE.js";

// src/cli/comment-command.ts
import { readFile } from "node:fs/promises";

// src/github/sanitize-body.ts
var ALLOWED_TAG = /^<(?:\/?(?:details|summary)|br ?\/?)>/;
function sanitizeUntrustedMarkdown(body) {
  const text = body.replace(/\r\n?/g, "\n").replace(/<(?:\/?(?:details|summary)>|br ?\/?>)?/g, (m) => ALLOWED_TAG.test(m) ? m : "&lt;").replace(/!\[([^\]\n]*)\]\([^)\n]*\)/g, (_m, alt) => `[image removed: ${alt}]`).replace(/!\[/g, "!\\[");
  return text.split(/(\]\([^)\s]*\))/).map((part, i) => i % 2 === 1 ? part : quietText(part)).join("");
}
function quietText(text) {
  return text.replace(/\b(https?):\/\//gi, "$1:\u200B//").replace(/\bwww\./gi, "www\u200B.").replace(/@(?=[A-Za-z0-9])/g, "@\u200B").replace(/#(?=\d)/g, "#\u200B");
}
function provenanceNote(headSha) {
  const at = headSha ? ` at \`${headSha.slice(0, 12)}\`` : "";
  return `> Posted by \`perfgate comment\` from the report that this pull request's own workflow run wrote${at}: the pull request's code ran there, so markup other than perfgate's own was removed.
`;
}

// src/action/post-comment-file.ts
function sanitizeUntrustedBody(body, markerName, headSha = null) {
  const quiet = `${provenanceNote(headSha)}
${sanitizeUntrustedMarkdown(body)}`;
  const limit = GITHUB_COMMENT_LIMIT - commentMarker(markerName).length - 1;
  return fitComment([quiet], limit).body;
}
async function postCommentFile(client, input) {
  if (input.headSha !== null) {
    let head;
    try {
      const { data } = await client.rest.pulls.get({
        owner: input.owner,
        repo: input.repo,
        pull_number: input.prNumber
      });
      head = data.head.sha;
    } catch (err) {
      throw toApiError(err, `reading pull request #${input.prNumber}`);
    }
    if (head !== input.headSha) {
      throw new InputError(
        `pull request #${input.prNumber} has head ${head.slice(0, 12)}, not ${input.headSha.slice(0, 12)}: refusing to comment there (the PR number comes from an untrusted artifact, or the PR moved on)`
      );
    }
  }
  return postComment(client, {
    owner: input.owner,
    repo: input.repo,
    prNumber: input.prNumber,
    markerName: input.markerName,
    body: sanitizeUntrustedBody(input.body, input.markerName, input.headSha),
    commentOnChangeOnly: false,
    changed: true,
    isFork: false
  });
}

// src/cli/comment-command.ts
var COMMENT_HELP = `Usage: perfgate comment --body FILE --pr N [options]

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
var OPTIONS = {
  body: { type: "string" },
  pr: { type: "string" },
  "head-sha": { type: "string" },
  "config-name": { type: "string", default: "perfgate.yml" },
  help: { type: "boolean", short: "h", default: false }
};
async function commentCommand(argv, io, env = process.env, createClient = (token, baseUrl) => createGitHubClient(token, { baseUrl })) {
  const { values } = parseCommandArgs("comment", argv, OPTIONS);
  if (values.help) {
    io.out.write(`${COMMENT_HELP}
`);
    return 0;
  }
  if (!values.body) throw new InputError("--body: expected the comment file (comment.md)");
  if (values.pr === void 0) throw new InputError("--pr: expected the pull request number");
  if (!/^[1-9][0-9]{0,9}$/.test(values.pr))
    throw new InputError(
      `--pr: expected a pull request number in decimal digits, got "${cut(values.pr)}"`
    );
  const prNumber = Number(values.pr);
  const headSha = values["head-sha"] ?? null;
  if (headSha !== null && !/^[0-9a-f]{40}$/i.test(headSha)) {
    throw new InputError(`--head-sha: expected a 40-character commit sha, got "${headSha}"`);
  }
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? "").split("/");
  if (!owner || !repo) throw new InputError("GITHUB_REPOSITORY: expected owner/name");
  const token = env.GITHUB_TOKEN?.trim();
  if (!token) throw new InputError("GITHUB_TOKEN: expected a token that may write PR comments");
  let body;
  try {
    body = await readFile(values.body, "utf8");
  } catch (err) {
    throw new InputError(`--body ${values.body}: ${err.message}`);
  }
  const client = createClient(token, env.GITHUB_API_URL || "https://api.github.com");
  let result;
  try {
    result = await postCommentFile(client, {
      owner,
      repo,
      prNumber,
      headSha,
      markerName: values["config-name"],
      body
    });
  } catch (err) {
    if (!(err instanceof GitHubApiError)) throw err;
    const hint = err.status === 404 ? ` (is #${prNumber} a pull request of ${owner}/${repo}?)` : "";
    io.err.write(`perfgate: ${err.message}${hint}
`);
    return 1;
  }
  (result.kind === "done" ? io.out : io.err).write(`perfgate: ${result.message}
`);
  return result.kind === "done" ? 0 : 1;
}
export {
  COMMENT_HELP,
  commentCommand
};
