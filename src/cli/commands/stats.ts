import type { CliContext } from '../main.js';
import { openIndex } from './open.js';

/** `kb stats`: what the index holds. */
export function runStats(ctx: CliContext): number {
  const services = openIndex(ctx.db, ctx.stderr);
  try {
    const stats = services.articles.stats();
    if (ctx.json) {
      ctx.stdout.write(`${JSON.stringify({ ...stats, ids: services.articles.list().map((a) => a.id) })}\n`);
    } else {
      ctx.stdout.write(
        [
          `database      ${ctx.db}`,
          `articles      ${stats.articles}`,
          `files         ${stats.files} (${stats.failed} failed to read)`,
          `snippets      ${stats.snippets}`,
          `signals       ${stats.signals}`,
          `last indexed  ${stats.lastIndexedAt ?? 'never'}`,
        ].join('\n') + '\n',
      );
    }
    return 0;
  } finally {
    services.close();
  }
}
