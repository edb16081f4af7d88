import { escapeCell, escapeInline } from './escape.ts';
import { stripControl } from './metric-format.ts';

// The two outputs of a comparison share their structure and differ in decoration: GitHub
// markdown (escaped names, alerts, collapsible sections) or plain terminal text (control
// characters removed, no HTML). Pure.

/** How text from configs and records is made safe, and how blocks are decorated. */
export interface Flavor {
  markdown: boolean;
  /** Text inside a paragraph or heading. */
  inline(text: string): string;
  /** Text inside a table cell. */
  cell(text: string): string;
  /** A heading of the given level (markdown) or an underlined line (text). */
  heading(level: number, text: string): string;
  /** A block of warnings or notices. */
  alert(kind: 'warning' | 'note', paragraphs: string[]): string;
  /** A collapsible section (markdown) or a titled block (text). */
  collapsible(summary: string): { open: string; close: string };
  /** Emphasis. */
  strong(text: string): string;
}

/** GitHub-flavoured markdown: every name escaped so it cannot break a table or inject HTML. */
export const MARKDOWN: Flavor = {
  markdown: true,
  inline: escapeInline,
  cell: escapeCell,
  heading: (level, text) => `${'#'.repeat(level)} ${text}`,
  alert: (kind, paragraphs) =>
    [
      `> [!${kind.toUpperCase()}]`,
      ...paragraphs.flatMap((p, i) => (i === 0 ? [`> ${p}`] : ['>', `> ${p}`])),
    ].join('\n'),
  collapsible: (summary) => ({
    open: `<details><summary>${summary}</summary>\n`,
    close: '</details>',
  }),
  strong: (text) => `**${text}**`,
};

/** Plain text for a terminal: no markup, control characters removed. */
export const TEXT: Flavor = {
  markdown: false,
  inline: stripControl,
  cell: (text) => stripControl(text),
  heading: (level, text) =>
    level <= 3
      ? `${text}\n${'='.repeat(Math.min(80, [...text].length))}`
      : `${text}\n${'-'.repeat(Math.min(80, [...text].length))}`,
  alert: (kind, paragraphs) =>
    paragraphs.map((p) => `${kind === 'warning' ? 'WARNING' : 'note'}: ${p}`).join('\n'),
  collapsible: (summary) => ({ open: `${summary}\n`, close: '' }),
  strong: (text) => text,
};
