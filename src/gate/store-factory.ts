import type { ResolvedBaseline } from '../config/gate-schema.ts';
import type { BaselineStore } from '../baseline/store.ts';
import { createDirectoryStore } from '../baseline/directory-store.ts';
import { createGitBranchStore } from '../baseline/git-branch-store.ts';

/** Where the store is created from. */
export interface StoreContext {
  /** True inside GitHub Actions: `store: auto` then means the git branch. */
  inActions: boolean;
  /** A folder inside the repository (the config's folder). */
  cwd: string;
  /** Explicit token for pushing; default the credentials actions/checkout left. */
  token?: string;
}

/** The baseline store a config asks for: `auto` is the git branch in Actions, a directory elsewhere. */
export function createBaselineStore(b: ResolvedBaseline, ctx: StoreContext): BaselineStore {
  const kind = b.store === 'auto' ? (ctx.inActions ? 'git' : 'directory') : b.store;
  const retention = { keep: b.keep, maxAgeDays: b.maxAgeDays };
  if (kind === 'directory') return createDirectoryStore({ dir: b.dir, retention });
  return createGitBranchStore({ cwd: ctx.cwd, branch: b.branch, token: ctx.token, retention });
}
