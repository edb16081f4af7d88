import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  COMPARE_HELP,
  checkCommonWorkloads,
  compareCommand,
  formatComparison,
  parseRunnerNoise,
  readResultsFile
} from "./chunk-64GNQ6TP.js";
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
  COMPARE_HELP,
  checkCommonWorkloads,
  compareCommand,
  formatComparison,
  parseRunnerNoise,
  readResultsFile
};
