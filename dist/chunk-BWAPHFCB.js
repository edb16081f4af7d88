import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  COMPARE_HELP,
  checkCommonWorkloads,
  compareCommand,
  formatComparison,
  readResultsFile
} from "./chunk-7XAINEHS.js";
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
  COMPARE_HELP,
  checkCommonWorkloads,
  compareCommand,
  formatComparison,
  readResultsFile
};
