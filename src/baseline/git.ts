import { execFile } from 'node:child_process';

// A small `git` runner for the branch store: execFile (no shell), English messages (they are
// classified below), never a credential prompt, and a token that never reaches argv or any
// error text. The token travels as `GIT_CONFIG_*` environment entries, which git reads as if
// given with `-c`, but which `ps` and error messages do not show.

/** Options of a git runner. */
export interface GitOptions {
  /** Repository (work tree or git dir) to run in. */
  cwd: string;
  /** Extra config entries (key, value) passed through the environment. */
  config?: ReadonlyArray<readonly [string, string]>;
  /** Strings to replace with *** in any error text (tokens and their encodings). */
  secrets?: readonly string[];
  /** Timeout per command in ms; default 120 s. */
  timeoutMs?: number;
}

/** Per-call options. */
export interface GitCallOptions {
  /** Text written to the command's stdin. */
  input?: string;
  /** Extra environment (e.g. GIT_INDEX_FILE, author). */
  env?: Record<string, string>;
}

/** Runs one git command and returns its stdout (untrimmed). */
export type Git = (args: readonly string[], options?: GitCallOptions) => Promise<string>;

/** A git command exited with an error. `stderr` and the message are already redacted. */
export class GitCommandError extends Error {
  constructor(
    message: string,
    readonly args: readonly string[],
    readonly stderr: string,
    readonly exitCode: number | null,
  ) {
    super(message);
    this.name = 'GitCommandError';
  }
}

/** Replaces every secret (and credentials embedded in URLs) with ***. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('***');
  return out
    .replace(/(:\/\/)[^/@\s:]+:[^/@\s]+@/g, '$1***@')
    .replace(/(AUTHORIZATION:\s*\w+\s+)\S+/gi, '$1***');
}

/** Environment entries that make git read `config` as command-line configuration. */
export function configEnv(
  config: ReadonlyArray<readonly [string, string]>,
  base: NodeJS.ProcessEnv,
): Record<string, string> {
  const start = Number.parseInt(base.GIT_CONFIG_COUNT ?? '0', 10) || 0;
  const env: Record<string, string> = { GIT_CONFIG_COUNT: String(start + config.length) };
  config.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${start + i}`] = key;
    env[`GIT_CONFIG_VALUE_${start + i}`] = value;
  });
  return config.length > 0 ? env : {};
}

/** A git runner bound to a repository. */
export function createGit(options: GitOptions): Git {
  const secrets = options.secrets ?? [];
  const baseEnv = {
    ...process.env,
    ...configEnv(options.config ?? [], process.env),
    GIT_TERMINAL_PROMPT: '0',
    LC_ALL: 'C',
    LANG: 'C',
  };
  return (args, call = {}) =>
    new Promise((resolve, reject) => {
      const child = execFile(
        'git',
        [...args],
        {
          cwd: options.cwd,
          env: { ...baseEnv, ...call.env },
          timeout: options.timeoutMs ?? 120_000,
          maxBuffer: 256 * 1024 * 1024,
          encoding: 'utf8',
        },
        (err, stdout, stderr) => {
          if (!err) return resolve(stdout);
          const clean = redact(String(stderr || err.message), secrets).trim();
          const code = typeof err.code === 'number' ? err.code : null;
          const what = redact(`git ${args.join(' ')}`, secrets);
          reject(
            new GitCommandError(
              `${what} failed${code === null ? '' : ` (exit ${code})`}: ${clean}`,
              args,
              clean,
              code,
            ),
          );
        },
      );
      if (call.input !== undefined) child.stdin?.end(call.input);
      else child.stdin?.end();
    });
}

/** Why a push was rejected, from git's message. */
export type PushFailure = 'race' | 'permission' | 'refused' | 'other';

/**
 * Classifies a failed push: the server said 403, the token lacks
 * the permission (tell the user which); another writer won (retry); the server refused it (a hook, a protection
 * rule: say what it said, do not guess a permission); or anything else.
 */
export function classifyPushFailure(stderr: string): PushFailure {
  if (/\b403\b|permission to \S+ denied to|write access to repository not granted/i.test(stderr)) {
    return 'permission';
  }
  if (
    /fetch first|non-fast-forward|stale info|cannot lock ref|failed to update ref|incorrect old value|\[rejected\]/i.test(
      stderr,
    )
  ) {
    return 'race';
  }
  if (/\[remote rejected\]|hook declined|protected branch|refusing to allow/i.test(stderr)) {
    return 'refused';
  }
  return 'other';
}

/** True when a fetch failed because the remote branch does not exist. */
export function isMissingRemoteRef(stderr: string): boolean {
  return /couldn't find remote ref|could not find remote ref|no such ref|remote ref does not exist/i.test(
    stderr,
  );
}

/** Config entries that authenticate https requests to `remoteUrl` with a token. */
export function tokenConfig(remoteUrl: string, token: string): Array<[string, string]> {
  let url: URL;
  try {
    url = new URL(remoteUrl);
  } catch {
    return []; // scp-like ssh address or local path: the token does not apply
  }
  if (url.protocol !== 'https:') return [];
  const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
  // Scoped to the same URL prefix actions/checkout uses, so the empty value first clears the
  // header checkout configured (a second Authorization header is rejected by GitHub).
  const key = `http.${url.protocol}//${url.host}/.extraheader`;
  return [
    [key, ''],
    [key, `AUTHORIZATION: basic ${basic}`],
  ];
}

/** The strings to redact for a token: itself and its basic-auth encoding. */
export function tokenSecrets(token: string | undefined): string[] {
  if (!token) return [];
  return [token, Buffer.from(`x-access-token:${token}`).toString('base64')];
}
