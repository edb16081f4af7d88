// Loads the committed reference values (fixtures/reference/*.json, made by generate.py with
// scipy / statsmodels / R) and compares numbers with relative tolerances.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

const dir = new URL('../../fixtures/reference/', import.meta.url);

/** Parsed contents of one reference file. */
export function loadReference<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as T;
}

/** Expects |actual - expected| <= rel * |expected| + abs (abs guards values that are ~0). */
export function expectClose(
  actual: number,
  expected: number,
  rel: number,
  abs = 0,
  label = '',
): void {
  if (Number.isNaN(expected)) {
    expect(actual, label).toBeNaN();
    return;
  }
  if (!Number.isFinite(expected)) {
    expect(actual, label).toBe(expected);
    return;
  }
  const err = Math.abs(actual - expected);
  const bound = rel * Math.abs(expected) + abs;
  if (!(err <= bound)) {
    expect.fail(`${label}: got ${actual}, expected ${expected} (error ${err} > ${bound})`);
  }
}
