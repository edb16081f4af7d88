import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  COMPARE_HELP,
  checkCommonWorkloads,
  compareCommand,
  formatComparison,
  readResultsFile
} from "./chunk-6EO7FK5A.js";
import "./chunk-5GLCJ4ZC.js";
import "./chunk-A5RHV6QW.js";
import "./chunk-PHKHEVM7.js";
import "./chunk-DXUSAJRU.js";
import "./chunk-BQL65V6L.js";
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
