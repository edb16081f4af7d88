import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);

// src/server/cleanup-registry.ts
import { mkdirSync, readFileSync as readFileSync2, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

// src/server/process-tree.ts
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
var clockTicks;
var pageSize;
function getconf(name, fallback) {
  try {
    const n = Number(execFileSync("getconf", [name], { encoding: "utf8" }).trim());
    return Number.isInteger(n) && n > 0 ? n : fallback;
  } catch {
    return fallback;
  }
}
function clockTicksPerSecond() {
  clockTicks ??= getconf("CLK_TCK", 100);
  return clockTicks;
}
function pageSizeBytes() {
  pageSize ??= getconf("PAGESIZE", 4096);
  return pageSize;
}
function parseProcStat(text) {
  const open = text.indexOf("(");
  const close = text.lastIndexOf(")");
  if (open < 0 || close < open) return null;
  const pid = Number(text.slice(0, open).trim());
  const f = text.slice(close + 2).trim().split(" ");
  const n = (field) => Number(f[field - 3]);
  if (f.length < 22) return null;
  return {
    pid,
    ppid: n(4),
    pgid: n(5),
    state: f[0] ?? "?",
    cpuTicks: n(14) + n(15),
    childCpuTicks: n(16) + n(17),
    startTime: n(22),
    rssPages: n(24)
  };
}
function readProcStat(pid) {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return null;
  }
}
function listProcesses() {
  let names;
  try {
    names = readdirSync("/proc");
  } catch {
    return [];
  }
  const out = [];
  for (const name of names) {
    if (name.charCodeAt(0) < 48 || name.charCodeAt(0) > 57) continue;
    const stat = readProcStat(Number(name));
    if (stat) out.push(stat);
  }
  return out;
}
function isAlive(stat) {
  return stat !== null && stat.state !== "Z" && stat.state !== "X";
}
function listTree(roots, pgid = null, all = listProcesses()) {
  const rootSet = new Set(typeof roots === "number" ? [roots] : roots);
  const children = /* @__PURE__ */ new Map();
  for (const p of all) {
    const list = children.get(p.ppid);
    if (list) list.push(p);
    else children.set(p.ppid, [p]);
  }
  const found = /* @__PURE__ */ new Map();
  const queue = all.filter((p) => rootSet.has(p.pid) || p.pgid === pgid);
  while (queue.length > 0) {
    const p = queue.pop();
    if (found.has(p.pid)) continue;
    found.set(p.pid, p);
    for (const c of children.get(p.pid) ?? []) queue.push(c);
  }
  return [...found.values()];
}
function sumTree(procs) {
  let ticks = 0;
  let pages = 0;
  for (const p of procs) {
    ticks += p.cpuTicks + p.childCpuTicks;
    if (isAlive(p)) pages += p.rssPages;
  }
  return { cpuMs: ticks * 1e3 / clockTicksPerSecond(), rssBytes: pages * pageSizeBytes() };
}
function trySignal(pid, signal) {
  try {
    process.kill(pid, signal);
  } catch {
  }
}
var TrackedTree = class {
  /** `rootPid`: the leader; `pgid`: its process group (the same pid for a detached child). */
  constructor(rootPid, pgid = rootPid) {
    this.rootPid = rootPid;
    this.pgid = pgid;
  }
  rootPid;
  pgid;
  known = /* @__PURE__ */ new Map();
  firstScan = true;
  /**
   * Rescans /proc once and returns the tree's processes, zombies included (they still hold
   * their CPU time until reaped); filter with isAlive() for the ones that can be signalled.
   */
  refresh() {
    const all = listProcesses();
    const byPid = new Map(all.map((p) => [p.pid, p]));
    const roots = [...this.known].filter(([pid, t]) => byPid.get(pid)?.startTime === t).map(([pid]) => pid);
    if (this.firstScan) roots.push(this.rootPid);
    this.firstScan = false;
    const found = [];
    for (const p of listTree(roots, this.pgid, all)) {
      if (p.state === "X") continue;
      const startTime = this.known.get(p.pid);
      if (startTime === void 0) this.known.set(p.pid, p.startTime);
      else if (startTime !== p.startTime) continue;
      found.push(p);
    }
    const foundIds = new Set(found.map((p) => p.pid));
    for (const pid of this.known.keys()) if (!foundIds.has(pid)) this.known.delete(pid);
    return found;
  }
  /** Sends `signal` to the group and to each live process of `procs` (from refresh()). */
  signal(signal, procs) {
    const alive = procs.filter(isAlive);
    if (alive.some((p) => p.pgid === this.pgid)) trySignal(-this.pgid, signal);
    for (const p of alive) trySignal(p.pid, signal);
  }
};

