import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  DEFAULT_SHARD_DIR,
  MERGE_HELP,
  SHARD_HELP,
  mergeCommand,
  shardDirOf,
  shardOption
} from "./chunk-RO7ZMZNB.js";
import "./chunk-RANMR4KZ.js";
import "./chunk-35PLRWEZ.js";
import "./chunk-JQONZAEX.js";
import "./chunk-5GLCJ4ZC.js";
import "./chunk-H5TRBIMT.js";
import "./chunk-Q2N7G7GI.js";
import "./chunk-PHKHEVM7.js";
import "./chunk-X4PZQ5DM.js";
import "./chunk-FBIJPARR.js";
import "./chunk-FY6ML3O3.js";
import "./chunk-NM4ZIQ3O.js";
import "./chunk-BK6UZVNW.js";
import "./chunk-I2DQ53TU.js";
import "./chunk-F6FNT3HE.js";
export {
  DEFAULT_SHARD_DIR,
  MERGE_HELP,
  SHARD_HELP,
  mergeCommand,
  shardDirOf,
  shardOption
};
