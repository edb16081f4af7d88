import { performance } from 'node:perf_hooks';
import type { ResolvedStages } from '../config/resolve-extras.ts';
import { paceClient } from './paced-client.ts';
import { dueAt } from './stage-schedule.ts';

// The open model with stages (`stages: [{ duration, rate }]`): one schedule for the whole run,
// whose k-th slot is when request k is due (stage-schedule.ts). Each autocannon connection, when
// free, takes the next slot and sends at that moment; latency of a request sent late (every
// connection was busy) counts from when it was due (paced-client.ts).

/** An autocannon `setupClient` hook that paces all connections to the stages' rate. */
export function stagedPacer(stages: ResolvedStages): (client: unknown) => void {
  const start = performance.now();
  let k = 0;
  const nextSlot = (): number | null => {
    const at = dueAt(stages, k);
    if (at === null) return null;
    k++;
    return start + at;
  };
  return (raw: unknown) => paceClient(raw, nextSlot);
}
