import type { ResultsRecord } from '../record/record.ts';
import type { Comparison } from '../verdict/comparison-schema.ts';
import { toBenchmarkAction } from './benchmark-action.ts';
import { toBmf } from './bmf.ts';
import { toJunit } from './junit.ts';

// The formats a results record can be converted to for the tools users already run. Pure.

/** Export formats, by the name `--format` takes. */
export const EXPORT_FORMATS = [
  'junit',
  'bmf',
  'benchmark-action-bigger',
  'benchmark-action-smaller',
] as const;

/** One export format. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The record (and comparison, for JUnit) in an export format, as the text to write. */
export function renderExport(
  format: ExportFormat,
  record: ResultsRecord,
  comparison: Comparison | null,
  options: { hostname?: string } = {},
): string {
  switch (format) {
    case 'junit':
      return toJunit(record, comparison, options);
    case 'bmf':
      return `${JSON.stringify(toBmf(record), null, 2)}\n`;
    case 'benchmark-action-bigger':
      return `${JSON.stringify(toBenchmarkAction(record, 'bigger'), null, 2)}\n`;
    case 'benchmark-action-smaller':
      return `${JSON.stringify(toBenchmarkAction(record, 'smaller'), null, 2)}\n`;
  }
}

export { toBenchmarkAction, toBmf, toJunit };
