// The report module: comparisons and records as markdown or text. Pure.

export * from './comparison-report.ts';
export * from './comparison-raw.ts';
export * from './comparison-flavor.ts';
export * from './metric-format.ts';
export * from './escape.ts';
export * from './format.ts';
export * from './summary-table.ts';
