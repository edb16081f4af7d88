import { spawnSync } from 'node:child_process';
import os from 'node:os';
import type { ResolvedConfig } from '../config/resolve.ts';

/** Which CPUs the base server, this build's server and the load generator are pinned to. */
export interface PinningPlan {
  base: string | null;
  head: string | null;
  load: string | null;
  /** One line for the report: what was pinned, or why nothing was. */
  description: string;
}

/** True when `taskset` (util-linux) can pin processes here. */
export function canPin(): boolean {
  if (process.platform !== 'linux') return false;
  return spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Environment variable that turns the automatic pinning plan off (`PERFGATE_NO_PIN=1`). */
export const NO_PIN_VAR = 'PERFGATE_NO_PIN';

/**
 * Separates the two servers and the load generator onto their own CPUs when the machine has
 * enough of them (3+: one each; 2: both servers on CPU 0, which never serve at the same time,
 * and the load generator on CPU 1). With `gate.pairing: duet` the servers serve at the same
 * time and share every CPU but the last, which the load generator gets. Pinning written in the
 * config is kept as it is; `PERFGATE_NO_PIN=1` turns the automatic plan off (to compare, or when
 * CPUs are shared; in a duet the two servers then may not share their CPUs).
 */
export function planPinning(
  config: ResolvedConfig,
  cores = os.availableParallelism(),
  pinnable = canPin(),
  env: NodeJS.ProcessEnv = process.env,
): PinningPlan {
  const { server, loadCpus } = config;
  if (server.cpus !== null || loadCpus !== null) {
    return {
      base: server.cpus,
      head: server.cpus,
      load: loadCpus,
      description: `pinning from the config: servers ${server.cpus ?? 'unpinned'}, load generator ${loadCpus ?? 'unpinned'}`,
    };
  }
  const off = env[NO_PIN_VAR];
  if (off !== undefined && off !== '' && off !== '0') {
    return {
      base: null,
      head: null,
      load: null,
      description: `not pinned: ${NO_PIN_VAR} is set`,
    };
  }
  if (!pinnable)
    return {
      base: null,
      head: null,
      load: null,
      description: 'not pinned: taskset is not available',
    };
  if (config.gate.pairing === 'duet' && cores >= 2) {
    // Loaded at the same time, the two servers must share their CPUs: on CPUs of their own a
    // difference between the CPUs (one busier, or slower, than the other) would read as a
    // difference between the builds.
    const servers = cores === 2 ? '0' : `0-${cores - 2}`;
    return {
      base: servers,
      head: servers,
      load: String(cores - 1),
      description: `pinned: both servers CPU ${servers} (loaded at once, sharing it: pairing duet), load generator CPU ${cores - 1}`,
    };
  }
  if (cores >= 3) {
    return {
      base: '0',
      head: '1',
      load: '2',
      description: 'pinned: base server CPU 0, this build CPU 1, load generator CPU 2',
    };
  }
  if (cores === 2) {
    return {
      base: '0',
      head: '0',
      load: '1',
      description: 'pinned: both servers CPU 0 (never loaded at once), load generator CPU 1',
    };
  }
  return { base: null, head: null, load: null, description: 'not pinned: one CPU only' };
}
