import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  DEFAULT_SHARD_DIR,
  MERGE_HELP,
  SHARD_HELP,
  mergeCommand,
  shardDirOf,
  shardOption
} from "./chunk-QGLLTACS.js";
import "./chunk-TPX6UJ5O.js";
import "./chunk-OJONIJSD.js";
import "./chunk-DCBFKIYJ.js";
import "./chunk-JH2EDU2G.js";
import "./chunk-BWD5U3XV.js";
import "./chunk-CNBCTPVM.js";
import "./chunk-WOBJ45C6.js";
import "./chunk-WITXLKHK.js";
import "./chunk-OJIBLLB5.js";
import "./chunk-RF7JATQS.js";
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
