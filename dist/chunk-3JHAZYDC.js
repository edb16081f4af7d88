import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  COMPARE_HELP,
  checkCommonWorkloads,
  compareCommand,
  formatComparison,
  readResultsFile
} from "./chunk-MW6L47X6.js";
import "./chunk-5GLCJ4ZC.js";
import "./chunk-H5TRBIMT.js";
import "./chunk-PHKHEVM7.js";
import "./chunk-X4PZQ5DM.js";
import "./chunk-FBIJPARR.js";
import "./chunk-FY6ML3O3.js";
import "./chunk-NM4ZIQ3O.js";
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
