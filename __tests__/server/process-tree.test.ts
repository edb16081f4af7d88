import { describe, expect, it } from 'vitest';
import { ownerAlive } from '../../src/server/process-cookie.ts';
import {
  clockTicksPerSecond,
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
