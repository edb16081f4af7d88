import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  LoadError
} from "./chunk-I2DQ53TU.js";

// src/baseline/store.ts
var BaselineMismatchError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "BaselineMismatchError";
  }
};
var BaselineStoreError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "BaselineStoreError";
  }
};

// src/server/types.ts
var ServerError = class extends Error {
  constructor(message, logTail) {
    super(message);
    this.logTail = logTail;
    this.name = "ServerError";
  }
  logTail;
  /** Which build's server failed when two are measured side by side ("base"), else undefined. */
  side;
};

// src/errors.ts
var EXIT = {
  ok: 0,
  regression: 1,
  invalidInput: 2,
  serverOrLoadFailed: 3,
  internal: 4,
  baselineStore: 5,
  interrupted: 130
};
var InputError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "InputError";
  }
};
function exitCodeFor(err) {
  if (err instanceof InputError) return EXIT.invalidInput;
  if (err instanceof ServerError || err instanceof LoadError) return EXIT.serverOrLoadFailed;
  if (err instanceof BaselineStoreError) return EXIT.baselineStore;
  if (err instanceof Error && err.name === "AbortError") return EXIT.interrupted;
  return EXIT.internal;
}
function describeError(err) {
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
  ServerError,
  BaselineMismatchError,
  BaselineStoreError,
  EXIT,
  InputError,
  exitCodeFor,
  describeError
};
