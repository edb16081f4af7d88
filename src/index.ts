import { createActionDeps } from './action/deps.ts';
import { runAction } from './main.ts';

// core.setFailed sets exit code 1; the documented codes (2 invalid input, 3 server or load
// failed, 5 baseline store) tell a workflow what went wrong.
const result = await runAction(createActionDeps());
if (result.exitCode !== 0) process.exitCode = result.exitCode;
