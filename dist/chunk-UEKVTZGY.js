import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  isTemplated,
  requestParts
} from "./chunk-MIODLOIC.js";

// src/load/request-bytes.ts
var IDEMPOTENT = /* @__PURE__ */ new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"]);
function isIdempotent(method) {
  return IDEMPOTENT.has(method.toUpperCase());
}
function socketHost(url) {
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}
function hasHeader(headers, name) {
  return Object.keys(headers).some((k) => k.toLowerCase() === name);
}
function serialize(parts, host) {
  const lines = [`${parts.method} ${parts.path} HTTP/1.1`];
  if (!hasHeader(parts.headers, "host")) lines.push(`Host: ${host}`);
  for (const [k, v] of Object.entries(parts.headers)) lines.push(`${k}: ${v}`);
  const body = parts.body === void 0 ? null : Buffer.from(parts.body, "utf8");
  if (body && !hasHeader(parts.headers, "content-length"))
    lines.push(`Content-Length: ${body.length}`);
  const head = Buffer.from(`${lines.join("\r\n")}\r
\r
`, "latin1");
  return body ? Buffer.concat([head, body]) : head;
}
function prepareSteps(steps, prefix, host) {
  return steps.map((spec) => {
    const own = requestParts(spec);
    const parts = { ...own, path: prefix + own.path };
    return {
      spec,
      isHead: parts.method.toUpperCase() === "HEAD",
      fixed: isTemplated(parts) ? null : serialize(parts, host),
      parts
    };
  });
}

export {
  isIdempotent,
  socketHost,
  serialize,
  prepareSteps
};
