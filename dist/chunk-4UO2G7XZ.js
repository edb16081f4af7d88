import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  DEFAULT_SHARD_DIR,
  MERGE_HELP,
  SHARD_HELP,
  mergeCommand,
  shardDirOf,
  shardOption
} from "./chunk-7NWTJU5X.js";
import "./chunk-2I6D2ZEQ.js";
import "./chunk-HZITANVW.js";
import "./chunk-MTIT6BJH.js";
import "./chunk-JH2EDU2G.js";
import "./chunk-BWD5U3XV.js";
import "./chunk-CNBCTPVM.js";
import "./chunk-WOBJ45C6.js";
import "./chunk-BTYISYYG.js";
import "./chunk-CTVEXGLJ.js";
import "./chunk-JXTNE4UR.js";
import "./chunk-M4UYDDKJ.js";
import "./chunk-5MSJA75B.js";
import "./chunk-NM4ZIQ3O.js";
import "./chunk-F6FNT3HE.js";
export {
  DEFAULT_SHARD_DIR,
  MERGE_HELP,
  SHARD_HELP,
  mergeCommand,
  shardDirOf,
  shardOption
};
