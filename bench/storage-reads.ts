import { readFileSync } from 'node:fs';

/**
 * Bytes this process has had read from storage so far (Linux's `read_bytes` in /proc/self/io:
 * reads the page cache could not serve, read-ahead included), or null where that is not kept.
 * The bench takes it around each timed query: a query that waited on the disk shows here, and
 * not as more CPU. This VM pages out file pages nobody touched for a minute (DAMON's pageout
 * scheme), so during a long bench even an index read into the page cache first is partly read
 * again.
 */
export function storageReadBytes(): number | null {
  try {
    const m = /^read_bytes:\s*(\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}
