import type { GateOutcome } from '../gate/run-gate.ts';
import { formatLatencyUs, formatRate } from '../report/format.ts';
import { renderHeadline } from '../report/comparison-report.ts';
import { TEXT } from '../report/comparison-flavor.ts';
import { stripControl } from '../report/metric-format.ts';
import type { SessionEvent } from '../run/session-deps.ts';
import type { ActionCore } from './deps.ts';

// The action's log: one line per run with its figures (inside the measuring group), and the
// verdict in one line after it. Control characters from names are removed.

/** Logs a session event: a run's figures when it ends, warnings, servers started. */
export function logEvent(core: Pick<ActionCore, 'info'>): (e: SessionEvent) => void {
  // Runs are made one at a time: a run's end belongs to the last run started.
  let current = '';
  return (e) => {
    const side = 'side' in e && e.side ? `[${e.side}] ` : '';
    switch (e.type) {
      case 'server-start':
        core.info(
          `perfgate: ${side}starting the server${e.workload ? ` for "${stripControl(e.workload)}"` : ''}`,
        );
        break;
      case 'run-start':
        current = `${side}${stripControl(e.workload)} run ${e.run}/${e.of}${e.warmup ? ' (warm-up)' : ''}`;
        break;
      case 'run-end': {
        const s = e.sample;
        const errors = s.errorRate > 0 ? `, errors ${(s.errorRate * 100).toFixed(2)}%` : '';
        const cpu =
          s.cpuMsPerRequest !== null ? `, CPU/req ${s.cpuMsPerRequest.toFixed(3)} ms` : '';
        core.info(
          `perfgate: ${current}: ${formatRate(s.reqPerSec)} req/s, p50 ${formatLatencyUs(s.latencyUs.p50)}, p99 ${formatLatencyUs(s.latencyUs.p99)}${cpu}${errors}`,
        );
        break;
      }
      case 'warning':
        core.info(
          `perfgate: warning${e.workload ? ` (${stripControl(e.workload)})` : ''}: ${stripControl(e.message)}`,
        );
        break;
      default:
        break;
    }
  };
}

/** The verdict as one log line. */
export function renderHeadlineLine(outcome: GateOutcome): string {
  if (outcome.comparison) return renderHeadline(outcome.comparison, TEXT);
  return outcome.verdict === 'no-baseline'
    ? '⚪ perfgate: no baseline to compare with yet'
    : '⚪ perfgate: measured without a comparison';
}
