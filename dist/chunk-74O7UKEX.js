import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  isIdempotent,
  prepareSteps,
  socketHost
} from "./chunk-UEKVTZGY.js";
import {
  LatencyRecorder,
  newTally,
  summarize
} from "./chunk-MIODLOIC.js";
import {
  LoadError
} from "./chunk-I2DQ53TU.js";
import "./chunk-5MSJA75B.js";
import {
  closedModelLatency
} from "./chunk-NM4ZIQ3O.js";
import "./chunk-F6FNT3HE.js";

// src/load/c-client.ts
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
function cClientSource() {
  return path.join(path.dirname(fileURLToPath(import.meta.url)), "load-client.c");
}
function cacheDir(env) {
  if (env.PERFGATE_CACHE_DIR) return env.PERFGATE_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(base, "perfgate");
}
function compilers(env) {
  return env.CC ? [env.CC] : ["cc", "gcc", "clang"];
}
function findCClient(env) {
  if (process.platform !== "linux") {
    return { unavailable: `the C client needs Linux (epoll); this is ${process.platform}` };
  }
  if (env.PERFGATE_C_CLIENT === "0") return { unavailable: "PERFGATE_C_CLIENT=0" };
  const file = cClientSource();
  let source;
  try {
    source = readFileSync(file);
  } catch {
    return { unavailable: `${file} is missing` };
  }
  const hash = createHash("sha256").update(source).digest("hex").slice(0, 16);
  const dir = cacheDir(env);
  const target = path.join(dir, `load-client-${hash}-${process.arch}`);
  if (existsSync(target)) return { binary: target };
  const failures = [];
  for (const cc of compilers(env)) {
    const partial = `${target}.${process.pid}.partial`;
    try {
      mkdirSync(dir, { recursive: true });
      execFileSync(cc, ["-O2", "-o", partial, file], { stdio: "pipe", timeout: 12e4 });
      chmodSync(partial, 493);
      renameSync(partial, target);
      return { binary: target };
    } catch (err) {
      rmSync(partial, { force: true });
      const e = err;
      const why = e.code === "ENOENT" ? "not found" : String(e.stderr ?? e.message).trim();
      failures.push(`${cc}: ${why.slice(0, 300)}`);
    }
  }
  return { unavailable: `no C compiler could build ${file} (${failures.join("; ")})` };
}
var found;
function cClientBinary() {
  found ??= findCClient(process.env);
  return "binary" in found ? found.binary : null;
}
function cClientRequest(job) {
  const w = job.workload;
  if (w.steps.length !== 1 || (w.thinkMs ?? 0) > 0 || w.stages) return null;
  const spec = w.steps[0];
  if (!spec || spec.expect !== void 0 || spec.capture !== void 0) return null;
  const base = new URL(job.baseUrl);
  const address = socketHost(base);
  if (net.isIP(address) === 0) return null;
  const prefix = base.pathname.replace(/\/+$/, "");
  const [step] = prepareSteps(w.steps, prefix, base.host);
  if (!step?.fixed) return null;
  return {
    bytes: step.fixed,
    address,
    port: Number(base.port || 80),
    isHead: step.isHead,
    resend: isIdempotent(step.parts.method)
  };
}
function parseLine(line, p) {
  const [key, a = "", b = ""] = line.split(" ");
  const n = Number(a);
  if (key === "elapsed_ns") p.elapsedNs = n;
  else if (key === "cpu_us") p.cpuUs = n;
  else if (key === "maxrss_kb") p.maxRssKb = n;
  else if (key === "responses") p.responses = n;
  else if (key === "bytes") p.bytes = n;
  else if (key === "error") p.errors[a] = Number(b);
  else if (key === "status") p.status.push([n, Number(b)]);
  else if (key === "max_us") p.maxUs = n;
  else if (key === "hist") p.buckets.push([n, Number(b)]);
  else if (key === "end") p.ended = true;
}
function toResult(job, p, connections) {
  const tally = newTally();
  tally.responses = p.responses;
  tally.bytes = p.bytes;
  for (const [code, count] of p.status) tally.statusCounts[code] = count;
  for (const kind of Object.keys(tally.errors)) {
    tally.errors[kind] = p.errors[kind] ?? 0;
  }
  const latency = LatencyRecorder.fromBuckets(p.buckets, p.maxUs);
  const windowMs = p.elapsedNs / 1e6;
  const fields = closedModelLatency(job.workload, latency, windowMs, connections);
  const result = summarize(tally, latency, windowMs, { user: p.cpuUs, system: 0 }, fields);
  return { ...result, clientPeakRssBytes: p.maxRssKb * 1024 };
}
function runCClient(job, binary, request, onProgress = () => {
}) {
  const w = job.workload;
  const timed = w.requests === null;
  const connections = timed ? w.connections : Math.min(w.connections, w.requests);
  const args = [
    "run",
    `addr=${request.address}`,
    `port=${request.port}`,
    `connections=${connections}`,
    `duration_ms=${timed ? w.durationMs : 0}`,
    `requests=${timed ? 0 : w.requests}`,
    `timeout_ms=${w.timeoutMs}`,
    `head=${request.isHead ? 1 : 0}`,
    `resend=${request.resend ? 1 : 0}`
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ["pipe", "pipe", "pipe"] });
    const parsed = {
      elapsedNs: 0,
      cpuUs: 0,
      maxRssKb: 0,
      responses: 0,
      bytes: 0,
      errors: {},
      status: [],
      maxUs: 0,
      buckets: [],
      ended: false
    };
    let rest = "";
    let stderr = "";
    let lastTick = 0;
    let lastResponses = 0;
    child.stdout.setEncoding("latin1");
    child.stdout.on("data", (chunk) => {
      const lines = (rest + chunk).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) {
        if (line.startsWith("progress ")) {
          const [, ms = "0", count = "0"] = line.split(" ");
          const elapsedMs = Number(ms);
          const requests = Number(count);
          const reqPerSec = (requests - lastResponses) * 1e3 / Math.max(1, elapsedMs - lastTick);
          onProgress({ elapsedMs, requests, reqPerSec });
          [lastTick, lastResponses] = [elapsedMs, requests];
        } else parseLine(line, parsed);
      }
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (d) => stderr = (stderr + d).slice(-2e3));
    child.on("error", (err) => reject(new LoadError(`the C load client failed: ${err.message}`)));
    child.on("close", (code, signal) => {
      if (code === 0 && parsed.ended) return resolve(toResult(job, parsed, connections));
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      reject(new LoadError(`the C load client ${how}${stderr ? `: ${stderr.trim()}` : ""}`));
    });
    child.stdin.on("error", () => {
    });
    child.stdin.end(request.bytes);
  });
}
export {
  cClientBinary,
  cClientRequest,
  cClientSource,
  findCClient,
  runCClient
};
