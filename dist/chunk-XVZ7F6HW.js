import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  PLACEHOLDER,
  findPlaceholders
} from "./chunk-FY6ML3O3.js";

// src/load/request-template.ts
function templateNames(text) {
  return findPlaceholders(text);
}
function renderTemplate(text, values, json = false) {
  let missing = false;
  const out = text.replace(PLACEHOLDER, (_m, name) => {
    const v = values[name];
    if (v === void 0) {
      missing = true;
      return "";
    }
    return json ? JSON.stringify(v).slice(1, -1) : v;
  });
  return missing ? null : out;
}
function hasHeader(headers, name) {
  const lower = name.toLowerCase();
  return Object.keys(headers).some((k) => k.toLowerCase() === lower);
}
function requestParts(step) {
  const headers = { ...step.headers ?? {} };
  let body;
  let jsonBody = false;
  if (typeof step.body === "string") body = step.body;
  else if (step.body !== void 0) {
    body = JSON.stringify(step.body);
    jsonBody = true;
    if (!hasHeader(headers, "content-type")) headers["content-type"] = "application/json";
  }
  return { method: step.method ?? "GET", path: step.path, headers, body, jsonBody };
}
function isTemplated(parts) {
  const texts = [parts.path, parts.body ?? "", ...Object.values(parts.headers)];
  return texts.some((t) => templateNames(t).length > 0);
}
function renderParts(parts, values) {
  const path = renderTemplate(parts.path, values);
  if (path === null) return null;
  const headers = {};
  for (const [k, v] of Object.entries(parts.headers)) {
    const r = renderTemplate(v, values);
    if (r === null) return null;
    headers[k] = r;
  }
  let body;
  if (parts.body !== void 0) {
    const r = renderTemplate(parts.body, values, parts.jsonBody);
    if (r === null) return null;
    body = r;
  }
  return { ...parts, path, headers, body };
}
function isExpectedStatus(step, status) {
  const want = step.expect?.status;
  if (want === void 0) return status >= 200 && status < 300;
  return Array.isArray(want) ? want.includes(status) : want === status;
}
function isExpectedBody(step, body) {
  const want = step.expect?.body;
  return want === void 0 || body.includes(want);
}
function headerValue(headers, name) {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() === lower) return Array.isArray(v) ? v[0] : v;
  }
  return void 0;
}
function bodyValue(body, fieldPath) {
  if (fieldPath.length === 0) return body;
  let node;
  try {
    node = JSON.parse(body);
  } catch {
    return void 0;
  }
  for (const key of fieldPath) {
    if (node === null || typeof node !== "object") return void 0;
    node = node[key];
  }
  if (node === void 0 || node === null) return void 0;
  return typeof node === "object" ? JSON.stringify(node) : String(node);
}
function readCapture(source, status, body, headers) {
  if (source === "status") return String(status);
  if (source.startsWith("headers.")) return headerValue(headers, source.slice("headers.".length));
  if (source === "body" || source.startsWith("body."))
    return bodyValue(body, source.split(".").slice(1));
  return void 0;
}
function applyCaptures(step, status, body, headers, into) {
  let complete = true;
  for (const [name, source] of Object.entries(step.capture ?? {})) {
    const v = readCapture(source, status, body, headers);
    if (v === void 0) complete = false;
    else into[name] = v;
  }
  return complete;
}
function unresolvedNames(steps, vars, label = "steps") {
  const known = new Set(Object.keys(vars));
  const problems = [];
  steps.forEach((step, i) => {
    const parts = requestParts(step);
    const texts = [parts.path, parts.body ?? "", ...Object.values(parts.headers)];
    for (const name of new Set(texts.flatMap(templateNames))) {
      if (!known.has(name)) {
        problems.push(
          `${label}[${i}] (${parts.method} ${parts.path}) uses {{${name}}}, which no earlier step captures`
        );
      }
    }
    for (const name of Object.keys(step.capture ?? {})) known.add(name);
  });
  return problems;
}

export {
  requestParts,
  isTemplated,
  renderParts,
  isExpectedStatus,
  isExpectedBody,
  applyCaptures,
  unresolvedNames
};
