import { closeSync, existsSync, openSync, readSync } from 'node:fs';

/**
 * Reads files once from start to end and throws the bytes away, so that the operating system's
 * page cache holds them: the state of a bot that has been answering for a while, and the same
 * start for both engines whatever the VM reclaimed of its idle page cache in the minutes before
 * (it does). It holds only so long: this VM pages out what goes a minute untouched, so during the
 * 8-minute query phase at 100,000 articles part of the index is read from storage again, which
 * storageReadMiB shows (see README, Performance). Returns the bytes read.
 */
export function readThrough(files: readonly string[]): number {
  const buffer = Buffer.allocUnsafe(4 * 1024 * 1024);
  let total = 0;
  for (const file of files) {
    if (!existsSync(file)) continue;
    const fd = openSync(file, 'r');
    try {
      for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) total += n;
    } finally {
      closeSync(fd);
    }
  }
  return total;
}
