import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  DEFAULT_SHARD_DIR,
  MERGE_HELP,
  SHARD_HELP,
  mergeCommand,
  shardDirOf,
  shardOption
} from "./chunk-SEA35ZFY.js";
import "./chunk-QR5NDSCT.js";
import "./chunk-4JZA7IWT.js";
import "./chunk-6VVA2RT3.js";
import "./chunk-AKVCBQRS.js";
import "./chunk-BWD5U3XV.js";
import "./chunk-CNBCTPVM.js";
import "./chunk-WOBJ45C6.js";
import "./chunk-AG5LSU3N.js";
import "./chunk-FWOG4WWT.js";
import "./chunk-GP4MGZKY.js";
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
