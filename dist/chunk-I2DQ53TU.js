import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);

// src/load/types.ts
var LoadError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "LoadError";
  }
};

export {
  LoadError
};
