// The statistics module: pure estimators, tests and multiple-comparison control.

export * from './descriptive.ts';
export * from './change.ts';
export * from './welch.ts';
export * from './paired.ts';
export * from './trimmed.ts';
export * from './session.ts';
export * from './rank.ts';
export * from './exact-distributions.ts';
export * from './mann-whitney.ts';
export * from './signed-rank.ts';
export * from './hodges-lehmann.ts';
export * from './rank-change.ts';
export * from './sign-test.ts';
export * from './adjust.ts';
export * from './power.ts';
export * from './random.ts';
