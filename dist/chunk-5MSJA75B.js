import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);

// src/config/placeholders.ts
var PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_-]*)?)\s*\}\}/g;
var ITERATION_NAMES = ["seq", "random.int", "random.uuid", "random.hex"];
function envName(name) {
  return name.startsWith("env.") ? name.slice(4) : void 0;
}
function dataColumn(name) {
  return name.startsWith("data.") ? name.slice(5) : void 0;
}
function isIterationName(name) {
  return ITERATION_NAMES.includes(name);
}
function envNamesIn(text) {
  return findPlaceholders(text).flatMap((n) => envName(n) ?? []);
}
function findPlaceholders(text) {
  return Array.from(text.matchAll(PLACEHOLDER), (m) => m[1]);
}
function fillPlaceholders(text, values) {
  return text.replace(PLACEHOLDER, (whole, name) => values[name] ?? whole);
}
function placeholdersInRequest(request) {
  const uses = [];
  const visit = (value, path) => {
    if (typeof value === "string") {
      for (const name of findPlaceholders(value)) uses.push({ path, name });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, [...path, i]));
    } else if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) visit(v, [...path, k]);
    }
  };
  visit(request.path, ["path"]);
  if (request.headers && typeof request.headers === "object") {
    for (const [k, v] of Object.entries(request.headers)) visit(v, ["headers", k]);
  }
  visit(request.body, ["body"]);
  return uses;
}

export {
  PLACEHOLDER,
  ITERATION_NAMES,
  envName,
  dataColumn,
  isIterationName,
  envNamesIn,
  findPlaceholders,
  fillPlaceholders,
  placeholdersInRequest
};
