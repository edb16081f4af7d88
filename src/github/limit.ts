// Fits a PR comment into GitHub's size limit. GitHub refuses comment bodies longer than 65,536
// characters with a 422 (the OpenAPI description does not say so). Lengths here are UTF-16
// code units (JavaScript's `length`), never fewer than the characters GitHub counts, so a body
// that fits here fits there.

/** GitHub's maximum comment length in characters. */
export const GITHUB_COMMENT_LIMIT = 65536;

/** Said where raw data was cut. */
export const TRIM_NOTE =
  "_Raw data trimmed to fit GitHub's 65,536-character limit; the full data is in the job summary / results artifact._";

/** A section that may be shortened line by line, or dropped, to make the comment fit. */
export interface TrimmableSection {
  trimmable: true;
  /** Opening lines, e.g. `<details><summary>Raw data</summary>\n\n```text`. */
  open: string;
  /** The content, kept from the start for as long as it fits. */
  lines: string[];
  /** Closing lines, e.g. "```\n</details>". */
  close: string;
}

/** A comment section: fixed markdown, or a trimmable block. */
export type CommentSection = string | TrimmableSection;

/** The assembled comment. */
export interface FittedComment {
  body: string;
  /** True when something was shortened or dropped (the body then carries TRIM_NOTE). */
  trimmed: boolean;
}

const SEPARATOR = '\n\n';

function renderTrimmable(section: TrimmableSection, keep: number): string {
  return [section.open, ...section.lines.slice(0, keep), section.close].join('\n');
}

/** Cuts to at most `max` code units without splitting a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(max, 0);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return text.slice(0, end);
}

/**
 * Joins the sections with blank lines; if that is longer than `limit`, keeps as many leading
 * lines of the trimmable sections as fit (dropping them if even their frame does not) and adds
 * TRIM_NOTE after them. As a last resort the whole text is cut. The body is always ≤ limit.
 */
export function fitComment(
  sections: CommentSection[],
  limit = GITHUB_COMMENT_LIMIT,
): FittedComment {
  const full = sections
    .map((s) => (typeof s === 'string' ? s : renderTrimmable(s, s.lines.length)))
    .join(SEPARATOR);
  if (full.length <= limit) return { body: full, trimmed: false };

  const lastTrimmable = sections.findLastIndex((s) => typeof s !== 'string');
  const noteAt = lastTrimmable === -1 ? sections.length - 1 : lastTrimmable;
  const keep = sections.map(() => 0);
  const assemble = (include: boolean[]) => {
    const parts: string[] = [];
    sections.forEach((s, i) => {
      if (typeof s === 'string') parts.push(s);
      else if (include[i]) parts.push(renderTrimmable(s, keep[i]!));
      if (i === noteAt) parts.push(TRIM_NOTE);
    });
    return parts.join(SEPARATOR);
  };

  // Frames of the trimmable sections with no lines, plus the note.
  const framed = sections.map((s) => typeof s !== 'string');
  let body = assemble(framed);
  if (body.length > limit) {
    body = assemble(sections.map(() => false));
    if (body.length > limit) return { body: lastResort(body, limit), trimmed: true };
    return { body, trimmed: true };
  }

  // Greedily keep leading lines, section by section, while the total stays within the limit.
  let budget = limit - body.length;
  sections.forEach((s, i) => {
    if (typeof s === 'string') return;
    for (const line of s.lines) {
      const cost = line.length + 1;
      if (cost > budget) {
        budget = 0;
        return;
      }
      budget -= cost;
      keep[i]!++;
    }
  });
  return { body: assemble(framed), trimmed: true };
}

/** Cuts a text that is too long even without raw data, keeping the note at the end. */
function lastResort(text: string, limit: number): string {
  const tail = `\n\n${TRIM_NOTE}`;
  if (tail.length >= limit) return cut(TRIM_NOTE, limit);
  return cut(text.replace(`${SEPARATOR}${TRIM_NOTE}`, ''), limit - tail.length) + tail;
}

/** GitHub's limit for one step's job summary, in bytes. */
export const GITHUB_SUMMARY_LIMIT = 1024 * 1024;

/** Said where a job summary was cut. */
export const SUMMARY_CUT_NOTE =
  "_The rest of this report was cut to fit GitHub's 1 MiB job summary limit; the full report and data are in the `report` and `results` files._";

/**
 * Fits a job summary into `limitBytes` of UTF-8: cuts it at a line end, closes a code fence
 * and `<details>` blocks left open, and says so. Unchanged when it fits.
 */
export function fitSummary(markdown: string, limitBytes = GITHUB_SUMMARY_LIMIT): string {
  if (Buffer.byteLength(markdown, 'utf8') <= limitBytes) return markdown;
  const reserve = Buffer.byteLength(SUMMARY_CUT_NOTE, 'utf8') + 64;
  const bytes = Buffer.from(markdown, 'utf8').subarray(0, Math.max(0, limitBytes - reserve));
  let text = bytes.toString('utf8');
  text = text.slice(0, Math.max(0, text.lastIndexOf('\n'))).replace(/\uFFFD$/, '');
  const closers: string[] = [];
  if ((text.match(/^```/gm)?.length ?? 0) % 2 === 1) closers.push('```');
  const open = (text.match(/<details>/g)?.length ?? 0) - (text.match(/<\/details>/g)?.length ?? 0);
  for (let i = 0; i < open; i++) closers.push('</details>');
  return `${[text, ...closers].join('\n')}\n\n${SUMMARY_CUT_NOTE}\n`;
}
