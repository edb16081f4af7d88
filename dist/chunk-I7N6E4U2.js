import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  LoadError
} from "./chunk-I2DQ53TU.js";
import {
  ServerError
} from "./chunk-ODZ6REOH.js";
import {
  BaselineStoreError
} from "./chunk-BWD5U3XV.js";
import {
  BaseBuildError,
  EXIT,
  InputError
} from "./chunk-M4UYDDKJ.js";

// src/exit-code.ts
function exitCodeFor(err) {
  if (err instanceof BaseBuildError) return exitCodeFor(err.reason);
  if (err instanceof InputError) return EXIT.invalidInput;
  if (err instanceof ServerError || err instanceof LoadError) return EXIT.serverOrLoadFailed;
  if (err instanceof BaselineStoreError) return EXIT.baselineStore;
  if (err instanceof Error && err.name === "AbortError") return EXIT.interrupted;
  return EXIT.internal;
}
function describeError(err) {
  if (err instanceof BaseBuildError) return describeError(err.reason);
  if (err instanceof ServerError) {
    const tail = err.logTail.trim();
    if (tail === "" || err.message.includes(tail)) return err.message;
    return `${err.message}
--- last lines of the server output ---
${tail}`;
  }
  if (err instanceof Error) return err.message;
  return String(err);
}

export {
  exitCodeFor,
  describeError
};
