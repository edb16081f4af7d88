import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  DEFAULT_SHARD_DIR,
  MERGE_HELP,
  SHARD_HELP,
  mergeCommand,
  shardDirOf,
  shardOption
} from "./chunk-Z3DLOH3I.js";
import "./chunk-QWVC4MCX.js";
import "./chunk-5OTAYIOB.js";
import "./chunk-S6WQP4RU.js";
import "./chunk-JQONZAEX.js";
import "./chunk-LRTFHLSH.js";
import "./chunk-VZO757DQ.js";
import "./chunk-C6S6VJ7W.js";
import "./chunk-5SLD2NZT.js";
import "./chunk-IP5KNY7X.js";
import "./chunk-T553IZ2H.js";
import "./chunk-5MSJA75B.js";
import "./chunk-NM4ZIQ3O.js";
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
