// Makes a comment body written by untrusted code safe to post with a write token: the fork-safe
// second stage (`perfgate comment`) posts the comment.md that the pull request's own run wrote,
// so the pull request's code could have written anything in it. Only the markup perfgate itself
// writes survives; everything else is shown as text. Pure.

/**
 * The HTML perfgate's own reports use, exactly as it writes it: collapsed sections and line
 * breaks, without attributes (so no `<details open>`, no `style`, no event handlers).
 */
const ALLOWED_TAG = /^<(?:\/?(?:details|summary)|br ?\/?)>/;

/** Tags of the allow-list, for documentation and tests. */
export const ALLOWED_TAGS = ['details', 'summary', 'br'] as const;

/**
 * Neutralises everything in `body` that GitHub would render as more than text, except the
 * allow-listed tags:
 * - every other `<` becomes `&lt;`: no other tag, no attributes, no HTML comment (so no
 *   `<!-- perfgate:config=... -->` marker that could take over another config's comment), no
 *   `<https://...>` autolink;
 * - images go (perfgate writes none): `![alt](url)` becomes `[image removed: alt]` and any
 *   other `![` becomes `!\[`, so no tracking pixel, from any host;
 * - bare URLs (`https://`, `www.`) are broken with a zero-width space, so they are not
 *   autolinked; a markdown link's own target, `](https://...)`, is kept as written;
 * - `@name` mentions and `#123` issue references get a zero-width space: no notification,
 *   no cross-reference in another issue.
 */
export function sanitizeUntrustedMarkdown(body: string): string {
  const text = body
    .replace(/\r\n?/g, '\n')
    .replace(/<(?:\/?(?:details|summary)>|br ?\/?>)?/g, (m) => (ALLOWED_TAG.test(m) ? m : '&lt;'))
    .replace(/!\[([^\]\n]*)\]\([^)\n]*\)/g, (_m, alt: string) => `[image removed: ${alt}]`)
    .replace(/!\[/g, '!\\[');
  // Odd parts are link targets, `](...)`: kept as written; the rest is text.
  return text
    .split(/(\]\([^)\s]*\))/)
    .map((part, i) => (i % 2 === 1 ? part : quietText(part)))
    .join('');
}

/** Breaks autolinks, mentions and issue references in text with a zero-width space. */
function quietText(text: string): string {
  return text
    .replace(/\b(https?):\/\//gi, '$1:\u200b//')
    .replace(/\bwww\./gi, 'www\u200b.')
    .replace(/@(?=[A-Za-z0-9])/g, '@\u200b')
    .replace(/#(?=\d)/g, '#\u200b');
}

/** The first line of a comment posted from an untrusted file: where it came from. */
export function provenanceNote(headSha: string | null): string {
  const at = headSha ? ` at \`${headSha.slice(0, 12)}\`` : '';
  return (
    `> Posted by \`perfgate comment\` from the report that this pull request's own workflow ` +
    `run wrote${at}: the pull request's code ran there, so markup other than perfgate's ` +
    `own was removed.\n`
  );
}
