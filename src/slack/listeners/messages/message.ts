import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { type BotContext, track } from '../../bot-context.js';
import { looksLikeErrorPaste, looksLikeFollowUp } from '../../detect-error.js';
import { isTextFile, type SlackFileRef } from '../../read-files.js';
import { mentionsUser, slackTextToPlain } from '../../slack-text.js';
import { answerInThread } from '../answer-in-thread.js';

interface PlainMessage {
  subtype?: string;
  bot_id?: string;
  channel: string;
  channel_type?: string;
  ts: string;
  thread_ts?: string;
  user?: string;
  text?: string;
  files?: SlackFileRef[];
}

/**
 * Messages without a mention: every DM is a query; in channels, a pasted stack trace or error
 * log is answered when the channel has auto-answer on and the match is confident; a follow-up
 * by the asker in a thread the bot is part of is answered again.
 */
export function message(bot: BotContext) {
  return async ({ event, body, client, context }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> => {
    const msg = event as unknown as PlainMessage;
    // Never answer bots (this one included), edits, deletions, joins and other subtypes.
    if (msg.bot_id || (msg.subtype && msg.subtype !== 'file_share') || !msg.user || msg.user === context.botUserId) return;
    const text = msg.text ?? '';
    const isDm = msg.channel_type === 'im';
    // A mention in a channel is the app_mention listener's.
    if (!isDm && mentionsUser(text, context.botUserId)) return;

    let surface: 'dm' | 'thread' | 'message';
    let onlyConfident = false;
    if (isDm) surface = 'dm';
    else if (msg.thread_ts && msg.thread_ts !== msg.ts && bot.store.threadAsker(msg.channel, msg.thread_ts) !== undefined) {
      const asker = bot.store.threadAsker(msg.channel, msg.thread_ts);
      if (asker && asker !== msg.user) return;
      if (!looksLikeFollowUp(slackTextToPlain(text)) && !msg.files?.some(isTextFile)) return;
      surface = 'thread';
    } else {
      if (!autoAnswerOn(bot, msg.channel)) return;
      const hasLog = msg.files?.some(isTextFile) ?? false;
      if (!hasLog && !looksLikeErrorPaste(slackTextToPlain(text))) return;
      surface = 'message';
      onlyConfident = true;
    }
    if (!(await bot.store.claim(`event:${body.event_id}`)) || !(await bot.store.claim(`msg:${msg.channel}:${msg.ts}`))) return;
    await track(bot, `answering a ${surface} message`, () =>
      answerInThread(bot, client, context.botToken ?? '', msg, surface, { onlyConfident, threadReplies: !isDm || !!msg.thread_ts }),
    );
  };
}

function autoAnswerOn(bot: BotContext, channel: string): boolean {
  const own = bot.store.autoAnswer(channel);
  if (own !== null) return own;
  const cfg = bot.config.autoAnswer;
  return cfg === 'all' ? true : cfg === 'none' ? false : cfg.has(channel);
}
