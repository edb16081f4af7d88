// Appends a server's stdout and stderr to its log file and keeps the last lines in memory.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/** Lines kept in memory for logTail(); older ones are only in the log file. */
const KEPT_LINES = 500;
/** Characters of recent output searched by waitForText() while it waits; longest kept line. */
const SEARCH_WINDOW = 64 * 1024;

/** Output of one server: written through to a file, last lines kept, text can be awaited. */
export class LogCapture {
  private readonly fd: number;
  private closed = false;
  private openStreams = 0;
  private readonly lines: string[] = [];
  private partial = '';
  private recent = '';
  private readonly watchers: { text: string; resolve: () => void }[] = [];

  constructor(readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.fd = openSync(file, 'a');
  }

  /** Captures `stream` until it ends; the file is closed when every attached stream has ended. */
  attach(stream: Readable | null): void {
    if (!stream) return;
    this.openStreams++;
    // One decoder per stream, so a multi-byte character split across chunks stays whole.
    const decoder = new StringDecoder('utf8');
    stream.on('data', (chunk: Buffer) => this.append(chunk, decoder.write(chunk)));
    stream.on('close', () => {
      if (--this.openStreams === 0) this.close();
    });
  }

  /**
   * Adds a line of perfgate's own to the log file, e.g. why the server was stopped. It is not
   * part of tail(), which holds only what the server printed.
   */
  note(line: string): void {
    if (this.closed) return;
    try {
      writeSync(this.fd, `[perfgate] ${line}\n`);
    } catch {
      // Best effort, like the output itself.
    }
  }

  /** Resolves when `text` appears in the output; at once if the kept lines hold it already. */
  waitForText(text: string): Promise<void> {
    if (this.tail(KEPT_LINES).includes(text)) return Promise.resolve();
    return new Promise((resolve) => this.watchers.push({ text, resolve }));
  }

  /** The last `count` lines of output, including an unterminated last line. */
  tail(count = 20): string {
    const all = this.partial === '' ? this.lines : [...this.lines, this.partial];
    return all.slice(-count).join('\n');
  }

  /** Closes the file now (done on its own once the streams end); later output stays in memory. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }

  private append(bytes: Buffer, text: string): void {
    if (!this.closed) {
      try {
        writeSync(this.fd, bytes);
      } catch {
        // A full disk must not end the run; the in-memory tail still has the output.
      }
    }
    const parts = (this.partial + text).split('\n');
    // A line without end (a progress bar redrawn with \r) is capped, not kept whole.
    this.partial = (parts.pop() ?? '').slice(-SEARCH_WINDOW);
    for (const line of parts) this.lines.push(line.replace(/\r$/, ''));
    if (this.lines.length > KEPT_LINES) this.lines.splice(0, this.lines.length - KEPT_LINES);
    // The search window is kept only while someone waits: a chatty server under load costs
    // nothing extra once it is ready.
    if (this.watchers.length === 0) {
      this.recent = '';
      return;
    }
    this.recent = (this.recent + text).slice(-SEARCH_WINDOW);
    for (let i = this.watchers.length - 1; i >= 0; i--) {
      const w = this.watchers[i];
      if (w && this.recent.includes(w.text)) {
        this.watchers.splice(i, 1);
        w.resolve();
      }
    }
  }
}
