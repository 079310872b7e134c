import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { ACTIONS, decodeAction } from '../../../reply/actions.js';
import { withThanks } from '../../../reply/render-blocks.js';
import type { SlackBlock } from '../../../reply/slack-limits.js';
import { type BotContext, track } from '../../bot-context.js';

/** "Helpful" / "Not helpful": recorded with the query and the article; the message thanks the person. */
export function feedback(bot: BotContext) {
  return async ({ action, body, ack, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    await track(bot, 'recording feedback', async () => {
      const v = decodeAction(action.value);
      if (!v.a) return;
      const helpful = action.action_id === ACTIONS.helpful;
      await bot.store.recordFeedback(v.q, v.a, body.user.id, helpful);
      const thanks = helpful ? `Thanks <@${body.user.id}>, glad it helped.` : `Thanks <@${body.user.id}>, noted. "Ask a human" or more of the log may get you further.`;
      const blocks = (body.message?.blocks ?? []) as SlackBlock[];
      await respond({ replace_original: true, text: body.message?.text ?? thanks, blocks: withThanks(blocks, thanks) as never });
    });
  };
}
