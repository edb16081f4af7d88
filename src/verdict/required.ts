import { GATE_DEFAULTS } from '../config/gate-schema.ts';
import type { GatedMetric } from '../config/resolve.ts';

// Which gated metrics a pass must decide. Every gated metric fails the gate on a regression;
// only these must also be shown to be within tolerance for the headline to be a pass. The
// others inform. Server CPU time per request is the steadiest measure of the work a request
// costs (per-pair sd ~2.5-3% here); throughput and latency swing with whatever else runs on the
// machine (a noisy neighbour makes single pairs 30-50% slower), p99 and peak memory are several
// times noisier still (statistics.md, "A pass that is earned"). Waiting for them would keep
// identical code yellow on most pull requests, while a real regression in them still fails.

/** Metrics a pass must decide unless `gate.required` says otherwise (gate-schema's default). */
export const DEFAULT_REQUIRED: readonly GatedMetric[] = GATE_DEFAULTS.required;
