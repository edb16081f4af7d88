// The error for a server that failed (never became ready, or exited while being measured): the
// message names the log file, and quotes its last lines or says that the server printed nothing.
import { ServerError } from './types.ts';

/** Lines of the server's output quoted in the message. */
const TAIL_LINES = 30;

/** What serverFailure() reads of the server. */
export interface LoggedServer {
  readonly logFile: string;
  logTail(lines?: number): string;
}

/** A ServerError saying `message`, followed by the server's last lines and its log's path. */
export function serverFailure(message: string, server: LoggedServer): ServerError {
  const tail = server.logTail(TAIL_LINES);
  return new ServerError(
    tail.trim() === ''
      ? `${message}\n(the server printed nothing; log: ${server.logFile})`
      : `${message}\n--- last lines of ${server.logFile} ---\n${tail}`,
    tail,
  );
}
