import type { SessionEvent } from '../run/run-session.ts';
import { formatLatencyUs, formatRate } from '../report/format.ts';

/** Where progress goes: a terminal gets one line rewritten in place, a log gets a line per run. */
export interface ProgressSink {
  write(text: string): void;
  isTTY: boolean;
}

/** Turns session events into terminal progress: workload, run i of n, live req/s. */
export function createProgressPrinter(out: ProgressSink): (e: SessionEvent) => void {
  let current = '';
  let live = false;
  const clear = () => {
    if (live) out.write('\r\x1b[2K');
    live = false;
  };
  return (e) => {
    switch (e.type) {
      case 'server-start':
        clear();
        if (e.running) {
          out.write(`measuring the running server at ${e.running} (not started by perfgate)\n`);
          break;
        }
        out.write(
          `${e.side ? `[${e.side}] ` : ''}${e.workload ? `starting the server for "${e.workload}"` : 'starting the server'}\n`,
        );
        break;
      case 'base-checkout':
        clear();
        out.write(
          `[base] checked out ${e.sha.slice(0, 12)} in ${e.dir} (removed afterwards)${e.build ? `; building: ${e.build}` : ''}\n`,
        );
        break;
      case 'run-start':
        current = `${e.side ? `[${e.side}] ` : ''}${e.workload}  run ${e.run}/${e.of}${e.warmup ? ' (warm-up)' : ''}`;
        if (out.isTTY) {
          clear();
          out.write(current);
          live = true;
        }
        break;
      case 'run-progress':
        if (out.isTTY) {
          clear();
          out.write(
            `${current}  ${formatRate(e.reqPerSec)} req/s  ${(e.elapsedMs / 1000).toFixed(0)}s`,
          );
          live = true;
        }
        break;
      case 'run-end': {
        clear();
        const s = e.sample;
        const errors = s.errorRate > 0 ? `  errors ${(s.errorRate * 100).toFixed(2)}%` : '';
        out.write(
          `${current}  ${formatRate(s.reqPerSec)} req/s  p50 ${formatLatencyUs(s.latencyUs.p50)}  p99 ${formatLatencyUs(s.latencyUs.p99)}${errors}\n`,
        );
        break;
      }
      case 'warning':
        clear();
        out.write(`warning${e.workload ? ` (${e.workload})` : ''}: ${e.message}\n`);
        break;
    }
  };
}
