import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  getState,
  info,
  warning
} from "./chunk-R2LUSOH6.js";
import "./chunk-254EQJA2.js";
import {
  killRecordedServers
} from "./chunk-ATV5KR2B.js";
import "./chunk-F6FNT3HE.js";

// src/post.ts
try {
  const file = getState("pid-file");
  if (file) {
    const killed = await killRecordedServers(file);
    if (killed > 0)
      info(`perfgate: stopped ${killed} server process group(s) or process(es) left running`);
  }
} catch (err) {
  warning(`perfgate post step: ${err instanceof Error ? err.message : String(err)}`);
}
