import { constants } from 'node:fs';
import { access, mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { maskSecrets } from '../secrets.ts';

/**
 * Writes JSON atomically (temporary file, then rename): a reader never sees half a file.
 * Values taken from the environment ({{env.NAME}}) are masked, should any have got in.
 */
export async function writeJsonFile(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, `${maskSecrets(JSON.stringify(value, null, 2))}\n`);
    await rename(tmp, file);
  } catch (err) {
    await unlink(tmp).catch(() => {});
    throw err;
  }
}

/**
 * Why writeJsonFile(file) would fail, or null when it should succeed. Creates nothing: it
 * looks for the nearest existing folder on the way to `file` and checks that it is a writable
 * folder, so a bad output path is reported before any load is sent.
 */
export async function unwritableReason(file: string): Promise<string | null> {
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

async function statOrNull(p: string) {
  // ENOENT, or ENOTDIR (a parent is a regular file) or EACCES: the loop in unwritableReason
  // goes up and reports the folder that is in the way.
  return stat(p).catch(() => null);
}
