import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { decodeAction } from '../../../reply/actions.js';
import { notice, renderArticleBlocks } from '../../../reply/render-blocks.js';
import { readSnapshot } from '../../../store/slack-store.js';
import { type BotContext, track } from '../../bot-context.js';

/** A candidate button: shows that article to the person who clicked, privately. */
export function openCandidate(bot: BotContext) {
  return async ({ action, ack, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    await track(bot, 'opening a candidate', async () => {
      const id = decodeAction(action.value).a;
      const article = id ? readSnapshot(bot.services.db, () => bot.services.articles.getById(id)) : null;
      const m = article ? renderArticleBlocks(article) : notice(`Article "${id ?? '?'}" is no longer in the knowledge base.`);
      await respond({ response_type: 'ephemeral', replace_original: false, text: m.text, blocks: m.blocks as never });
    });
  };
}
