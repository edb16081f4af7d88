// The server lifecycle: start, wait until ready, measure, stop the whole process tree.
export { startServer, type StartServerOptions } from './start-server.ts';
export {
  killRecordedServers,
  runningServerPids,
  setPidFile,
  stopAllServers,
  writePidFile,
} from './cleanup-registry.ts';
export { ServerError, type RunningServer, type ServerUsage } from './types.ts';
