import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import type { FileStat } from '../store/article-store.js';

/** Files larger than this are reported and skipped: a KB article is not a data dump. */
export const MAX_ARTICLE_BYTES = 8 * 1024 * 1024;

export interface FileRead {
  hash: string;
  /** The file's bytes (a view of a shared buffer, good until the next read), null when not read. */
  bytes: Uint8Array | null;
  /** Size and mtime before reading, and when: null for a file over the limit (never trusted). */
  stat: FileStat | null;
}

export type FileReader = (path: string) => FileRead;

/**
 * Reads a whole file and its sha256; a file over MAX_ARTICLE_BYTES is not read and hashes as
 * `size:N`. One buffer serves every file, so reading 100,000 files allocates next to nothing.
 */
export function createFileReader(): FileReader {
  let buffer = Buffer.allocUnsafe(64 * 1024);
  return (path) => {
    const hashedAtMs = Date.now();
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch (err) {
      // An unreadable file over the limit is reported for its size, as it would be without being opened.
      const size = statSync(path, { throwIfNoEntry: false })?.size ?? 0;
      if (size > MAX_ARTICLE_BYTES) return { hash: `size:${size}`, bytes: null, stat: null };
      throw err;
    }
    try {
      const st = fstatSync(fd);
      const size = st.size;
      if (size > MAX_ARTICLE_BYTES) return { hash: `size:${size}`, bytes: null, stat: null };
      if (buffer.length < size + 1) buffer = Buffer.allocUnsafe(size + 1);
      // Read to the end, not to the size fstat gave: a file may grow while it is read.
      let length = 0;
      for (;;) {
        if (length === buffer.length) buffer = Buffer.concat([buffer], buffer.length * 2);
        const n = readSync(fd, buffer, length, buffer.length - length, null);
        if (n === 0) break;
        length += n;
      }
      const bytes = buffer.subarray(0, length);
      return { hash: createHash('sha256').update(bytes).digest('hex'), bytes, stat: { size: st.size, mtimeMs: st.mtimeMs, hashedAtMs } };
    } finally {
      closeSync(fd);
    }
  };
}

/** The reason a file that cannot be opened or read is reported with. */
export function cannotRead(err: unknown): string {
  return `cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'})`;
}
