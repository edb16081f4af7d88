// A separate perfgate-like process for tests of signal handling and cleanup. Run it with
// `node start-server-child.js <spec-json> <mode> [pid-file]` (bundled by __tests__/global-setup.ts).
// It starts the server described by <spec-json> (a ResolvedServer) through src/server and
// prints `ready <leader pid>` on stdout. Modes:
//   wait  keep running until a signal arrives (the cleanup registry's handlers take over)
//   exit  call process.exit(0) at once, leaving the server to the registry's 'exit' handler
// With a pid file, the running servers are recorded there (setPidFile). The server log goes to
// $LOG_FILE, or to a file in the temporary directory.
import os from 'node:os';
import path from 'node:path';
import { setPidFile } from '../../src/server/cleanup-registry.ts';
import { startServer } from '../../src/server/start-server.ts';

const [specJson, mode = 'wait', pidFile] = process.argv.slice(2);
if (!specJson) throw new Error('usage: start-server-child.ts <spec-json> <wait|exit> [pid-file]');
if (pidFile) setPidFile(pidFile);
const logFile = process.env.LOG_FILE ?? path.join(os.tmpdir(), `perfgate-child-${process.pid}.log`);
const server = await startServer(JSON.parse(specJson), { logFile });
process.stdout.write(`ready ${server.pid}\n`);
if (mode === 'exit') process.exit(0);
setInterval(() => {}, 1 << 30);