// src/server/cleanup-registry.ts
var servers = /* @__PURE__ */ new Set();
var pidFile = null;
var handlersInstalled = false;
var exitHandlerInstalled = false;
function registerServer(server) {
  servers.add(server);
  updateHandlers();
  syncPidFile();
}
function unregisterServer(server) {
  servers.delete(server);
  updateHandlers();
  syncPidFile();
}
async function stopAllServers() {
  await Promise.allSettled([...servers].map((s) => s.stop()));
}
function setPidFile(file) {
  pidFile = file;
  syncPidFile();
}
function writePidFile(file) {
  const records = [...servers].map((s) => ({
    pgid: s.pid,
    startTime: s.startTime,
    command: s.command
  }));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ servers: records }, null, 2) + "\n");
}
function syncPidFile() {
  if (pidFile === null) return;
  try {
    writePidFile(pidFile);
  } catch {
  }
}
async function killRecordedServers(file, graceMs = 5e3) {
  let records;
  try {
    records = JSON.parse(readFileSync2(file, "utf8")).servers;
    if (!Array.isArray(records)) throw new Error('expected {"servers": [...]}');
    records = records.filter((r) => Number.isInteger(r?.pgid) && r.pgid > 1);
  } catch (err) {
    if (err.code === "ENOENT") return 0;
    throw new Error(`cannot read pid file ${file}: ${err.message}`);
  }
  const groupAlive = (r) => {
    const leader = readProcStat(r.pgid);
    if (isAlive(leader) && leader.pgid === r.pgid) return leader.startTime === r.startTime;
    return listProcesses().some(
      (p) => isAlive(p) && p.pgid === r.pgid && p.startTime >= r.startTime
    );
  };
  const signalled = records.filter(groupAlive).map((r) => r.pgid);
  const send = (sig, pgids) => {
    for (const g of pgids) {
      try {
        process.kill(-g, sig);
      } catch {
      }
    }
  };
  send("SIGTERM", signalled);
  const deadline = Date.now() + graceMs;
  let left = signalled;
  while (left.length > 0 && Date.now() < deadline) {
    await sleep(50);
    left = records.filter((r) => left.includes(r.pgid) && groupAlive(r)).map((r) => r.pgid);
  }
  send("SIGKILL", left);
  return signalled.length;
}
var signalExitCodes = { SIGINT: 130, SIGTERM: 143 };
function onSignal(signal) {
  removeSignalHandlers();
  const code = signalExitCodes[signal] ?? 1;
  process.stderr.write(
    `
perfgate: ${signal} received: stopping ${servers.size} server(s); no results were written
`
  );
  void stopAllServers().finally(() => process.exit(code));
}
function killAllSync() {
  for (const s of servers) s.killNow();
}
function removeSignalHandlers() {
  if (!handlersInstalled) return;
  handlersInstalled = false;
  for (const signal of Object.keys(signalExitCodes)) process.off(signal, onSignal);
}
function updateHandlers() {
  if (servers.size === 0) {
    removeSignalHandlers();
    return;
  }
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of Object.keys(signalExitCodes)) process.on(signal, onSignal);
  if (!exitHandlerInstalled) {
    exitHandlerInstalled = true;
    process.on("exit", killAllSync);
  }
}

export {
  readProcStat,
  isAlive,
  sumTree,
  TrackedTree,
  registerServer,
  unregisterServer,
  setPidFile,
  killRecordedServers
};
