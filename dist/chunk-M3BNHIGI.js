import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  COMPARE_HELP,
  checkCommonWorkloads,
  compareCommand,
  formatComparison,
  readResultsFile
} from "./chunk-ENMTWDWZ.js";
import "./chunk-5GLCJ4ZC.js";
import "./chunk-I2CISBRI.js";
import "./chunk-PHKHEVM7.js";
import "./chunk-BHILBCJX.js";
import "./chunk-ODMA3ROU.js";
import "./chunk-BK6UZVNW.js";
import "./chunk-I2DQ53TU.js";
import "./chunk-F6FNT3HE.js";
export {
  COMPARE_HELP,
  checkCommonWorkloads,
  compareCommand,
  formatComparison,
  readResultsFile
};
