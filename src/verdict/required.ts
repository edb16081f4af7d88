import type { GatedMetric } from '../config/resolve.ts';

// Which gated metrics a pass must decide. Every gated metric fails the gate on a regression;
// only these must also be shown to be within tolerance for the headline to be a pass. The
// others inform: p99 and peak memory are several times noisier per run than CPU time per
// request or throughput (statistics.md, "A pass that is earned"), so waiting for them would keep
// identical code yellow on most pull requests, while a real regression in them still fails.

/** Metrics a pass must decide unless `gate.required` says otherwise. */
export const DEFAULT_REQUIRED: readonly GatedMetric[] = ['cpu', 'errors'];
