import type { WebClient } from '@slack/web-api';
import type { Surface } from '../../store/slack-store.js';
import { allowQuery, type BotContext } from '../bot-context.js';
import { readSlackFiles, type SlackFileRef } from '../read-files.js';
import type { Reply } from '../replier.js';
import { slackTextToPlain } from '../slack-text.js';

export interface IncomingMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  user?: string;
  text?: string;
  files?: SlackFileRef[];
}

/**
 * Answers a channel message, mention or DM in its thread: files are scanned, text is matched.
 * With `onlyConfident`, stays silent unless it found something (auto-answer in busy channels).
 */
export async function answerInThread(
  bot: BotContext,
  client: WebClient,
  token: string,
  msg: IncomingMessage,
  surface: Surface,
  options: { onlyConfident: boolean; threadReplies: boolean },
): Promise<void> {
  const threadTs = options.threadReplies ? (msg.thread_ts ?? msg.ts) : msg.thread_ts;
  if (!(await allowQuery(bot, client, msg.user, msg.channel, threadTs))) return;
  const ctx = { surface, channel: msg.channel, user: msg.user ?? null };
  const text = slackTextToPlain(msg.text ?? '');
  const replies: Reply[] = [];
  if (msg.files?.length) {
    for (const file of await readSlackFiles(client, token, msg.files)) {
      const r = bot.replier.scan(file, { ...ctx, surface: 'file' });
      if (!options.onlyConfident || r.message.text.startsWith('Found')) replies.push(r);
    }
  }
  if (text) {
    const r = bot.replier.answer(text, ctx);
    // Unasked, in a busy channel, only a high-confidence answer is worth a reply.
    if (!options.onlyConfident || r.answer?.answer?.level === 'high') replies.push(r);
  } else if (!msg.files?.length && !options.onlyConfident) {
    const help = bot.replier.answer('', ctx);
    replies.push(help);
  }
  for (const r of replies) {
    await client.chat.postMessage({
      channel: msg.channel,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      text: r.message.text,
      blocks: r.message.blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
  }
  if (replies.length && threadTs) bot.store.rememberThread(msg.channel, threadTs, msg.user ?? null);
}
