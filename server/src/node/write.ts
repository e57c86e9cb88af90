import { closeSync, fchmodSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * Writes a file atomically: a temp file beside it, same mode (set explicitly: the umask must
 * not change it), fsync, then rename over it. A symlink is resolved first, so the link stays a
 * link and its target gets the new content; a target outside `root` is refused.
 */
export function writeFileAtomic(file: string, data: Buffer, root?: string): void {
  const real = realpathSync(file);
  if (root) {
    const rel = path.relative(realpathSync(root), real);
    if (rel.startsWith('..') || path.isAbsolute(rel)) throw new Error(`refusing to write ${real}: outside ${root}`);
  }
  const mode = statSync(real).mode & 0o7777;
  const tmp = path.join(path.dirname(real), `.${path.basename(real)}.napcat-milky-${process.pid}-${Date.now().toString(36)}.tmp`);
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, data);
    fchmodSync(fd, mode);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    try { unlinkSync(tmp); } catch { /* already gone */ }
    throw e;
  }
  closeSync(fd);
  try {
    renameSync(tmp, real);
  } catch (e) {
    try { unlinkSync(tmp); } catch { /* already gone */ }
    throw e;
  }
}
