import path from 'node:path';
import { InputError } from '../errors.ts';
import { formatProblems, hashConfig, loadConfig } from '../config/index.ts';
import { configEnvNames, readEnvValues } from '../config/env-values.ts';
import { resolveConfig } from '../config/resolve.ts';
import { addSecrets } from '../secrets.ts';
import type { LoadedConfig } from './execute-run.ts';
import { readDataFiles } from './data-file.ts';

/**
 * Reads, checks and resolves a config file; every problem at once in an InputError (exit 2).
 * Every {{env.NAME}} must be set in `env`; the values are registered for masking from here on.
 * Data files are read once here, so a missing file or column costs no run.
 */
export async function loadRunConfig(
  file: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<LoadedConfig> {
  const parsed = await loadConfig(file);
  if (!parsed.ok) throw new InputError(formatProblems(parsed.problems, file));
  const dir = path.dirname(path.resolve(file));
  const resolved = resolveConfig(parsed.config, dir);
  const { values, missing } = readEnvValues(configEnvNames(resolved), env);
  if (missing.length > 0) {
    throw new InputError(
      `${file}: ${missing.map((n) => `{{env.${n}}}`).join(', ')} ${missing.length === 1 ? 'names an environment variable that is' : 'name environment variables that are'} not set: set ${missing.join(', ')} in the environment of perfgate (in a workflow: env: { ${missing[0]}: \${{ secrets.${missing[0]} }} })`,
    );
  }
  addSecrets(Object.values(values));
  const data = await readDataFiles(resolved, dir);
  return { resolved, hash: hashConfig(resolved), dir, data };
}
