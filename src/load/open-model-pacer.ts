import { performance } from 'node:perf_hooks';

// The open model: requests sent on a fixed schedule, whatever the latency, and latency measured
// from when each request was due rather than from when it went out (wrk2's approach to
// coordinated omission). autocannon's own `overallRate` is not used: it lets each connection
// send its whole share of a second back to back at the start of the second, and its latency
// correction passes Math.ceil(1 / rate), always 1 ms, as the expected interval.

/** The parts of autocannon's per-connection client (lib/httpClient.js) the pacer touches. */
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
 * An autocannon `setupClient` hook that paces each connection to `rate / connections`
 * requests per second, connections staggered so the sends are spread evenly. A connection
 * that falls behind (a slow response) sends at once, and the time the request waited counts
 * in its latency.
 */
export function openModelPacer(rate: number, connections: number): (client: unknown) => void {
  const intervalMs = (1000 * connections) / rate;
  const start = performance.now();
  let index = 0;
  return (raw: unknown) => {
    const client = raw as PacedClient;
    let due = start + (index++ * intervalMs) / connections;
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
      const entry = pending.length > before ? pending[pending.length - 1] : undefined;
      // autocannon times a response from entry.startTime: start the clock when it was due.
      if (entry && behind && late > 0) entry.startTime = hrtimeMinus(entry.startTime, late);
    };
    client._doRequest = () => {
      const slot = due;
      due += intervalMs;
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
