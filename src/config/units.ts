import { z } from 'zod';

// One or more parts, largest unit first as people write them: "1m30s", "1h 5m", "2.5s".
const DURATION = /^(?:\d+(?:\.\d+)?\s*(?:ms|s|m|h)\s*)+$/;
const DURATION_PART = /(\d+(?:\.\d+)?)\s*(ms|s|m|h)/g;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** What a duration looks like; the tail of every message about a bad duration. */
export const DURATION_EXPECTED =
  'expected a positive duration such as "500ms", "10s" or "2m" (or compound, "1m30s"; a bare number is seconds)';

/** What a percentage looks like; the tail of every message about a bad percentage. */
export const PERCENT_EXPECTED = 'expected a percentage such as "3%"';

/** Parses "500ms", "10s", "2m", "1h", "1m30s" into milliseconds; undefined when the text is not a duration. */
export function parseDurationMs(text: string): number | undefined {
  const t = text.trim();
  if (!DURATION.test(t)) return undefined;
  let ms = 0;
  for (const m of t.matchAll(DURATION_PART))
    ms += Number(m[1]) * (UNIT_MS[m[2] as string] as number);
  return ms;
}

/** A duration written as "10s" / "500ms" / "2m" / "1h", or a number of seconds; parsed to milliseconds. */
export const duration = z
  .union(
    [
      // The pattern is published in the JSON Schema so editors flag "10 seconds" as you type.
      z.string().regex(/^\s*(\d+(\.\d+)?\s*(ms|s|m|h)\s*)+$/, DURATION_EXPECTED),
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
    description:
      'A duration: "500ms", "10s", "2m", "1h", compound as "1m30s", or a number of seconds.',
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

const SIZE = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|KiB|MiB|GiB)$/i;
const UNIT_BYTES: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};
const SIZE_EXPECTED = 'expected a memory size such as "256MB" or "1GiB"';

/** A memory size written as "256MB", "512MiB" or "1GB"; parsed to bytes. */
export const size = z
  .string()
  .regex(/^\s*\d+(\.\d+)?\s*(B|KB|MB|GB|KiB|MiB|GiB)\s*$/i, SIZE_EXPECTED)
  .transform((v, ctx) => {
    const m = SIZE.exec(v.trim());
    const bytes = m ? Number(m[1]) * (UNIT_BYTES[(m[2] as string).toLowerCase()] as number) : NaN;
    if (!Number.isFinite(bytes) || bytes <= 0) {
      ctx.addIssue({ code: 'custom', message: SIZE_EXPECTED, input: v });
      return z.NEVER;
    }
    return bytes;
  })
  .meta({
    id: 'size',
    description: 'A memory size: "256MB", "512MiB", "1GB".',
    examples: ['256MB'],
  });
