import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  INPUT_NAMES,
  OUTPUT_NAMES,
  overridesOf,
  readInputs,
  type InputName,
} from '../../src/action/inputs.ts';
import type { LoadedConfig } from '../../src/config/loaded-config.ts';
import { applyOverrides, invocationOf } from '../../src/config/overrides.ts';
import type { ActionInputs } from '../../src/action/inputs.ts';
import { InputError } from '../../src/errors.ts';
import { loadRunConfig } from '../../src/config/load-run-config.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
/** The config with the inputs applied, as the action's main step loads it. */
const applyInputs = (config: LoadedConfig, inputs: ActionInputs) =>
  applyOverrides(config, overridesOf(inputs));

const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, unknown>;
};

/** Reads inputs the way the runner hands them over: action.yml defaults unless given. */
function reader(given: Partial<Record<InputName, string>> = {}) {
  return (name: InputName) => given[name] ?? action.inputs[name]?.default ?? '';
}

describe('action inputs', () => {
  it('are the ones action.yml declares, outputs too', () => {
    expect([...INPUT_NAMES].sort()).toEqual(Object.keys(action.inputs).sort());
    expect([...OUTPUT_NAMES].sort()).toEqual(Object.keys(action.outputs).sort());
  });

  it("default to the config's values where the config has a say", () => {
    const inputs = readInputs(reader({ 'github-token': '' }));
    expect(inputs).toMatchObject({
      config: 'perfgate.yml',
      workingDirectory: '.',
      mode: null,
      baselineStore: null,
      baselineBranch: null,
      compareTo: null,
      comment: true,
      commentOnChangeOnly: false,
      failOnRegression: true,
      failOnInconclusive: null,
      statusContext: null,
      seed: undefined,
    });
  });

  it('lists every bad value at once, naming the input and what was expected', () => {
    const read = reader({
      mode: 'sometimes',
      'baseline-store': 's3',
      'baseline-branch': '-x..y',
      'compare-to': 'yesterday',
      comment: 'yes',
      'fail-on-inconclusive': '1',
      seed: '-3',
    });
    let error: unknown;
    try {
      readInputs(read);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InputError);
    const message = (error as Error).message;
    expect(message).toContain('7 invalid inputs');
    expect(message).toContain(
      'input "mode": got "sometimes", expected one of auto, record, compare',
    );
    expect(message).toContain('input "baseline-store": got "s3"');
    expect(message).toContain('input "baseline-branch": got "-x..y"');
    expect(message).toContain('input "compare-to": got "yesterday"');
    expect(message).toContain('input "comment": got "yes", expected true or false');
    expect(message).toContain('input "fail-on-inconclusive": got "1"');
    expect(message).toContain('input "seed": got "-3"');
  });

  it('accepts the spellings core.getBooleanInput accepts', () => {
    const inputs = readInputs(
      reader({
        comment: 'FALSE',
        'fail-on-regression': 'False',
        'fail-on-inconclusive': 'True',
        seed: '7',
      }),
    );
    expect(inputs).toMatchObject({
      comment: false,
      failOnRegression: false,
      failOnInconclusive: true,
      seed: 7,
    });
  });

  it('override the gate and baseline sections of the config, keeping its hash', async () => {
    const config = await loadRunConfig(path.join(ROOT, 'fixtures/configs/minimal.yml'));
    const inputs = readInputs(
      reader({
        mode: 'compare',
        'baseline-store': 'directory',
        'baseline-branch': 'perf/baselines',
        'compare-to': 'base',
        'fail-on-inconclusive': 'true',
      }),
    );
    const applied = applyInputs(config, inputs);
    expect(applied.hash).toBe(config.hash);
    expect(applied.resolved.baseline).toMatchObject({
      mode: 'compare',
      store: 'directory',
      branch: 'perf/baselines',
    });
    expect(applied.resolved.gate).toMatchObject({ compareTo: 'base', failOnInconclusive: true });
    // Empty inputs keep the config's values; the original config is not changed.
    expect(applyInputs(config, readInputs(reader())).resolved).toEqual(config.resolved);
    expect(config.resolved.baseline.mode).toBe('auto');
  });

  it('compare-to: none leaves the config alone (the gate is told not to compare)', async () => {
    const config = await loadRunConfig(path.join(ROOT, 'fixtures/configs/minimal.yml'));
    const applied = applyInputs(config, readInputs(reader({ 'compare-to': 'none' })));
    expect(applied.resolved.gate.compareTo).toBe(config.resolved.gate.compareTo);
    expect(invocationOf(applied).compare).toBe(false);
    expect(invocationOf(config).compare).toBe(true);
  });

  it('fail-on-regression: false is carried to the gate, which decides the failure', async () => {
    const config = await loadRunConfig(path.join(ROOT, 'fixtures/configs/minimal.yml'));
    const off = applyInputs(config, readInputs(reader({ 'fail-on-regression': 'false' })));
    expect(invocationOf(off).failOnRegression).toBe(false);
    expect(invocationOf(applyInputs(config, readInputs(reader()))).failOnRegression).toBe(true);
  });
});

describe('the shard and merge inputs', () => {
  it('read i/n, and a merge folder', () => {
    expect(readInputs(reader({ shard: '2/3' })).shard).toEqual({ index: 2, count: 3 });
    expect(readInputs(reader({})).shard).toBeNull();
    expect(readInputs(reader({ merge: 'perfgate-shards' })).merge).toBe('perfgate-shards');
  });

  it('refuse a bad shard, and a job that would both measure a shard and merge', () => {
    let message = '';
    try {
      readInputs(reader({ shard: '4/3', merge: 'perfgate-shards' }));
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      message = (err as Error).message;
    }
    expect(message).toContain('2 invalid inputs');
    expect(message).toContain('input "shard": got "4/3", expected "i/n" with 1 <= i <= n <= 256');
    expect(message).toContain(
      'input "merge": got "perfgate-shards", expected empty when shard is set',
    );
  });
});
