// A watchdog that outlives perfgate: a small detached Node process that holds a pipe from
// perfgate. When the pipe closes (perfgate exited, crashed, or was killed with SIGKILL, which no
// handler can catch), it stops every process carrying one of its cookies. perfgate closes the
// pipe itself once its last server has stopped, so the watchdog runs only while servers do.
import { spawn, type ChildProcess } from 'node:child_process';
import { ownerTag } from './process-cookie.ts';
import { COOKIE_VAR } from './process-tree.ts';

/** Set to `0` to start no watchdog (the post step and the next run still clean up). */
export const WATCHDOG_VAR = 'PERFGATE_WATCHDOG';

/** How long the watchdog waits after SIGTERM before SIGKILL. */
const WATCHDOG_GRACE_MS = 3_000;

// Plain JavaScript run with `node -e`, so it works the same from the sources and from the
// bundle. It reads stdin to its end, then finds the marked processes in /proc/*/environ.
const WATCHDOG_SOURCE = String.raw`
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

let current: { child: ChildProcess | null; tag: string } | null = null;
let generation = 0;

/**
 * The tag for cookies of servers started now: `<owner>.<generation>`. Starts a watchdog for it
 * unless one runs (or PERFGATE_WATCHDOG=0); the watchdog stops the processes marked with it
 * once this process is gone.
 */
export function watchdogTag(): string {
  if (current) return current.tag;
  generation += 1;
  const tag = `${ownerTag()}.${generation}`;
  current = { child: process.env[WATCHDOG_VAR] === '0' ? null : spawnWatchdog(tag), tag };
  return tag;
}

/** Ends the current watchdog (it cleans up whatever still carries its cookie, then exits). */
export function releaseWatchdog(): void {
  const child = current?.child;
  current = null;
  child?.stdin?.end();
}

/** Pid of the running watchdog, if any (tests look for it). */
export function watchdogPid(): number | undefined {
  return current?.child?.pid;
}

function spawnWatchdog(tag: string): ChildProcess | null {
  const env = { ...process.env };
  delete env[COOKIE_VAR];
  try {
    const child = spawn(
      process.execPath,
      ['-e', WATCHDOG_SOURCE, tag, String(WATCHDOG_GRACE_MS)],
      // Its own session: a terminal's Ctrl-C or a killed process group does not reach it.
      { detached: true, stdio: ['pipe', 'ignore', 'ignore'], env },
    );
    child.on('error', () => {
      // No watchdog (e.g. out of processes): the post step and the next run still clean up.
    });
    child.stdin?.on('error', () => {});
    child.unref();
    // The pipe must not keep perfgate alive: it closes when perfgate exits, which is the point.
    (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    return child;
  } catch {
    return null;
  }
}
