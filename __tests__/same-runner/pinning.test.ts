// The automatic pinning plan of a same-runner comparison, for every machine shape: which CPUs
// the two servers and the load generator get, alternating and in a duet, and what overrides it.
import { describe, expect, it } from 'vitest';
import { planPinning } from '../../src/same-runner/pinning.ts';
import { makeConfig } from '../helpers/fakes.ts';

const alternate = makeConfig().resolved;
const duet = makeConfig({ gate: { pairing: 'duet' } }).resolved;
const plan = (config: typeof duet, cores: number, env: NodeJS.ProcessEnv = {}) =>
  planPinning(config, cores, true, env);

describe('the pinning plan', () => {
  it('alternating: a CPU each from 3 CPUs on, both servers on CPU 0 with 2, none with 1', () => {
    expect(plan(alternate, 4)).toMatchObject({ base: '0', head: '1', load: '2' });
    expect(plan(alternate, 2)).toMatchObject({ base: '0', head: '0', load: '1' });
    expect(plan(alternate, 2).description).toContain('never loaded at once');
    expect(plan(alternate, 1)).toMatchObject({ base: null, head: null, load: null });
  });

  it('duet: the two servers share every CPU but the last, which the load generator gets', () => {
    expect(plan(duet, 2)).toMatchObject({ base: '0', head: '0', load: '1' });
    expect(plan(duet, 4)).toMatchObject({ base: '0-2', head: '0-2', load: '3' });
    expect(plan(duet, 3).description).toBe(
      'pinned: both servers CPU 0-1 (loaded at once, sharing it: pairing duet), load generator CPU 2',
    );
    expect(plan(duet, 1)).toMatchObject({ base: null, head: null, load: null });
  });

  it('keeps pinning written in the config, and pins nothing with PERFGATE_NO_PIN or no taskset', () => {
    const pinned = makeConfig({ server: { ...serverSection(), cpus: '1' } }).resolved;
    expect(plan(pinned, 4)).toMatchObject({ base: '1', head: '1', load: null });
    expect(plan(duet, 4, { PERFGATE_NO_PIN: '1' })).toMatchObject({ base: null, head: null });
    expect(plan(duet, 4, { PERFGATE_NO_PIN: '0' })).toMatchObject({ base: '0-2' });
    expect(planPinning(duet, 4, false, {}).description).toBe(
      'not pinned: taskset is not available',
    );
  });
});

function serverSection() {
  return {
    command: 'node fake-server.js',
    port: 'auto',
    ready: { url: 'http://127.0.0.1:{{port}}/health' },
  };
}
