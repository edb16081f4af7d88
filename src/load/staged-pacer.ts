import { performance } from 'node:perf_hooks';
import type { ResolvedStages } from '../config/resolve-extras.ts';
import { dueAt } from './stage-schedule.ts';

// The open model with stages (`stages: [{ duration, rate }]`): one schedule for the whole run,
// whose k-th slot is when request k is due (stage-schedule.ts). Each autocannon connection, when
// free, takes the next slot and sends at that moment; latency of a request sent late (every
// connection was busy) counts from when it was due, as in open-model-pacer.ts.

/** The parts of autocannon's per-connection client (lib/httpClient.js) the pacer touches. */
interface PacedClient {
  destroyed: boolean;
  _doRequest(): void;
  destroy(): void;
  pipelinedRequests: { pendingRequests: { startTime: [number, number] }[] };
}

function hrtimeMinus([s, ns]: [number, number], ms: number): [number, number] {
  const total = s * 1e9 + ns - Math.round(ms * 1e6);
  return [Math.floor(total / 1e9), total % 1e9];
}

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
  return (raw: unknown) => {
    const client = raw as PacedClient;
    let timer: NodeJS.Timeout | undefined;
    const send = client._doRequest.bind(client);
    const sendDue = (slot: number, behind: boolean) => {
      timer = undefined;
      if (client.destroyed) return;
      const pending = client.pipelinedRequests.pendingRequests;
      const before = pending.length;
      const late = performance.now() - slot;
      send();
      const entry = pending.length > before ? pending[pending.length - 1] : undefined;
      if (entry && behind && late > 0) entry.startTime = hrtimeMinus(entry.startTime, late);
    };
    client._doRequest = () => {
      const slot = nextSlot();
      if (slot === null) return; // the schedule is over; the run's timer ends it
      const wait = slot - performance.now();
      if (wait <= 0) sendDue(slot, true);
      else timer = setTimeout(() => sendDue(slot, false), wait);
    };
    const destroy = client.destroy.bind(client);
    client.destroy = () => {
      clearTimeout(timer);
      destroy();
    };
  };
}
