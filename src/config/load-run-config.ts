import path from 'node:path';
import { InputError } from '../errors.ts';
import { formatProblems, hashConfig, loadConfig } from './index.ts';
import { configEnvNames, readEnvValues } from './env-values.ts';
import { resolveConfig } from './resolve.ts';
import { addSecrets } from '../secrets.ts';
import { readDataFiles } from './data-file.ts';
import type { LoadedConfig } from './loaded-config.ts';
import type { ConfigOverrides } from './overrides.ts';
import { applyOverrides } from './overrides.ts';

/**
 * Reads, checks and resolves a config file; every problem at once in an InputError (exit 2).
 * Every {{env.NAME}} must be set in `env`; the values are registered for masking from here on.
 * Data files are read once here, so a missing file or column costs no run. The overrides of
 * the command line or the action's inputs are applied last (applyOverrides).
 */
export async function loadRunConfig(
  file: string,
  env: NodeJS.ProcessEnv = process.env,
  overrides: ConfigOverrides = {},
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
  return applyOverrides({ resolved, hash: hashConfig(resolved), dir, data }, overrides);
}
