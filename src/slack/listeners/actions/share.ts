import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { decodeAction } from '../../../reply/actions.js';
import { type BotContext, track } from '../../bot-context.js';

/** "Share in channel" / "Post in thread" on a private answer: posts it for everyone, drops the private copy. */
export function share(bot: BotContext) {
  return async ({ action, body, ack, client, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    await track(bot, 'sharing an answer', async () => {
      const v = decodeAction(action.value);
      const channel = body.channel?.id;
      const text = v.q !== null ? bot.store.queryText(v.q) : null;
      if (!channel || text === null) {
        await respond({ response_type: 'ephemeral', replace_original: false, text: 'That answer is too old to share; ask again with /kb.' });
        return;
      }
      const reply = await bot.replier.answer(text, { surface: 'command', channel, user: body.user.id });
      const by = `_Shared by <@${body.user.id}>_`;
      await client.chat.postMessage({
        channel,
        ...(v.t ? { thread_ts: v.t } : {}),
        text: reply.message.text,
        blocks: [...reply.message.blocks, { type: 'context', elements: [{ type: 'mrkdwn', text: by }] }] as never,
        unfurl_links: false,
      });
      if (v.t) await bot.store.rememberThread(channel, v.t, body.user.id);
      await respond({ delete_original: true });
    });
  };
}
