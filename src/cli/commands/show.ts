import { ANSI, PLAIN, renderArticleText } from '../../reply/render-terminal.js';
import { CliError } from '../cli-error.js';
import type { CliContext } from '../main.js';
import { openIndex } from './open.js';

/** `kb show ID`: one whole article. */
export function runShow(ctx: CliContext): number {
  const id = ctx.args[0];
  if (!id) throw new CliError('which article? `kb show ID` (ids are listed by `kb ask` and `kb stats`)');
  const services = openIndex(ctx.db, ctx.stderr);
  try {
    const article = services.articles.getById(id);
    if (!article) {
      const near = services.articles
        .list()
        .filter((a) => a.id.includes(id) || id.includes(a.id))
        .slice(0, 3)
        .map((a) => a.id);
      throw new CliError(`no article "${id}"${near.length ? `; did you mean ${near.join(', ')}?` : '; `kb stats --json` lists the ids'}`, 1);
    }
    if (ctx.json) ctx.stdout.write(`${JSON.stringify(article)}\n`);
    else ctx.stdout.write(`${renderArticleText(article, ctx.stdout.isTTY && !process.env.NO_COLOR ? ANSI : PLAIN)}\n`);
    return 0;
  } finally {
    services.close();
  }
}
