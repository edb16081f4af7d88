import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  COMPARE_HELP,
  checkCommonWorkloads,
  compareCommand,
  formatComparison,
  parseRunnerNoise,
  readResultsFile
} from "./chunk-AOSIPVB6.js";
import "./chunk-CNBCTPVM.js";
import "./chunk-WOBJ45C6.js";
import "./chunk-LP63KT7W.js";
import "./chunk-MUASQGV6.js";
import "./chunk-6TR6MCCT.js";
import "./chunk-M4UYDDKJ.js";
import "./chunk-5MSJA75B.js";
import "./chunk-NM4ZIQ3O.js";
import "./chunk-F6FNT3HE.js";
export {
  COMPARE_HELP,
  checkCommonWorkloads,
  compareCommand,
  formatComparison,
  parseRunnerNoise,
  readResultsFile
};
