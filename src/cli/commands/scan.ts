import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { decodeText } from '../../text/decode-text.js';
import { ANSI, PLAIN, renderScanText } from '../../reply/render-terminal.js';
import { CliError } from '../cli-error.js';
import type { CliContext } from '../main.js';
import { openIndex } from './open.js';

/** Logs larger than this are scanned in their first part only (and the output says so). */
export const MAX_SCAN_BYTES = 50 * 1024 * 1024;

/** `kb scan FILE`: every known problem in a whole log file. */
export function runScan(ctx: CliContext): number {
  const file = ctx.args[0];
  if (!file) throw new CliError('which log? `kb scan FILE`');
  let size: number;
  try {
    const st = statSync(file);
    // A device, FIFO or folder has no end to read to (`kb scan /dev/zero` never returned).
    if (!st.isFile()) throw new CliError(`cannot scan ${file}: not a regular file; give a log file`, 1);
    size = st.size;
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`cannot read ${file}: no such file`, 1);
  }
  const services = openIndex(ctx.db, ctx.stderr);
  try {
    const text = decodeText(readStart(file, MAX_SCAN_BYTES));
    const report = services.scan(text);
    if (ctx.json) ctx.stdout.write(`${JSON.stringify({ file, partial: size > MAX_SCAN_BYTES, ...report })}\n`);
    else {
      if (size > MAX_SCAN_BYTES) ctx.stdout.write(`(only the first ${MAX_SCAN_BYTES / 1024 / 1024} MB of ${file} were scanned)\n`);
      ctx.stdout.write(`${renderScanText(report, ctx.stdout.isTTY && !process.env.NO_COLOR ? ANSI : PLAIN)}\n`);
    }
    return 0;
  } finally {
    services.close();
  }
}

/** At most the first `max` bytes of a file, however large it is (or grows while it is read). */
function readStart(file: string, max: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(Math.min(max, Math.max(0, statSync(file).size)) || 0);
    let got = 0;
    while (got < buf.length) {
      const n = readSync(fd, buf, got, buf.length - got, got);
      if (n === 0) break;
      got += n;
    }
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}
