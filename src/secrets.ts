// Values that must never be shown: everything a config takes from the environment with
// {{env.NAME}}. They are registered once, when the config is loaded, and masked in every text
// perfgate writes (terminal, reports, comments, results files), as GitHub Actions masks its
// secrets in logs. A process-wide set, like the runner's own mask list: every writer in the
// process must see the same values.

/** Shorter values are not masked: masking "1" or "on" would blank out ordinary numbers and words. */
export const MIN_MASKED_LENGTH = 4;

/** What a masked value is replaced with. */
export const MASK = '***';

const secrets = new Set<string>();

/** Adds values to mask from now on; values shorter than MIN_MASKED_LENGTH are ignored. */
export function addSecrets(values: Iterable<string>): void {
  for (const v of values) if (v.length >= MIN_MASKED_LENGTH) secrets.add(v);
}

/** The text with every registered value replaced by `***` (longest first, so no tail of one is left). */
export function maskSecrets(text: string): string {
  if (secrets.size === 0) return text;
  let out = text;
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join(MASK);
  return out;
}

/** The values registered so far (for the action, which hands them to the runner's masking). */
export function registeredSecrets(): string[] {
  return [...secrets];
}
