import { z } from 'zod';

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parses "500ms", "10s", "2m", "1h" into milliseconds; undefined when the text is not a duration. */
export function parseDurationMs(text: string): number | undefined {
  const m = DURATION.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * (UNIT_MS[m[2] as string] as number);
}

/** A duration written as "10s" / "500ms" / "2m" / "1h", or a number of seconds; parsed to milliseconds. */
export const duration = z
  .union([z.string(), z.number()])
  .transform((v, ctx) => {
    const ms = typeof v === 'number' ? v * 1000 : parseDurationMs(v);
    if (ms === undefined || !Number.isFinite(ms) || ms <= 0) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected a positive duration such as "500ms", "10s" or "2m" (a bare number is seconds)',
        input: v,
      });
      return z.NEVER;
    }
    return ms;
  })
  .meta({
    description: 'A duration: "500ms", "10s", "2m", "1h", or a number of seconds.',
    examples: ['10s'],
  });

const PERCENT = /^(\d+(?:\.\d+)?)\s*%$/;

/** A percentage written as "3%" or a bare number of percent; parsed to a fraction (0.03). */
export const percent = z
  .union([z.string(), z.number()])
  .transform((v, ctx) => {
    const m = typeof v === 'number' ? [String(v), String(v)] : PERCENT.exec(v.trim());
    const pct = m ? Number(m[1]) : NaN;
    if (!Number.isFinite(pct) || pct < 0 || pct > 1000) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected a percentage such as "3%" (a bare number is read as percent)',
        input: v,
      });
      return z.NEVER;
    }
    return pct / 100;
  })
  .meta({ description: 'A percentage: "3%" or a bare number of percent.', examples: ['3%'] });
