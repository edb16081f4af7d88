import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);

// src/server/cleanup-registry.ts
import { mkdirSync, readFileSync as readFileSync2, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep2 } from "node:timers/promises";

// src/server/process-cookie.ts
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";

// src/server/process-tree.ts
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
function procDir() {
  return process.env.PERFGATE_PROC_DIR ?? "/proc";
}
function procAvailable() {
  try {
    return readdirSync(procDir()).length > 0 && readProcStat(process.pid) !== null;
  } catch {
    return false;
  }
}
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
    return parseProcStat(readFileSync(`${procDir()}/${pid}/stat`, "utf8"));
  } catch {
    return null;
  }
}
function listProcesses() {
  let names;
  try {
    names = readdirSync(procDir());
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
var COOKIE_VAR = "PERFGATE_SERVER_ID";
function readCookie(pid) {
  let env;
  try {
    env = readFileSync(`/proc/${pid}/environ`, "latin1");
  } catch {
    return null;
  }
  const key = `${COOKIE_VAR}=`;
  let at = 0;
  if (!env.startsWith(key)) {
    at = env.indexOf(`\0${key}`) + 1;
    if (at === 0) return null;
  }
  const end = env.indexOf("\0", at);
  return env.slice(at + key.length, end < 0 ? void 0 : end);
}
var FULL_SCAN_EVERY = 5;
var TrackedTree = class {
  /**
   * `rootPid`: the leader; `pgid`: its process group (the same pid for a detached child);
   * `cookie`: the environment cookie the leader was started with (see process-cookie.ts), which
   * finds descendants that left the tree and the group (a double-forked daemon, `setsid`).
   */
  constructor(rootPid, pgid = rootPid, cookie = null) {
    this.rootPid = rootPid;
    this.pgid = pgid;
    this.cookie = cookie;
  }
  rootPid;
  pgid;
  cookie;
  known = /* @__PURE__ */ new Map();
  /** Processes whose environment was already read for the cookie: `pid:startTime` -> marked. */
  cookieChecked = /* @__PURE__ */ new Map();
  firstScan = true;
  /** Calls of sample() so far: every FULL_SCAN_EVERY-th rescans /proc. */
  samples = 0;
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
    roots.push(...this.markedPids(all));
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
  /**
   * The tree's processes for a periodic sample (peak memory): one call in FULL_SCAN_EVERY (and
   * the first) rescans /proc like refresh(); the others read only the processes already tracked,
   * a few files instead of one per process of the machine. A process started since the last
   * rescan is found by the next one (within FULL_SCAN_EVERY samples); one that exited, or whose
   * pid now belongs to another process, is left out at once.
   */
  sample() {
    if (this.firstScan || ++this.samples % FULL_SCAN_EVERY === 0) return this.refresh();
    const found = [];
    for (const [pid, startTime] of this.known) {
      const p = readProcStat(pid);
      if (p && p.startTime === startTime && p.state !== "X") found.push(p);
    }
    return found;
  }
  /**
   * Pids in `all` started with this tree's cookie. Each process's environment is read once (a
   * process's initial environment never changes), so a refresh costs little after the first.
   */
  markedPids(all) {
    if (this.cookie === null) return [];
    const seen = /* @__PURE__ */ new Set();
    const out = [];
    for (const p of all) {
      const id = `${p.pid}:${p.startTime}`;
      seen.add(id);
      let marked = this.cookieChecked.get(id);
      if (marked === void 0) {
        marked = p.pid !== process.pid && readCookie(p.pid) === this.cookie;
        this.cookieChecked.set(id, marked);
      }
      if (marked) out.push(p.pid);
    }
    for (const id of this.cookieChecked.keys()) if (!seen.has(id)) this.cookieChecked.delete(id);
    return out;
  }
  /** Sends `signal` to the group and to each live process of `procs` (from refresh()). */
  signal(signal, procs) {
    const alive = procs.filter(isAlive);
    if (alive.some((p) => p.pgid === this.pgid)) trySignal(-this.pgid, signal);
    for (const p of alive) trySignal(p.pid, signal);
  }
};

// src/server/process-cookie.ts
var ownTag;
function ownerTag() {
  ownTag ??= `${process.pid}.${readProcStat(process.pid)?.startTime ?? 0}`;
  return ownTag;
}
function newCookie(prefix) {
  return `${prefix}.${randomBytes(6).toString("hex")}`;
}
function findMarked(match, all = listProcesses()) {
  return all.filter((p) => {
    if (p.pid === process.pid || !isAlive(p)) return false;
    const cookie = readCookie(p.pid);
    return cookie !== null && match(cookie);
  });
}
function ownerAlive(cookie) {
  const [pid, start] = cookie.split(".").map(Number);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  const stat = readProcStat(pid);
  return isAlive(stat) && (start === 0 || stat.startTime === start);
}
function findOrphans(all) {
  return findMarked((cookie) => !ownerAlive(cookie), all);
}
async function stopMarked(find, graceMs) {
  const first = find();
  const signal = (procs, sig) => {
    for (const p of procs) {
      try {
        process.kill(p.pid, sig);
      } catch {
      }
    }
  };
  signal(first, "SIGTERM");
  let left = first;
  const termDeadline = Date.now() + graceMs;
  while (left.length > 0 && Date.now() < termDeadline) {
    await sleep(50);
    left = find();
  }
  const killDeadline = Date.now() + 5e3;
  while (left.length > 0 && Date.now() < killDeadline) {
    signal(left, "SIGKILL");
    await sleep(50);
    left = find();
  }
  return first.length;
}

// src/server/watchdog.ts
import { spawn } from "node:child_process";
var WATCHDOG_VAR = "PERFGATE_WATCHDOG";
var WATCHDOG_GRACE_MS = 3e3;
var WATCHDOG_SOURCE = String.raw`
const fs = require('node:fs');
const [prefix, graceArg] = process.argv.slice(1);
const grace = Number(graceArg) || 3000;
const key = '${COOKIE_VAR}=' + prefix + '.';
for (const s of ['SIGINT', 'SIGHUP', 'SIGPIPE']) process.on(s, () => {});
function marked() {
  const out = [];
  let names = [];
  try { names = fs.readdirSync('/proc'); } catch {}
  for (const name of names) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const stat = fs.readFileSync('/proc/' + name + '/stat', 'latin1');
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      if (state === 'Z' || state === 'X') continue;
      const env = fs.readFileSync('/proc/' + name + '/environ', 'latin1');
      if (env.startsWith(key) || env.includes('\0' + key)) out.push(Number(name));
    } catch {}
  }
  return out;
}
function send(pids, sig) { for (const p of pids) { try { process.kill(p, sig); } catch {} } }
let cleaning = false;
async function clean() {
  if (cleaning) return;
  cleaning = true;
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  let left = marked();
  send(left, 'SIGTERM');
  const termEnd = Date.now() + grace;
  while (left.length > 0 && Date.now() < termEnd) { await sleep(50); left = marked(); }
  const killEnd = Date.now() + 5000;
  while (left.length > 0 && Date.now() < killEnd) { send(left, 'SIGKILL'); await sleep(50); left = marked(); }
  process.exit(0);
}
process.stdin.on('data', () => {});
process.stdin.on('end', clean);
process.stdin.on('close', clean);
process.stdin.on('error', clean);
`;
var current = null;
var generation = 0;
function watchdogTag() {
  if (current) return current.tag;
  generation += 1;
  const tag = `${ownerTag()}.${generation}`;
  current = { child: process.env[WATCHDOG_VAR] === "0" ? null : spawnWatchdog(tag), tag };
  return tag;
}
function releaseWatchdog() {
  const child = current?.child;
  current = null;
  child?.stdin?.end();
}
function spawnWatchdog(tag) {
  const env = { ...process.env };
  delete env[COOKIE_VAR];
  try {
    const child = spawn(
      process.execPath,
      ["-e", WATCHDOG_SOURCE, tag, String(WATCHDOG_GRACE_MS)],
      // Its own session: a terminal's Ctrl-C or a killed process group does not reach it.
      { detached: true, stdio: ["pipe", "ignore", "ignore"], env }
    );
    child.on("error", () => {
    });
    child.stdin?.on("error", () => {
    });
    child.unref();
    child.stdin?.unref?.();
    return child;
  } catch {
    return null;
  }
}

// src/server/cleanup-registry.ts
var servers = /* @__PURE__ */ new Set();
var pidFile = null;
var handlersInstalled = false;
var starting = 0;
var exitHandlerInstalled = false;
var interrupted = false;
function registerServer(server) {
  servers.add(server);
  updateHandlers();
  syncPidFile();
}
function holdSignalHandlers() {
  starting += 1;
  updateHandlers();
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    starting -= 1;
    updateHandlers();
  };
}
function unregisterServer(server) {
  servers.delete(server);
  updateHandlers();
  syncPidFile();
  releaseWatchdogIfIdle();
}
function releaseWatchdogIfIdle() {
  if (servers.size === 0) releaseWatchdog();
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
  writeFileSync(file, JSON.stringify({ owner: ownerTag(), servers: records }, null, 2) + "\n");
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
  let owner;
  try {
    const parsed = JSON.parse(readFileSync2(file, "utf8"));
    records = parsed.servers;
    owner = parsed.owner;
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
    await sleep2(50);
    left = records.filter((r) => left.includes(r.pgid) && groupAlive(r)).map((r) => r.pgid);
  }
  send("SIGKILL", left);
  const goneBy = Date.now() + 1e3;
  while (left.length > 0 && Date.now() < goneBy) {
    await sleep2(20);
    left = records.filter((r) => left.includes(r.pgid) && groupAlive(r)).map((r) => r.pgid);
  }
  const marked = typeof owner === "string" && /^\d+\.\d+$/.test(owner) ? await stopMarked(() => findMarked((c) => c.startsWith(`${owner}.`)), graceMs) : 0;
  return signalled.length + marked;
}
var signalExitCodes = { SIGINT: 130, SIGTERM: 143 };
function onSignal(signal) {
  if (interrupted) {
    process.stderr.write(
      `
perfgate: ${signal} again: killing ${servers.size} server(s) now (SIGKILL); waiting for them to exit
`
    );
    for (const s of servers) s.hurry();
    return;
  }
  interrupted = true;
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
  if (servers.size === 0 && starting === 0 && !interrupted) {
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
  procAvailable,
  readProcStat,
  isAlive,
  sumTree,
  COOKIE_VAR,
  TrackedTree,
  newCookie,
  findOrphans,
  stopMarked,
  watchdogTag,
  registerServer,
  holdSignalHandlers,
  unregisterServer,
  releaseWatchdogIfIdle,
  setPidFile,
  killRecordedServers
};
