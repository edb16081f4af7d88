// `{{env.NAME}}`: values a config takes from the environment (tokens, hosts, keys). The config
// keeps the placeholder (so records, hashes and reports never hold the value); the edges that
// send requests or start the server fill it in, from the same environment this module checks.
import { envName, envNamesIn, findPlaceholders } from './placeholders.ts';
import type { ResolvedConfig, ResolvedServer, ResolvedWorkload } from './resolve.ts';

/** Every string of a value, nested objects and arrays included. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** The environment variables a workload's requests use, in order, without repeats. */
export function workloadEnvNames(w: ResolvedWorkload): string[] {
  const texts = [...w.steps, ...w.setup].flatMap((r) => strings([r.path, r.headers, r.body]));
  return [...new Set(texts.flatMap(envNamesIn))];
}

/** The environment variables the server section uses (command, env values, URLs). */
export function serverEnvNames(s: ResolvedServer): string[] {
  const ready = s.ready.kind === 'url' ? [s.ready.url] : [];
  const texts = [s.command ?? '', s.url, ...ready, ...Object.values(s.env)];
  return [...new Set(texts.flatMap(envNamesIn))];
}

/** Every environment variable the config uses. */
export function configEnvNames(c: ResolvedConfig): string[] {
  return [...new Set([...serverEnvNames(c.server), ...c.workloads.flatMap(workloadEnvNames)])];
}

/**
 * The values of `names` from `env` as `{ "env.NAME": value }` (the keys the templates use),
 * or the names that are not set. An empty variable counts as set.
 */
export function readEnvValues(
  names: readonly string[],
  env: NodeJS.ProcessEnv,
): { values: Record<string, string>; missing: string[] } {
  const values: Record<string, string> = {};
  const missing: string[] = [];
  for (const name of names) {
    const v = env[name];
    if (v === undefined) missing.push(name);
    else values[`env.${name}`] = v;
  }
  return { values, missing };
}

/** Fills `{{env.NAME}}` in a text from `values` (keys "env.NAME"); other placeholders stay. */
export function fillEnv(text: string, values: Readonly<Record<string, string>>): string {
  if (!findPlaceholders(text).some((n) => envName(n) !== undefined)) return text;
  return text.replace(
    /\{\{\s*(env\.[A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g,
    (whole, key: string) => values[key] ?? whole,
  );
}

/** The server spec with `{{env.NAME}}` filled in command, env values and URLs. */
export function fillServerEnv(
  s: ResolvedServer,
  values: Readonly<Record<string, string>>,
): ResolvedServer {
  const fill = (t: string) => fillEnv(t, values);
  return {
    ...s,
    command: s.command === null ? null : fill(s.command),
    env: Object.fromEntries(Object.entries(s.env).map(([k, v]) => [k, fill(v)])),
    url: fill(s.url),
    ready: s.ready.kind === 'url' ? { ...s.ready, url: fill(s.ready.url) } : s.ready,
  };
}
