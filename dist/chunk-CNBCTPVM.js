import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  InputError,
  didYouMean
} from "./chunk-M4UYDDKJ.js";

// src/cli/args.ts
import { parseArgs } from "node:util";
function parseCommandArgs(command, argv, options, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (err) {
    const msg = (err instanceof Error ? err.message : String(err)).replace(/\.$/, "");
    throw new InputError(
      `perfgate ${command}: ${msg}${flagHint(msg, options)}. See "perfgate ${command} --help".`
    );
  }
}
function flagHint(message, options) {
  const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(message)?.[1];
  if (!unknown) return "";
  const guess = didYouMean(
    unknown.replace(/^-+/, "").split("=")[0],
    Object.keys(options)
  );
  return guess ? `; did you mean --${guess}?` : "";
}
function intOption(name, value, min = 0) {
  if (value === void 0) return void 0;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new InputError(`--${name}: expected an integer >= ${min}, got "${value}"`);
  return n;
}

export {
  parseCommandArgs,
  intOption
};
