import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  DEFAULT_SHARD_DIR,
  MERGE_HELP,
  SHARD_HELP,
  mergeCommand,
  shardDirOf,
  shardOption
} from "./chunk-5QDAU7HN.js";
import "./chunk-WJT44DQD.js";
import "./chunk-TLDHDZ5G.js";
import "./chunk-MU2SZ2AT.js";
import "./chunk-JQONZAEX.js";
import "./chunk-LRTFHLSH.js";
import "./chunk-VZO757DQ.js";
import "./chunk-O25RYJL6.js";
import "./chunk-J5CNMWFZ.js";
import "./chunk-KSF7KFYR.js";
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
