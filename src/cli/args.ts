import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { didYouMean } from '../config/did-you-mean.ts';
import { InputError } from '../errors.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs that turns every mistake into an InputError naming the command and pointing at --help. */
export function parseCommandArgs<O extends Options>(
  command: string,
  argv: string[],
  options: O,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (err) {
    // Node's messages may end with a period already.
    const msg = (err instanceof Error ? err.message : String(err)).replace(/\.$/, '');
    throw new InputError(
      `perfgate ${command}: ${msg}${flagHint(msg, options)}. See "perfgate ${command} --help".`,
    );
  }
}

/** "; did you mean --config?" for an unknown option close to a known one, else "". */
function flagHint(message: string, options: Options): string {
  const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(message)?.[1];
  if (!unknown) return '';
  const guess = didYouMean(
    unknown.replace(/^-+/, '').split('=')[0] as string,
    Object.keys(options),
  );
  return guess ? `; did you mean --${guess}?` : '';
}

/** Reads an integer option; undefined when absent, InputError when not an integer. */
export function intOption(name: string, value: string | undefined, min = 0): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new InputError(`--${name}: expected an integer >= ${min}, got "${value}"`);
  return n;
}
