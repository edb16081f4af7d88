// Text from configs and servers ends up in markdown that GitHub renders: escape it so a name
// cannot break a table, inject HTML, or mention a user. Pure.

const MD_SPECIAL = /[\\`*_{}[\]()#+!|<>~]/g;

/** Escapes text for a markdown table cell: no HTML, no pipes, no line breaks, no @mentions. */
export function escapeCell(text: string): string {
  return escapeInline(text).replace(/\r?\n|\r/g, ' ');
}

/** Escapes text for inline markdown: markdown syntax, HTML, entities, @mentions and bare URLs are neutralised. */
export function escapeInline(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(MD_SPECIAL, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`))
      .replace(/@(?=[A-Za-z0-9])/g, '@\u200b')
      // GitHub autolinks bare URLs: a zero-width space keeps a name's URL plain text.
      .replace(/\b(https?):\/\//gi, '$1:\u200b//')
      .replace(/\bwww\./gi, 'www\u200b.')
  );
}
