/** The overall verdict of a gate run, as the action's `verdict` output. */
export type GateVerdict =
  'pass' | 'regression' | 'inconclusive' | 'broken' | 'no-baseline' | 'not-compared';
