import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  DRAIN_MS,
  nativeEngineFits,
  runNativeLoadJob
} from "./chunk-VJQVCDOV.js";
import "./chunk-UEKVTZGY.js";
import "./chunk-FJK4FC5C.js";
import "./chunk-MIODLOIC.js";
import "./chunk-I2DQ53TU.js";
import "./chunk-5MSJA75B.js";
import "./chunk-NM4ZIQ3O.js";
import "./chunk-F6FNT3HE.js";
export {
  DRAIN_MS,
  nativeEngineFits,
  runNativeLoadJob
};
