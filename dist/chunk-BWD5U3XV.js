import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);

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

export {
  BaselineMismatchError,
  BaselineStoreError
};
