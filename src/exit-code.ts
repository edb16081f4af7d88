import { BaselineStoreError } from './baseline/store.ts';
import { BaseBuildError, EXIT, InputError } from './errors.ts';
import { LoadError } from './load/types.ts';
import { ServerError } from './server/types.ts';

// Kept apart from errors.ts, which every folder imports: this file knows the error classes of
// server/, load/ and baseline/, so only the code above them (gate/, cli/, action/) imports it.

/** Maps any thrown value to the documented exit code. */
export function exitCodeFor(err: unknown): number {
  if (err instanceof BaseBuildError) return exitCodeFor(err.reason);
  if (err instanceof InputError) return EXIT.invalidInput;
  if (err instanceof ServerError || err instanceof LoadError) return EXIT.serverOrLoadFailed;
  if (err instanceof BaselineStoreError) return EXIT.baselineStore;
  if (err instanceof Error && err.name === 'AbortError') return EXIT.interrupted;
  return EXIT.internal;
}

/** A message for the user from any thrown value, with the server log tail when there is one. */
export function describeError(err: unknown): string {
  if (err instanceof BaseBuildError) return describeError(err.reason);
  if (err instanceof ServerError) {
    const tail = err.logTail.trim();
    // startServer() quotes the tail itself (with the log file's path); an empty tail may mean
    // the server never started (port in use, bad cwd), so nothing is added then.
    if (tail === '' || err.message.includes(tail)) return err.message;
    return `${err.message}\n--- last lines of the server output ---\n${tail}`;
  }
  if (err instanceof Error) return err.message;
  return String(err);
}
