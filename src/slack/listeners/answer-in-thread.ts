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
  const notify = (m: { text: string; blocks: unknown[] }) =>
    msg.user ? client.chat.postEphemeral({ channel: msg.channel, user: msg.user, text: m.text, blocks: m.blocks as never, ...(threadTs ? { thread_ts: threadTs } : {}) }) : Promise.resolve();
  if (!(await allowQuery(bot, msg.user, msg.channel, notify))) return;
  const ctx = { surface, channel: msg.channel, user: msg.user ?? null };
  const text = slackTextToPlain(msg.text ?? '');
  const replies: Reply[] = [];
  if (msg.files?.length) {
    for (const file of await readSlackFiles(client, token, msg.files, { apiUrl: bot.config.slack.apiUrl, log: bot.log })) {
      const r = await bot.replier.scan(file, { ...ctx, surface: 'file' });
      if (!options.onlyConfident || r.message.text.startsWith('Found')) replies.push(r);
    }
  }
  if (text) {
    const r = await bot.replier.answer(text, ctx);
    // Unasked, in a busy channel, only a high-confidence answer is worth a reply.
    if (!options.onlyConfident || r.answer?.answer?.level === 'high') replies.push(r);
  } else if (!msg.files?.length && !options.onlyConfident) {
    const help = await bot.replier.answer('', ctx);
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
  if (replies.length && threadTs) await bot.store.rememberThread(msg.channel, threadTs, msg.user ?? null);
}
