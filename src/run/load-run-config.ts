import path from 'node:path';
import { InputError } from '../errors.ts';
import { formatProblems, hashConfig, loadConfig } from '../config/index.ts';
import { resolveConfig } from '../config/resolve.ts';
import type { LoadedConfig } from './execute-run.ts';

/** Reads, checks and resolves a config file; every problem at once in an InputError (exit 2). */
export async function loadRunConfig(file: string): Promise<LoadedConfig> {
  const parsed = await loadConfig(file);
  if (!parsed.ok) throw new InputError(formatProblems(parsed.problems, file));
  const dir = path.dirname(path.resolve(file));
  const resolved = resolveConfig(parsed.config, dir);
  return { resolved, hash: hashConfig(resolved), dir };
}
