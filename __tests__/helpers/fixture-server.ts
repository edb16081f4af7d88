// Builds server specs for fixtures/server.mjs, so tests start it through src/server like a user would.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResolvedServer } from '../../src/config/resolve.ts';

/** Absolute path of the repository root. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Absolute path of fixtures/server.mjs. */
export const FIXTURE_SERVER = path.join(REPO_ROOT, 'fixtures/server.mjs');

/** Options for fixtureServerSpec(); every field is optional. */
export interface FixtureSpecOptions {
  /** Knobs for the fixture (see fixtures/README.md); PORT and HOST are set from `port`. */
  env?: Record<string, string>;
  /** Readiness check; default: GET /health. */
  ready?: 'url' | 'port' | 'log';
  readyTimeoutMs?: number;
  stopTimeoutMs?: number;
  cpus?: string | null;
  /** Replaces the default command (`node <abs path of fixtures/server.mjs>`). */
  command?: string;
}

/** A ResolvedServer that runs fixtures/server.mjs on 127.0.0.1:`port`. */
export function fixtureServerSpec(port: number, options: FixtureSpecOptions = {}): ResolvedServer {
  const url = `http://127.0.0.1:${port}`;
  const kind = options.ready ?? 'url';
  const ready: ResolvedServer['ready'] =
    kind === 'url'
      ? { kind, url: `${url}/health` }
      : kind === 'port'
        ? { kind, port }
        : { kind, text: 'listening on' };
  return {
    command: options.command ?? `node ${JSON.stringify(FIXTURE_SERVER)}`,
    cwd: REPO_ROOT,
    env: { PORT: String(port), HOST: '127.0.0.1', ...options.env },
    ready,
    readyTimeoutMs: options.readyTimeoutMs ?? 10_000,
    stopTimeoutMs: options.stopTimeoutMs ?? 5_000,
    restart: 'never',
    build: null,
    url,
    port: null,
    cpus: options.cpus ?? null,
  };
}
