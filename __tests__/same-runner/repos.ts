// Small git repositories holding a copy of the fixture server, for same-runner tests and the
// designs benchmark: each commit writes files, so a "slower" commit changes the committed code
// (the config file is the PR's and is shared by both sides, so its env cannot differ).
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { FIXTURE_SERVER } from '../helpers/fixture-server.ts';

const run = promisify(execFile);

/** Runs git in `cwd` and returns trimmed stdout. */
export async function git(cwd: string, args: readonly string[]): Promise<string> {
  const { stdout } = await run('git', [...args], { cwd, env: { ...process.env, LC_ALL: 'C' } });
  return stdout.trim();
}

/** fixtures/server.mjs with `CPU_SCALE` defaulting to `scale` (1.1 = exactly +10% work). */
export function serverSource(scale = 1): string {
  const source = readFileSync(FIXTURE_SERVER, 'utf8');
  const from = "num('CPU_SCALE', 1)";
  if (!source.includes(from)) throw new Error(`fixtures/server.mjs no longer contains ${from}`);
  return scale === 1 ? source : source.replace(from, `num('CPU_SCALE', ${scale})`);
}

/** Files of one commit: path -> content. */
export type Files = Record<string, string>;

/** Creates a repository in `dir` with one commit per entry of `commits`; returns `dir`. */
export async function createRepo(dir: string, commits: Files[]): Promise<string> {
  await mkdir(dir, { recursive: true });
  await git(dir, ['init', '--quiet', '--initial-branch=main']);
  await git(dir, ['config', 'user.name', 'Test']);
  await git(dir, ['config', 'user.email', 'test@example.com']);
  await git(dir, ['config', 'commit.gpgsign', 'false']);
  for (const [i, files] of commits.entries()) {
    for (const [file, content] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), content);
    }
    await git(dir, ['add', '--all']);
    await git(dir, ['commit', '--quiet', '--allow-empty', '-m', `commit ${i + 1}`]);
  }
  return dir;
}

/** What a perfgate run must not change in the user's repository. */
export async function repoState(dir: string): Promise<{
  status: string;
  head: string;
  worktrees: string;
}> {
  return {
    status: await git(dir, ['status', '--porcelain', '--untracked-files=all']),
    head: await git(dir, ['rev-parse', 'HEAD']),
    worktrees: await git(dir, ['worktree', 'list', '--porcelain']),
  };
}

/** The base checkout folders a run reported on stderr ("[base] checked out SHA in DIR"). */
export function reportedCheckouts(stderr: string): string[] {
  return [...stderr.matchAll(/^\[base\] checked out [0-9a-f]+ in (.+?) \(removed afterwards\)/gm)]
    .map((m) => m[1] as string)
    .filter((d) => d.length > 0);
}

/** True when none of the reported checkout folders (nor their temporary parent) is left. */
export function checkoutsGone(stderr: string): boolean {
  return reportedCheckouts(stderr).every((d) => !existsSync(d) && !existsSync(path.dirname(d)));
}

/** A perfgate config for the fixture server copied into the repository as server.mjs. */
export function configYaml(o: {
  cpuWork: number;
  runs: string;
  /** Length of one run; default 1s. */
  duration?: string;
  /** Requests of one run, instead of a duration. */
  requests?: number;
  extra?: string;
  server?: string;
  thresholds?: string;
}): string {
  return `server:
  command: node server.mjs
  port: auto
  env: { PORT: '{{port}}', CPU_WORK: ${o.cpuWork} }
  ready: { url: 'http://127.0.0.1:{{port}}/health', timeout: 30s }
${o.server ?? ''}defaults: { connections: 4, ${o.requests ? `requests: ${o.requests}` : `duration: ${o.duration ?? '1s'}`}, ${o.runs} }
thresholds: ${o.thresholds ?? '{ cpu: 3%, throughput: off, p50: off, p99: off, rss: off }'}
${o.extra ?? ''}workloads:
  - name: hello
    path: /
`;
}
