import { performance } from 'node:perf_hooks';
import { paceClient } from './paced-client.ts';
import type { RateDelivery } from './types.ts';

// The open model: requests sent on a fixed schedule, whatever the latency, and latency measured
// from when each request was due rather than from when it went out (wrk2's approach to
// coordinated omission). autocannon's own `overallRate` is not used: it lets each connection
// send its whole share of a second back to back at the start of the second, and its latency
// correction passes Math.ceil(1 / rate), always 1 ms, as the expected interval.

/** Paces an autocannon run and counts what it delivered. */
export interface OpenModelPacer {
  /** autocannon's `setupClient` hook (see openModelPacer). */
  setupClient: (client: unknown) => void;
  /**
   * Requests due and sent from the start until `now` (performance.now()); `limit` caps what is
   * due in a run bounded by a request count.
   */
  delivery(now: number, limit?: number): Omit<RateDelivery, 'minShare'>;
}

/**
 * Paces each connection of an autocannon run to `rate / connections` requests per second,
 * connections staggered so the sends are spread evenly. A connection that falls behind (a slow
 * response) sends at once, and the time the request waited counts in its latency; the requests
 * it could not send on time show as `dropped` in the delivery.
 */
export function openModelPacer(rate: number, connections: number): OpenModelPacer {
  const intervalMs = (1000 * connections) / rate;
  const start = performance.now();
  let index = 0;
  let sent = 0;
  const setupClient = (raw: unknown) => {
    let due = start + (index++ * intervalMs) / connections;
    const nextSlot = () => {
      const slot = due;
      due += intervalMs;
      return slot;
    };
    paceClient(raw, nextSlot, () => sent++);
  };
  const delivery = (now: number, limit = Infinity): Omit<RateDelivery, 'minShare'> => {
    const elapsedMs = Math.max(1, now - start);
    // Connection k's slots fall at start + k * interval / connections + j * interval.
    let due = 0;
    for (let k = 0; k < connections; k++) {
      const first = (k * intervalMs) / connections;
      if (elapsedMs >= first) due += Math.floor((elapsedMs - first) / intervalMs) + 1;
    }
    due = Math.min(due, limit);
    return {
      target: rate,
      achieved: (sent * 1000) / elapsedMs,
      due,
      dropped: Math.max(0, due - sent),
    };
  };
  return { setupClient, delivery };
}
