import { performance } from 'node:perf_hooks';

// The one patch both open-model pacers (open-model-pacer.ts, staged-pacer.ts) make to an
// autocannon connection: its next request waits for the slot the pacer gives it, and a request
// sent late counts its latency from when it was due (wrk2's answer to coordinated omission).

/** The parts of autocannon's per-connection client (lib/httpClient.js) the pacers touch. */
interface PacedClient {
  destroyed: boolean;
  _doRequest(): void;
  destroy(): void;
  pipelinedRequests: { pendingRequests: { startTime: [number, number] }[] };
}

/** Moves an hrtime tuple `ms` milliseconds into the past. */
function hrtimeMinus([s, ns]: [number, number], ms: number): [number, number] {
  const total = s * 1e9 + ns - Math.round(ms * 1e6);
  return [Math.floor(total / 1e9), total % 1e9];
}

/**
 * Paces one autocannon connection: whenever it is free to send, `nextSlot()` says when
 * (performance.now() time) its request is due, or null when the schedule is over. `onSent` is
 * called for every request that went out.
 */
export function paceClient(raw: unknown, nextSlot: () => number | null, onSent?: () => void): void {
  const client = raw as PacedClient;
  let timer: NodeJS.Timeout | undefined;
  const send = client._doRequest.bind(client);
  // `behind`: the request was already due when the connection became free, so the time it
  // waited is the server's doing and counts. A request sent by its own timer counts from the
  // moment it went out: a timer firing late is the load generator's jitter, not the server's.
  const sendDue = (slot: number, behind: boolean) => {
    timer = undefined;
    if (client.destroyed) return;
    const pending = client.pipelinedRequests.pendingRequests;
    const before = pending.length;
    const late = performance.now() - slot;
    send();
    onSent?.();
    const entry = pending.length > before ? pending[pending.length - 1] : undefined;
    // autocannon times a response from entry.startTime: start the clock when it was due.
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
}
