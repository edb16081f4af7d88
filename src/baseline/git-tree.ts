import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Git } from './git.ts';

// Git plumbing for the branch store: read a commit's files and build a new commit from a parent
// tree plus changes, using a temporary index file. Nothing here touches the user's work tree,
// index, HEAD or branches.

/** The author and committer of baseline commits. */
export interface GitIdentity {
  name: string;
  email: string;
}

/** Default identity of baseline commits (no user.name/email needs to be configured). */
export const DEFAULT_IDENTITY: GitIdentity = {
  name: 'perfgate',
  email: 'perfgate@users.noreply.github.com',
};

/** Changes applied on top of a parent tree. */
export interface TreeChanges {
  /** Files to add or replace: path -> content. */
  write: ReadonlyMap<string, string>;
  /** Files to delete. */
  remove: readonly string[];
}

/** Every regular file's path in a commit's tree (symbolic links and submodules are left out). */
export async function listTree(git: Git, commit: string): Promise<string[]> {
  const out = await git(['ls-tree', '-r', '-z', commit]);
  // Each entry: "<mode> <type> <object>\t<path>"; 100644 and 100755 are regular files.
  return out
    .split('\0')
    .filter((line) => /^100(644|755) blob /.test(line))
    .map((line) => line.slice(line.indexOf('\t') + 1));
}

/** A file's content in a commit, or null when the commit has no such file. */
export async function readBlob(git: Git, commit: string, file: string): Promise<string | null> {
  try {
    return await git(['cat-file', 'blob', `${commit}:${file}`]);
  } catch {
    return null;
  }
}

/** Writes a tree: the parent commit's tree (or an empty one) with the changes applied. */
export async function writeTree(
  git: Git,
  parent: string | null,
  changes: TreeChanges,
): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'perfgate-index-'));
  const env = { GIT_INDEX_FILE: path.join(dir, 'index') };
  try {
    await git(parent ? ['read-tree', parent] : ['read-tree', '--empty'], { env });
    const lines: string[] = [];
    for (const file of changes.remove) lines.push(`0 ${'0'.repeat(40)}\t${file}`);
    // Every new file's blob written by one git process, from files in the temporary folder.
    const written = [...changes.write];
    const sources = written.map((_, i) => path.join(dir, `blob-${i}`));
    await Promise.all(written.map(([, text], i) => writeFile(sources[i] as string, text)));
    const blobs =
      written.length > 0
        ? (await git(['hash-object', '-w', '--stdin-paths'], { input: `${sources.join('\n')}\n` }))
            .trim()
            .split('\n')
        : [];
    written.forEach(([file], i) => lines.push(`100644 ${blobs[i]}\t${file}`));
    if (lines.length > 0)
      await git(['update-index', '--index-info'], { input: `${lines.join('\n')}\n`, env });
    return (await git(['write-tree'], { env })).trim();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Creates a commit object for a tree; `parent` null makes a root (orphan) commit. */
export async function commitTree(
  git: Git,
  tree: string,
  parent: string | null,
  message: string,
  identity: GitIdentity,
  date: Date,
): Promise<string> {
  const stamp = `${Math.floor(date.getTime() / 1000)} +0000`;
  const env = {
    GIT_AUTHOR_NAME: identity.name,
    GIT_AUTHOR_EMAIL: identity.email,
    GIT_AUTHOR_DATE: stamp,
    GIT_COMMITTER_NAME: identity.name,
    GIT_COMMITTER_EMAIL: identity.email,
    GIT_COMMITTER_DATE: stamp,
  };
  const args = ['commit-tree', '--no-gpg-sign', tree, '-m', message];
  if (parent) args.push('-p', parent);
  return (await git(args, { env })).trim();
}
