import { z } from 'zod';

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** What a duration looks like; the tail of every message about a bad duration. */
export const DURATION_EXPECTED =
  'expected a positive duration such as "500ms", "10s" or "2m" (a bare number is seconds)';

/** What a percentage looks like; the tail of every message about a bad percentage. */
export const PERCENT_EXPECTED = 'expected a percentage such as "3%"';

/** Parses "500ms", "10s", "2m", "1h" into milliseconds; undefined when the text is not a duration. */
export function parseDurationMs(text: string): number | undefined {
  const m = DURATION.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * (UNIT_MS[m[2] as string] as number);
}

/** A duration written as "10s" / "500ms" / "2m" / "1h", or a number of seconds; parsed to milliseconds. */
export const duration = z
  .union(
    [
      // The pattern is published in the JSON Schema so editors flag "10 seconds" as you type.
      z.string().regex(/^\s*\d+(\.\d+)?\s*(ms|s|m|h)\s*$/, DURATION_EXPECTED),
      z.number().positive(DURATION_EXPECTED),
    ],
    { error: DURATION_EXPECTED },
  )
  .transform((v, ctx) => {
    const ms = typeof v === 'number' ? v * 1000 : parseDurationMs(v);
    if (ms === undefined || !Number.isFinite(ms) || ms <= 0) {
      ctx.addIssue({ code: 'custom', message: DURATION_EXPECTED, input: v });
      return z.NEVER;
    }
    return ms;
  })
  .meta({
    id: 'duration',
    description: 'A duration: "500ms", "10s", "2m", "1h", or a number of seconds.',
    examples: ['10s'],
  });

const PERCENT = /^(\d+(?:\.\d+)?)\s*%$/;

/** Parses "3%" (or a bare number of percent) into a fraction (0.03); undefined when it is not one. */
export function parsePercent(value: string | number): number | undefined {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const m = typeof value === 'number' ? [text, text] : PERCENT.exec(text);
  const pct = m ? Number(m[1]) : NaN;
  if (!Number.isFinite(pct) || pct < 0 || pct > 1000) return undefined;
  return pct / 100;
}

/** A percentage written as "3%" or a bare number of percent; parsed to a fraction (0.03). */
export const percent = z
  .union(
    [
      z.string().regex(/^\s*\d+(\.\d+)?\s*%\s*$/, PERCENT_EXPECTED),
      z.number().min(0, PERCENT_EXPECTED).max(1000, PERCENT_EXPECTED),
    ],
    { error: PERCENT_EXPECTED },
  )
  .transform((v, ctx) => {
    const fraction = parsePercent(v);
    if (fraction === undefined) {
      ctx.addIssue({ code: 'custom', message: PERCENT_EXPECTED, input: v });
      return z.NEVER;
    }
    return fraction;
  })
  .meta({
    id: 'percent',
    description: 'A percentage: "3%" or a bare number of percent.',
    examples: ['3%'],
  });
