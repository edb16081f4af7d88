import { createActionDeps } from './action/deps.ts';
import { runAction } from './main.ts';

await runAction(createActionDeps());
