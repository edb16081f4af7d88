import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  DEFAULT_SHARD_DIR,
  MERGE_HELP,
  SHARD_HELP,
  mergeCommand,
  shardDirOf,
  shardOption
} from "./chunk-ZAD67LXN.js";
import "./chunk-DFGDDXVM.js";
import "./chunk-IR43J56C.js";
import "./chunk-KJU366MC.js";
import "./chunk-JH2EDU2G.js";
import "./chunk-BWD5U3XV.js";
import "./chunk-CNBCTPVM.js";
import "./chunk-WOBJ45C6.js";
import "./chunk-O5S4SEA6.js";
import "./chunk-HFY63SWV.js";
import "./chunk-WWMKWDSE.js";
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
