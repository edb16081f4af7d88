// How a server's command ended, in words: its exit, and whether it left processes behind.

/** A process the command left running after it exited (it daemonised itself). */
export interface LeftProcess {
  pid: number;
  /** Its command line, cut for messages. */
  command: string;
}

/** How the group leader ended. */
export interface ExitInfo {
  code: number | null;
  signal: string | null;
  /** Set when the command exited but processes it started kept running (a daemon). */
  leftRunning?: { processes: LeftProcess[]; port: number | null };
}

/** "exit code 1" or "killed by SIGKILL", and what it left running, for messages. */
export function describeExit(info: ExitInfo): string {
  const how = info.signal !== null ? `killed by ${info.signal}` : `exit code ${info.code}`;
  const left = info.leftRunning;
  if (!left) return how;
  const n = left.processes.length;
  const which = left.processes
    .slice(0, 3)
    .map((p) => `pid ${p.pid}: ${p.command}`)
    .join('; ');
  const more = n > 3 ? `; and ${n - 3} more` : '';
  const port = left.port !== null ? ` that keep${n === 1 ? 's' : ''} port ${left.port} open` : '';
  return `${how}, but left ${n} process${n === 1 ? '' : 'es'} running in the background${port} (${which}${more})`;
}

/** What to do about an exit, or '' when there is nothing specific to say. */
export function exitHint(info: ExitInfo): string {
  if (info.leftRunning && info.code !== 0) return ' (perfgate stopped the processes it left)';
  if (info.leftRunning) {
    return (
      ' (the command daemonised its server: perfgate must start the server in the foreground ' +
      'to measure and stop it, so run it without --daemon, nohup, setsid or a trailing &; ' +
      'perfgate stopped the processes it left)'
    );
  }
  if (info.code === 0) return ' (the command must keep running in the foreground)';
  if (info.code === 127)
    return ' (the shell did not find the command: check server.command and PATH)';
  return '';
}
