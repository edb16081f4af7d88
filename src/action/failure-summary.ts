// The job summary of a run that failed before it had a report: what failed, in words, so the
// summary never stays empty (the annotation alone is easy to miss). Pure.
import { EXIT } from '../errors.ts';
import { escapeInline } from '../report/escape.ts';

const WHAT: Record<number, string> = {
  [EXIT.invalidInput]: 'invalid input, nothing was measured',
  [EXIT.serverOrLoadFailed]: 'the server or the load failed, no results were recorded',
  [EXIT.baselineStore]: 'the baseline store failed',
  [EXIT.interrupted]: 'interrupted',
};

/** Longest message quoted in the summary; the annotation and the log carry the rest. */
const MAX_MESSAGE = 20_000;

/** Markdown for the job summary of a failed run: a headline and the message, verbatim. */
export function renderFailureSummary(message: string, exitCode: number, title?: string): string {
  const what = WHAT[exitCode] ?? 'an internal error';
  const name = title ? ` (${escapeInline(title)})` : '';
  const text = message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}\n…` : message;
  // The message may quote the server's output: a fence longer than any run of tildes in it.
  const longest = Math.max(2, ...[...text.matchAll(/~+/g)].map((m) => m[0].length));
  const fence = '~'.repeat(longest + 1);
  return `### ❌ perfgate${name}: the run failed (${what}, exit ${exitCode})\n\n${fence}text\n${text}\n${fence}\n`;
}
