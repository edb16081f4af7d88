import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  InputError
} from "./chunk-BK6UZVNW.js";

// src/cli/args.ts
import { parseArgs } from "node:util";
function parseCommandArgs(command, argv, options, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (err) {
    const msg = (err instanceof Error ? err.message : String(err)).replace(/\.$/, "");
    throw new InputError(`perfgate ${command}: ${msg}. See "perfgate ${command} --help".`);
  }
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
