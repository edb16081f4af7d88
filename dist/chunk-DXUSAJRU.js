import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  RECORD_VERSION,
  resultsRecordSchema
} from "./chunk-BQL65V6L.js";

// src/baseline/record-file.ts
import { createHash } from "node:crypto";

// src/baseline/migrate.ts
var UNKNOWN_TOOL_VERSION = "0.0.0-unknown";
var MIGRATIONS = /* @__PURE__ */ new Map([
  [
    0,
    (raw) => ({
      ...raw,
      version: 1,
      tool: { name: "perfgate", version: UNKNOWN_TOOL_VERSION },
      design: "independent"
    })
  ]
]);
var OLDEST_READABLE_VERSION = Math.min(RECORD_VERSION, ...MIGRATIONS.keys());
function migrateRecord(raw, migrations = MIGRATIONS) {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { ok: false, reason: "not a JSON object" };
  }
  let current = raw;
  if (current.kind !== "perfgate-results") {
    return {
      ok: false,
      reason: `not a perfgate results record (kind: ${JSON.stringify(current.kind)})`
    };
  }
  const from = current.version;
  if (typeof from !== "number" || !Number.isInteger(from)) {
    return {
      ok: false,
      reason: `record version is missing or not an integer (${JSON.stringify(from)})`
    };
  }
  if (from > RECORD_VERSION) {
    return {
      ok: false,
      reason: `record version ${from} is newer than this perfgate understands (${RECORD_VERSION}); upgrade perfgate`
    };
  }
  for (let v = from; v < RECORD_VERSION; v++) {
    const step = migrations.get(v);
    if (!step)
      return { ok: false, reason: `unknown record version ${v}: no migration to version ${v + 1}` };
    current = step(current);
  }
  const parsed = resultsRecordSchema.safeParse(current);
  if (!parsed.success) {
    return {
      ok: false,
      reason: `invalid record (version ${from}): ${summarizeIssues(parsed.error)}`
    };
  }
  return { ok: true, record: parsed.data, from };
}
function summarizeIssues(error) {
  const shown = error.issues.slice(0, 3).map((i) => `${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`);
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : "";
  return shown.join("; ") + more;
}

// src/baseline/record-file.ts
function canonicalJson(value) {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value))
    return `[${value.map((v) => v === void 0 ? "null" : canonicalJson(v)).join(",")}]`;
  const obj = value;
  const parts = Object.keys(obj).filter((k) => obj[k] !== void 0).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`);
  return `{${parts.join(",")}}`;
}
function recordChecksum(record) {
  const { checksum: _ignored, ...rest } = record;
  return createHash("sha256").update(canonicalJson(rest)).digest("hex");
}
function sealRecord(record) {
  return { ...record, checksum: recordChecksum(record) };
}
function serializeRecord(record) {
  return `${JSON.stringify(sealRecord(record), null, 2)}
`;
}
function parseRecordText(text, path, options = {}) {
  const corrupt = (reason) => ({ ok: false, path, reason });
  if (text.trim() === "") return corrupt("the file is empty");
  let raw;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return corrupt(`not valid JSON (truncated?): ${err.message}`);
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    return corrupt("not a JSON object");
  const stored = raw.checksum;
  if (stored === void 0) {
    if (options.requireChecksum) return corrupt("it has no checksum");
  } else if (typeof stored !== "string" || stored !== recordChecksum(raw)) {
    return corrupt("checksum mismatch: the content was changed or damaged after it was stored");
  }
  const migrated = migrateRecord(raw);
  if (!migrated.ok) return corrupt(migrated.reason);
  const record = migrated.from === migrated.record.version ? migrated.record : { ...migrated.record, checksum: void 0 };
  if (record.checksum === void 0) delete record.checksum;
  return { ok: true, path, record, storedVersion: migrated.from };
}
function describeCorrupt(c) {
  return `skipped the stored baseline ${c.path}: ${c.reason}`;
}

export {
  serializeRecord,
  parseRecordText,
  describeCorrupt
};
