import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);

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
var BaseBuildError = class extends Error {
  constructor(reason) {
    super(reason instanceof Error ? reason.message : String(reason));
    this.reason = reason;
    this.name = "BaseBuildError";
  }
  reason;
};

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
  EXIT,
  InputError,
  BaseBuildError,
  addSecrets,
  maskSecrets,
  registeredSecrets,
  didYouMean
};
