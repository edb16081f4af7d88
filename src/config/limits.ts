// Bounds on what perfgate reads, so that a hostile or broken file gives a short, clear error
// (exit 2) instead of a crash, a hang or megabytes of output.

/** Largest config file read, in bytes. A real perfgate.yml is a few kilobytes. */
export const MAX_CONFIG_BYTES = 1024 * 1024;
/** Largest results or baseline record read, in bytes (1,000 runs of 50 workloads fit easily). */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;
/** Most YAML alias uses expanded in one document (the `yaml` package's own default). */
export const MAX_YAML_ALIASES = 100;
/** Deepest nesting of lists and mappings in a config (perfgate's own schema needs about 6). */
export const MAX_CONFIG_DEPTH = 64;
/** Most problems listed in one message; the rest are counted ("and 99,990 more"). */
export const MAX_LISTED_PROBLEMS = 20;
/** Longest value echoed in a message, in characters; longer ones are cut with an ellipsis. */
export const MAX_ECHOED_CHARS = 60;
/** Longest single problem line, in characters. */
export const MAX_PROBLEM_LINE = 400;

/** `text` cut to `max` characters with an ellipsis, for messages. */
export function cut(text: string, max = MAX_ECHOED_CHARS): string {
  return text.length > max ? `${text.slice(0, max - 1)}\u2026` : text;
}

/** 1048576 -> "1 MiB", for messages. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Number((n / 1024 / 1024).toFixed(1))} MiB`;
  if (n >= 1024) return `${Number((n / 1024).toFixed(1))} KiB`;
  return `${n} bytes`;
}

/** The deepest nesting of arrays and objects in `value` (0 for a scalar), found without recursion. */
export function nestingDepth(value: unknown, stopAt = Infinity): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    if (d + 1 > max) max = d + 1;
    if (max > stopAt) return max;
    for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}

/** The first control character (C0, DEL) in `text` as "U+0000", or null. Tab allowed if `tab`. */
export function controlCharIn(text: string, tab = false): string | null {
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if ((c < 0x20 && !(tab && c === 9)) || c === 0x7f) {
      return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
    }
  }
  return null;
}

/**
 * Why `name` is not a valid git branch name, by the rules of `git check-ref-format --branch`
 * (git-check-ref-format(1)), or null when it is valid.
 */
export function refNameProblem(name: string): string | null {
  const bad = controlCharIn(name);
  if (bad) return `contains the control character ${bad}`;
  if (name === '' || name === '@') return 'is not a branch name';
  if (name.startsWith('-')) return 'starts with "-"';
  const forbidden = /[ ~^:?*[\\]/.exec(name);
  if (forbidden) return `contains ${JSON.stringify(forbidden[0])}`;
  if (name.includes('..')) return 'contains ".."';
  if (name.includes('@{')) return 'contains "@{"';
  if (name.startsWith('/') || name.endsWith('/') || name.includes('//'))
    return 'has an empty path component (a leading, trailing or double "/")';
  if (name.endsWith('.')) return 'ends with "."';
  for (const part of name.split('/')) {
    if (part.startsWith('.')) return `has a component starting with "." (${cut(part, 30)})`;
    if (part.endsWith('.lock')) return `has a component ending with ".lock" (${cut(part, 30)})`;
  }
  return null;
}
