import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { decodeAction } from '../../../reply/actions.js';
import { escapeMrkdwn, mentionUser } from '../../../reply/mrkdwn.js';
import { type BotContext, track } from '../../bot-context.js';
import { boundQuery } from './bound-query.js';

/**
 * "Ask a human": mentions the configured experts in the thread of the answer. The article it
 * names is the one recorded with the query (in the click's channel), never the button's value,
 * and is escaped: nothing from a request reaches the message as markup.
 */
export function askHuman(bot: BotContext) {
  return async ({ action, body, ack, client, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    await track(bot, 'asking a human', async () => {
      const channel = body.channel?.id;
      const experts = bot.replier.expertsMention(channel ?? null);
      if (!channel || !experts) {
        await respond({ response_type: 'ephemeral', replace_original: false, text: 'No experts are configured for this channel (KB_EXPERTS). Ask in the channel directly.' });
        return;
      }
      const v = decodeAction(action.value);
      const query = boundQuery(bot, v, { user: body.user.id, channel }, false);
      if (v.q !== null && !query) {
        await respond({ response_type: 'ephemeral', replace_original: false, text: 'That button does not belong here. Ask in the channel directly.' });
        return;
      }
      const message = body.message as { ts?: string; thread_ts?: string } | undefined;
      const ephemeral = (body.container as { is_ephemeral?: boolean } | undefined)?.is_ephemeral;
      const threadTs = ephemeral ? undefined : (message?.thread_ts ?? message?.ts);
      const article = query?.articleId;
      const about = article ? ` The bot suggested \`${escapeMrkdwn(article.replace(/`/g, "'"))}\`.` : '';
      await client.chat.postMessage({
        channel,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        text: `${experts} could you help ${mentionUser(body.user.id)} with this one?${about}`,
      });
    });
  };
}
