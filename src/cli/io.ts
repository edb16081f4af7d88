/** What a CLI command may touch: its output streams and a cancellation signal. */
export interface CliIO {
  out: { write(text: string): void; isTTY: boolean };
  err: { write(text: string): void; isTTY: boolean };
  signal?: AbortSignal;
}
