import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  dataColumn,
  findPlaceholders,
  isIterationName
} from "./chunk-5MSJA75B.js";

// src/load/stage-schedule.ts
function targetAt(s, tMs) {
  let from = 0;
  let start = 0;
  for (const stage of s.stages) {
    const end = start + stage.durationMs;
    if (tMs < end) return from + (stage.target - from) * (tMs - start) / stage.durationMs;
    from = stage.target;
    start = end;
  }
  return from;
}
function isConnectionActive(s, index, tMs) {
  return targetAt(s, tMs) >= index + 1;
}
function firstReachAt(s, level) {
  let from = 0;
  let start = 0;
  for (const stage of s.stages) {
    if (stage.target >= level && from < level) {
      return start + stage.durationMs * (level - from) / (stage.target - from);
    }
    if (from >= level) return start;
    from = stage.target;
    start += stage.durationMs;
  }
  return from >= level ? start : null;
}
function dueAt(s, k) {
  let remaining = k + 0.5;
  let from = 0;
  let start = 0;
  for (const stage of s.stages) {
    const d = stage.durationMs / 1e3;
    const a = from;
    const b = stage.target;
    const count = (a + b) / 2 * d;
    if (remaining <= count && count > 0) {
      const slope = (b - a) / d;
      const x = Math.abs(slope) < 1e-12 ? remaining / a : (-a + Math.sqrt(Math.max(0, a * a + 2 * slope * remaining))) / slope;
      return start + Math.min(d, Math.max(0, x)) * 1e3;
    }
    remaining -= count;
    from = b;
    start += stage.durationMs;
  }
  return null;
}

// src/load/iteration-values.ts
import { randomBytes, randomInt, randomUUID } from "node:crypto";
function iterationNamesIn(steps) {
  const names = findPlaceholders(JSON.stringify(steps.map((s) => [s.path, s.headers, s.body])));
  return [...new Set(names.filter((n) => isIterationName(n) || dataColumn(n) !== void 0))];
}
var RANDOM = {
  "random.int": () => String(randomInt(0, 1e9)),
  "random.uuid": () => randomUUID(),
  "random.hex": () => randomBytes(8).toString("hex")
};
function createIterationSource(steps, rows) {
  const names = iterationNamesIn(steps);
  if (names.length === 0) return null;
  const random = names.filter((n) => n in RANDOM);
  const useSeq = names.includes("seq");
  const useRows = rows !== void 0 && rows.length > 0 && names.some((n) => n.startsWith("data."));
  let seq = 0;
  return {
    begin(context) {
      seq++;
      if (useSeq) context.seq = String(seq);
      for (const n of random) context[n] = RANDOM[n]();
      if (useRows) {
        const row = rows[(seq - 1) % rows.length];
        for (const [k, v] of Object.entries(row)) context[`data.${k}`] = v;
      }
    }
  };
}

export {
  isConnectionActive,
  firstReachAt,
  dueAt,
  createIterationSource
};
