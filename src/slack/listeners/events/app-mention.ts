import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { type BotContext, track } from '../../bot-context.js';
import type { SlackFileRef } from '../../read-files.js';
import { answerInThread } from '../answer-in-thread.js';

/** `@kb <error or question>` in a channel: answered in the thread of the mention. */
export function appMention(bot: BotContext) {
  return async ({ event, body, client, context }: SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs): Promise<void> => {
    if (event.bot_id || (event.subtype && event.subtype !== 'file_share')) return;
    // Slack retries, and sends a `message` event for the same mention: answer once.
    if (!(await bot.store.claim(`event:${body.event_id}`)) || !(await bot.store.claim(`msg:${event.channel}:${event.ts}`))) return;
    await track(bot, 'answering a mention', () =>
      answerInThread(
        bot,
        client,
        context.botToken ?? '',
        { channel: event.channel, ts: event.ts, thread_ts: event.thread_ts, user: event.user, text: event.text, files: (event as { files?: SlackFileRef[] }).files },
        'mention',
        { onlyConfident: false, threadReplies: true },
      ),
    );
  };
}
