import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { ACTIONS, decodeAction } from '../../../reply/actions.js';
import { mentionUser } from '../../../reply/mrkdwn.js';
import { withThanks } from '../../../reply/render-blocks.js';
import type { SlackBlock } from '../../../reply/slack-limits.js';
import { type BotContext, track } from '../../bot-context.js';
import { boundQuery } from './bound-query.js';

/**
 * "Helpful" / "Not helpful": recorded with the query and the article it answered (anyone in the
 * channel may rate a public answer); the message thanks the person. A value that names a query
 * of another channel, or an article the query did not answer, records nothing.
 */
export function feedback(bot: BotContext) {
  return async ({ action, body, ack, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    await track(bot, 'recording feedback', async () => {
      const v = decodeAction(action.value);
      const query = boundQuery(bot, v, { user: body.user.id, channel: body.channel?.id }, false);
      if (!query?.articleId || query.articleId !== v.a) {
        if (query) bot.log.warn('refused a feedback click: its article is not the one the query answered', { query: query.id, user: body.user.id });
        return;
      }
      const helpful = action.action_id === ACTIONS.helpful;
      await bot.store.recordFeedback(query.id, query.articleId, body.user.id, helpful);
      const who = mentionUser(body.user.id);
      const thanks = helpful ? `Thanks ${who}, glad it helped.` : `Thanks ${who}, noted. "Ask a human" or more of the log may get you further.`;
      const blocks = (body.message?.blocks ?? []) as SlackBlock[];
      await respond({ replace_original: true, text: body.message?.text ?? thanks, blocks: withThanks(blocks, thanks) as never });
    });
  };
}
