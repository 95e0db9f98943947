// Files Barnacle writes whole (saved plans, the layer facts cache): a reader sees
// the old file or the new one, never half of either, and a link planted at the
// path is replaced, never written through.

import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * A new file beside the old one, flushed, then renamed over it: a reader sees the
 * old file or the new one, never half of either. O_EXCL on a random name: an
 * existing file or link there is never written through.
 */
export async function writeAtomically(
  path: string,
  text: string,
  options: { makeFolder?: boolean } = {},
): Promise<void> {
  if (options.makeFolder ?? true) await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
}
