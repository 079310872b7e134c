import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { decodeAction } from '../../../reply/actions.js';
import { mentionUser } from '../../../reply/mrkdwn.js';
import { type BotContext, track } from '../../bot-context.js';
import { boundQuery } from './bound-query.js';

/**
 * "Share in channel" / "Post in thread" on a private answer: posts it for everyone, drops the
 * private copy. Only the asker's own query, in the channel where it was asked, and into the
 * thread recorded with it: the button's value names the query and nothing else.
 */
export function share(bot: BotContext) {
  return async ({ action, body, ack, client, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    await track(bot, 'sharing an answer', async () => {
      const channel = body.channel?.id;
      const query = boundQuery(bot, decodeAction(action.value), { user: body.user.id, channel }, true);
      if (!channel || !query) {
        await respond({ response_type: 'ephemeral', replace_original: false, text: 'That answer cannot be shared from here; ask again with /kb.' });
        return;
      }
      const reply = await bot.replier.answer(query.text, { surface: 'command', channel, user: body.user.id });
      const by = `_Shared by ${mentionUser(body.user.id)}_`;
      const threadTs = query.shareThreadTs;
      await client.chat.postMessage({
        channel,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        text: reply.message.text,
        blocks: [...reply.message.blocks, { type: 'context', elements: [{ type: 'mrkdwn', text: by }] }] as never,
        unfurl_links: false,
      });
      if (threadTs) await bot.store.rememberThread(channel, threadTs, body.user.id);
      await respond({ delete_original: true });
    });
  };
}
