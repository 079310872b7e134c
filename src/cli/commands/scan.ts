import { readFileSync, statSync } from 'node:fs';
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
    size = statSync(file).size;
  } catch {
    throw new CliError(`cannot read ${file}: no such file`, 1);
  }
  const services = openIndex(ctx.db, ctx.stderr);
  try {
    const buf = readFileSync(file);
    const text = buf.subarray(0, MAX_SCAN_BYTES).toString('utf8');
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
