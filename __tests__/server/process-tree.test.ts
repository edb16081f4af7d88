import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ownerAlive } from '../../src/server/process-cookie.ts';
import {
  clockTicksPerSecond,
  FULL_SCAN_EVERY,
  listTree,
  pageSizeBytes,
  parseProcStat,
  readProcStat,
  sumTree,
  TrackedTree,
} from '../../src/server/process-tree.ts';

// A real line from proc(5) layout: pid (comm) state ppid pgrp session ... with comm holding
// spaces and parentheses, which is why the parser splits after the last ')'.
const LINE =
  '4242 (node (x) y) S 17 4240 4240 0 -1 4194560 900 0 0 0 150 25 7 3 20 0 11 0 123456 1000000 2500 ' +
  '18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0';

describe('parseProcStat', () => {
  it('reads the fields after a command name with spaces and parentheses', () => {
    expect(parseProcStat(LINE)).toEqual({
      pid: 4242,
      ppid: 17,
      pgid: 4240,
      state: 'S',
      cpuTicks: 175,
      childCpuTicks: 10,
      startTime: 123456,
      rssPages: 2500,
    });
  });

  it('returns null for a truncated line', () => {
    expect(parseProcStat('1 (init) S 0 1')).toBeNull();
    expect(parseProcStat('garbage')).toBeNull();
  });
});

describe('reading /proc', () => {
  it('reads this process and finds it in its own tree', () => {
    const self = readProcStat(process.pid);
    expect(self?.pid).toBe(process.pid);
    expect(self?.ppid).toBe(process.ppid);
    expect(self?.rssPages).toBeGreaterThan(0);
    expect(listTree(process.pid).map((p) => p.pid)).toContain(process.pid);
  });

  it('returns null for a pid that does not exist', () => {
    expect(readProcStat(2 ** 30)).toBeNull();
  });

  it('sums CPU and RSS with the machine clock rate and page size', () => {
    expect(clockTicksPerSecond()).toBeGreaterThan(0);
    expect(pageSizeBytes()).toBeGreaterThanOrEqual(4096);
    const self = readProcStat(process.pid);
    if (!self) throw new Error('cannot read own /proc entry');
    const totals = sumTree([self]);
    expect(totals.rssBytes).toBe(self.rssPages * pageSizeBytes());
    expect(totals.cpuMs).toBe(
      ((self.cpuTicks + self.childCpuTicks) * 1000) / clockTicksPerSecond(),
    );
  });

  it('tracks nothing for a process that is gone', () => {
    expect(new TrackedTree(2 ** 30).refresh()).toEqual([]);
    expect(new TrackedTree(2 ** 30).sample()).toEqual([]);
  });
});

describe('TrackedTree.sample: the periodic sample rescans /proc only now and then', () => {
  it('finds a new child at the next rescan and drops a process that exited at once', async () => {
    // A shell in a group of its own that starts `sleep` when told to on stdin, then waits for it
    // and for a second line.
    const shell = spawn('sh', ['-c', 'read go; sleep 30 & wait; read stop'], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    const pid = shell.pid as number;
    try {
      const tree = new TrackedTree(pid);
      const pids = (procs: { pid: number }[]) => procs.map((p) => p.pid).sort((a, b) => a - b);
      expect(pids(tree.sample())).toEqual([pid]); // the first sample rescans
      shell.stdin?.write('go\n');
      let sleeper: number | undefined;
      for (let i = 0; i < 500 && sleeper === undefined; i++) {
        await new Promise((r) => setTimeout(r, 10));
        sleeper = listTree(pid).find((p) => p.pid !== pid)?.pid;
      }
      expect(sleeper).toBeDefined();
      // Samples between rescans read only the processes already tracked.
      for (let i = 1; i < FULL_SCAN_EVERY; i++) expect(pids(tree.sample())).toEqual([pid]);
      expect(pids(tree.sample())).toEqual([pid, sleeper as number].sort((a, b) => a - b));
      process.kill(sleeper as number, 'SIGKILL');
      // Reaped by the shell: gone from /proc, and from the next sample without a rescan.
      for (let i = 0; i < 500 && readProcStat(sleeper as number) !== null; i++) {
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(pids(tree.sample())).toEqual([pid]);
    } finally {
      shell.kill('SIGKILL');
    }
  });
});

describe('ownerAlive: whether the perfgate that marked a process still runs', () => {
  const start = () => readProcStat(process.pid)?.startTime as number;

  it('is true for a live pid with its start time, false for another start time (a reused pid)', () => {
    expect(ownerAlive(`${process.pid}.${start()}.1.abc`)).toBe(true);
    expect(ownerAlive(`${process.pid}.${start() + 1}.1.abc`)).toBe(false);
  });

  it('is false for a pid that does not run', () => {
    expect(ownerAlive(`${2 ** 30}.${start()}.1.abc`)).toBe(false);
    expect(ownerAlive(`${2 ** 30}.0.1.abc`)).toBe(false);
  });

  // An owner that could not read its own start time (no /proc it could see) tags 0: a live pid
  // then counts as the owner, so that no other perfgate stops a server of one still running.
  it('is true for a live pid whose owner could not read its start time', () => {
    expect(ownerAlive(`${process.pid}.0.1.abc`)).toBe(true);
  });
});
