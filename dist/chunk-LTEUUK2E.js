import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  DEFAULT_SHARD_DIR,
  MERGE_HELP,
  SHARD_HELP,
  mergeCommand,
  shardDirOf,
  shardOption
} from "./chunk-YAVZEWNQ.js";
import "./chunk-4HBXFOIQ.js";
import "./chunk-Z6TFQKIC.js";
import "./chunk-ZCGUJXBI.js";
import "./chunk-JH2EDU2G.js";
import "./chunk-BWD5U3XV.js";
import "./chunk-CNBCTPVM.js";
import "./chunk-WOBJ45C6.js";
import "./chunk-4NXYOPSS.js";
import "./chunk-FJILNMJ2.js";
import "./chunk-2KJR2FFT.js";
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
