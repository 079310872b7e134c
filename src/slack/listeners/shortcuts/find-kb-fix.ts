import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { notice } from '../../../reply/render-blocks.js';
import { allowQuery, type BotContext, track } from '../../bot-context.js';
import { readSlackFiles, type SlackFileRef } from '../../read-files.js';
import type { Reply } from '../../replier.js';
import { slackTextToPlain } from '../../slack-text.js';

export const FIND_KB_FIX_CALLBACK = 'find_kb_fix';

/** Message shortcut "Find a KB fix": answers that message privately, with a button to post it in the thread. */
export function findKbFix(bot: BotContext) {
  return async ({ shortcut, ack, respond, client, context }: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    await track(bot, 'Find a KB fix', async () => {
      const ephemeral = (m: { text: string; blocks: unknown[] }) => respond({ response_type: 'ephemeral', text: m.text, blocks: m.blocks as never });
      if (!(await allowQuery(bot, shortcut.user.id, shortcut.channel.id, ephemeral))) return;
      const message = shortcut.message as { ts: string; thread_ts?: string; text?: string; files?: SlackFileRef[] };
      const ctx = { surface: 'shortcut' as const, channel: shortcut.channel.id, user: shortcut.user.id, share: { label: 'Post in thread', threadTs: message.thread_ts ?? message.ts } };
      const text = slackTextToPlain(message.text ?? '');
      const files = message.files?.length ? await readSlackFiles(client, context.botToken ?? '', message.files, { apiUrl: bot.config.slack.apiUrl, log: bot.log }) : [];
      const replies: Reply[] = [];
      for (const f of files) replies.push(await bot.replier.scan(f, ctx));
      if (text) replies.push(await bot.replier.answer(text, ctx));
      if (!replies.length) replies.push({ message: notice('That message has no text or text file I can read.'), answer: null, queryId: null });
      for (const r of replies) await ephemeral(r.message);
    });
  };
}
