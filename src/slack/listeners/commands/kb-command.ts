import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { IndexRefusedError } from '../../../kb/kb-folders.js';
import { notice, renderArticleBlocks, renderHelpBlocks, renderStatsBlocks } from '../../../reply/render-blocks.js';
import type { SlackMessage } from '../../../reply/slack-limits.js';
import { isBusyError, readSnapshot } from '../../../store/slack-store.js';
import { allowQuery, type BotContext, isAdmin, track } from '../../bot-context.js';
import { slackTextToPlain } from '../../slack-text.js';

/** How long `/kb reindex` waits for another index run (`npx kb index`) to finish. */
const REINDEX_WAIT_MS = 60_000;

/**
 * `/kb <error or question>` answers privately with a Share button; `/kb help`, `/kb show ID`,
 * `/kb stats`, `/kb auto on|off`, `/kb reindex`. Acks at once; the answer follows on response_url.
 */
export function kbCommand(bot: BotContext) {
  return async ({ command, ack, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    await track(bot, '/kb', async () => {
      const text = bot.replier.scrub(slackTextToPlain(command.text ?? ''));
      const [word = '', ...rest] = text.split(/\s+/);
      const sub = word.toLowerCase();
      const ephemeral = (m: { text: string; blocks: unknown[] }) => respond({ response_type: 'ephemeral', text: m.text, blocks: m.blocks as never });
      const read = <T>(fn: () => T): T => readSnapshot(bot.services.db, fn);

      if (!text || sub === 'help') return void (await ephemeral(renderHelpBlocks()));
      if (sub === 'show' && rest.length <= 1) {
        const id = rest[0];
        const article = id ? read(() => bot.services.articles.getById(id)) : null;
        return void (await ephemeral(article ? renderArticleBlocks(article) : notice(id ? `No article "${id}". Article ids appear under each answer.` : 'Which article? `/kb show <article id>`')));
      }
      if (sub === 'stats' && rest.length === 0) {
        const s = read(() => bot.services.articles.stats());
        const u = bot.store.usage();
        return void (await ephemeral(renderStatsBlocks({ articles: s.articles, lastIndexedAt: s.lastIndexedAt, ...u })));
      }
      if (sub === 'auto' && rest.length <= 1) {
        const v = (rest[0] ?? '').toLowerCase();
        if (v !== 'on' && v !== 'off') return void (await ephemeral(notice('Use `/kb auto on` or `/kb auto off` in the channel to switch answering pasted errors without a mention.')));
        if (!(await isAdmin(bot, client, command.user_id))) return void (await ephemeral(notice('Sorry, only kb-assistant admins can change that. Ask one of them, or your workspace admin.')));
        await bot.store.setAutoAnswer(command.channel_id, v === 'on', command.user_id);
        bot.log.info('auto-answer switched', { channel: command.channel_id, on: v === 'on', user: command.user_id });
        return void (await ephemeral(notice(v === 'on' ? 'Auto-answer is on here: I answer pasted stack traces and error logs when I am confident.' : 'Auto-answer is off here: I answer only when mentioned.')));
      }
      if (sub === 'reindex' && rest.length === 0) {
        if (!(await isAdmin(bot, client, command.user_id))) return void (await ephemeral(notice('Sorry, only kb-assistant admins can re-index.')));
        return void (await reindex(bot, command.user_id, ephemeral));
      }
      if (!(await allowQuery(bot, command.user_id, command.channel_id, ephemeral))) return;
      const reply = await bot.replier.answer(text, { surface: 'command', channel: command.channel_id, user: command.user_id, share: { label: 'Share in channel' } });
      await ephemeral(reply.message);
    });
  };
}

/**
 * `/kb reindex`: runs on the index thread (src/runtime/heavy-work.ts), so the bot goes on
 * acknowledging and answering meanwhile. The admin is told it started, then what it did; what is
 * said is what happened: a run that finished is reported as done even when telling the admin
 * fails (that is logged), and only a run that did not finish is reported as not run.
 */
async function reindex(bot: BotContext, user: string, say: (m: SlackMessage) => Promise<unknown>): Promise<void> {
  const tell = (m: SlackMessage, what: string) =>
    say(m).catch((err: unknown) => bot.log.warn(`could not tell the admin ${what}`, { user, error: err instanceof Error ? err : String(err) }));
  await tell(notice('Re-indexing the knowledge base; I will tell you here when it is done. I keep answering meanwhile.'), 'that the re-index started');
  let r;
  try {
    r = await bot.heavy.index(bot.config.kbDirs, {}, REINDEX_WAIT_MS);
  } catch (err) {
    bot.log.error('re-index did not run', { user, error: err instanceof Error ? err : String(err) });
    const why = err instanceof IndexRefusedError
      ? err.message
      : isBusyError(err)
        ? 'another index run (`npx kb index`?) kept the database busy for a minute; try again when it has finished.'
        : 'the index could not be updated; the previous index is still answering. The bot log says why.';
    await tell(notice(`Re-index did not run: ${why}`), 'that the re-index did not run');
    return;
  }
  bot.log.info('re-indexed', { user, indexed: r.indexed.length, removed: r.removed.length, failed: r.failed.length, total: r.total });
  await tell(notice(`Re-indexed: ${r.indexed.length} new or changed, ${r.unchanged} unchanged, ${r.removed.length} removed, ${r.failed.length} failed. ${r.total} articles.`), 'the re-index result');
}
