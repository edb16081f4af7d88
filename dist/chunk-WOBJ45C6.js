import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  maskSecrets
} from "./chunk-M4UYDDKJ.js";

// src/run/write-json.ts
import { constants } from "node:fs";
import { access, mkdir, rename, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
async function writeJsonFile(file, value) {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, `${maskSecrets(JSON.stringify(value, null, 2))}
`);
    await rename(tmp, file);
  } catch (err) {
    await unlink(tmp).catch(() => {
    });
    throw err;
  }
}
async function unwritableReason(file) {
  const target = path.resolve(file);
  const existing = await statOrNull(target);
  if (existing?.isDirectory()) return `${file} is a folder, expected a file path`;
  for (let dir = path.dirname(target); ; dir = path.dirname(dir)) {
    const st = await statOrNull(dir);
    if (st === null) {
      if (path.dirname(dir) === dir) return `no folder of ${file} exists`;
      continue;
    }
    if (!st.isDirectory()) return `${dir} is not a folder`;
    try {
      await access(dir, constants.W_OK | constants.X_OK);
      return null;
    } catch {
      return `no permission to write in ${dir}`;
    }
  }
}
async function statOrNull(p) {
  return stat(p).catch(() => null);
}

export {
  writeJsonFile,
  unwritableReason
};
