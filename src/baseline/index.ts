// Baselines: where they live, how they are chosen, and when a run records or compares.
export * from './store.ts';
export * from './record-file.ts';
export * from './migrate.ts';
export * from './directory-store.ts';
export * from './git-branch-store.ts';
export * from './mode.ts';
export * from './missing.ts';
export { DEFAULT_RETENTION, selectForRemoval } from './retention.ts';
export { describeMachineShort } from './select.ts';
