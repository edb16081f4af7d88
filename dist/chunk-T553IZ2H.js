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

// src/secrets.ts
var MIN_MASKED_LENGTH = 4;
var MASK = "***";
var secrets = /* @__PURE__ */ new Set();
function addSecrets(values) {
  for (const v of values) if (v.length >= MIN_MASKED_LENGTH) secrets.add(v);
}
function maskSecrets(text) {
  if (secrets.size === 0) return text;
  let out = text;
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join(MASK);
  return out;
}
function registeredSecrets() {
  return [...secrets];
}

// src/config/did-you-mean.ts
function didYouMean(key, known) {
  const k = key.toLowerCase();
  let best;
  for (const name of known) {
    const n = name.toLowerCase();
    const distance = Math.abs(k.length - n.length) > 2 ? Infinity : editDistance(k, n);
    const prefix = k.length >= 3 && (n.startsWith(k) || k.startsWith(n)) ? 2.5 : Infinity;
    const score = Math.min(distance <= 2 ? distance : Infinity, prefix);
    if (score < (best?.score ?? Infinity)) best = { name, score };
  }
  return best?.name;
}
function editDistance(a, b) {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(
        prev[j] + 1,
        cur[j - 1] + 1,
        prev[j - 1] + cost
      );
    }
    prev = cur;
  }
  return prev[b.length];
}

export {
  ServerError,
  BaselineMismatchError,
  BaselineStoreError,
  EXIT,
  InputError,
  exitCodeFor,
  describeError,
  addSecrets,
  maskSecrets,
  registeredSecrets,
  didYouMean
};
