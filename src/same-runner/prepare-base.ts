import path from 'node:path';
import type { LoadedConfig } from '../config/loaded-config.ts';
import type { BaseSpec } from '../config/overrides.ts';
import type { OtherBuild } from '../run/execute-run.ts';
import { InputError } from '../errors.ts';
import type { BaseCheckout } from './base-checkout.ts';
import { buildBase, createBaseCheckout, repoRoot, resolveBaseCommit } from './base-checkout.ts';

/** The base build, ready to start, with the checkout to remove afterwards. */
export interface PreparedBase extends OtherBuild {
  checkout: BaseCheckout;
}

/**
 * Checks the base commit out into a temporary worktree, runs the config's build command there,
 * and returns a server spec pointing into it. The checkout is removed again on failure; on
 * success the caller removes it (always, in a finally).
 */
export async function prepareBase(
  config: LoadedConfig,
  spec: BaseSpec,
  onCheckout?: (checkout: BaseCheckout, build: string | null) => void,
): Promise<PreparedBase> {
  const server = config.resolved.server;
  if (server.port !== 'auto') {
    throw new InputError(
      'compare-to: base starts the base and this build side by side, so they need their own ports: set server.port: auto and use {{port}} in the command, env and ready URL',
    );
  }
  const root = await repoRoot(config.dir);
  const sha =
    'sha' in spec
      ? await resolveBaseCommit(root, spec.sha, false)
      : await resolveBaseCommit(root, spec.ref, true);
  const checkout = await createBaseCheckout(root, sha);
  try {
    onCheckout?.(checkout, server.build);
    const cwd = path.join(checkout.dir, path.relative(root, server.cwd));
    if (server.build) await buildBase(server.build, cwd, server.env);
    return { server: { ...server, cwd }, commit: { sha, ref: null, dirty: false }, checkout };
  } catch (err) {
    await checkout.remove();
    throw err;
  }
}
