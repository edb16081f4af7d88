// The verdict module: thresholds + statistics -> per-metric verdicts. Pure: no I/O.

export * from './comparison-schema.ts';
export { compareRecords, describeThreshold } from './compare.ts';
export type { JudgeOptions } from './compare.ts';
export {
  TEST_REQUESTS,
  PAIRED_TESTS,
  describeTest,
  findOutliers,
  testForDesign,
} from './choose-test.ts';
export type { TestRequest } from './choose-test.ts';
export { METRICS, metricDef } from './metrics.ts';
export type { MetricDef } from './metrics.ts';
export { describeChange, describeTolerance } from './metric-verdict.ts';
export {
  judgeSampling,
  createSamplingJudge,
  createPairedSamplingJudge,
  plannedLooks,
  gatedFamilySize,
  lookCounts,
  spentAlpha,
  spentBefore,
  finalAlpha,
} from './sampling.ts';
export { DEFAULT_REQUIRED } from './required.ts';
export { REQUIRED_WEIGHT, alphaShare, gatedFamily, shapeOf } from './family-weights.ts';
export type { FamilyShape } from './family-weights.ts';
export type { SamplingOptions } from './sampling.ts';
export { workloadThresholds, configDifferences } from './record-config.ts';
export { findBreakage, DEFAULT_MAX_ERROR_RATE } from './breakage.ts';
export type { Breakage, BrokenWorkload } from './breakage.ts';
