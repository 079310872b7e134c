import { SingleBar } from 'cli-progress';
import { relative } from 'node:path';
import { checkKbFolders, IndexRefusedError } from '../../kb/kb-folders.js';
import { createServices } from '../../services.js';
import { CliError } from '../cli-error.js';
import type { CliContext } from '../main.js';
import { announceUpgrade } from './open.js';

/** `kb index`: brings the database in line with the KB folders and prints a summary. */
export function runIndex(ctx: CliContext): number {
  // Before the database is opened (or created): a mistyped folder changes nothing at all.
  indexOrRefuse(() => checkKbFolders(ctx.kb));
  const services = createServices(ctx.db, { onUpgrade: announceUpgrade(ctx.db, ctx.stderr) });
  let bar: SingleBar | null = null;
  try {
    const report = indexOrRefuse(() => services.index(ctx.kb, {
      allowEmpty: ctx.allowEmpty,
      onProgress: (done, total) => {
        if (!ctx.stderr.isTTY || total < 20) return;
        if (!bar) {
          bar = new SingleBar({ format: 'indexing [{bar}] {value}/{total} files', stream: ctx.stderr, hideCursor: true });
          bar.start(total, 0);
        }
        bar.update(done);
      },
    }));
    const show = (p: string) => relative(process.cwd(), p) || p;
    const lines = [
      `indexed ${report.indexed.length}, unchanged ${report.unchanged}, removed ${report.removed.length}, failed ${report.failed.length}${report.warnings.length ? `, with warnings ${new Set(report.warnings.map((w) => w.path)).size}` : ''} — ${report.total} articles in ${ctx.db}`,
      ...report.failed.map((f) => `  failed (not indexed): ${show(f.path)}: ${f.reason}`),
      ...report.warnings.map((w) => `  warning (indexed): ${show(w.path)}: ${w.reason}`),
    ];
    if (ctx.json) ctx.stdout.write(`${JSON.stringify(report)}\n`);
    else ctx.stdout.write(`${lines.join('\n')}\n`);
    if (report.total === 0 && !ctx.allowEmpty) {
      ctx.stderr.write(`kb: nothing could be indexed from ${ctx.kb.join(', ')}; point --kb at a folder of .md, .txt or .html articles\n`);
      return 1;
    }
    return 0;
  } finally {
    (bar as SingleBar | null)?.stop();
    services.close();
  }
}

/** A refused run (a missing KB folder, or one that would empty the index) is one line on stderr and exit 1. */
function indexOrRefuse<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof IndexRefusedError) throw new CliError(err.message, 1);
    throw err;
  }
}
