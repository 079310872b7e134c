import type { Config } from '../config.js';
import { createScrubber, type Log } from '../log.js';
import type { Answer } from '../reply/answer.js';
import { notice, renderAnswerBlocks, renderScanBlocks } from '../reply/render-blocks.js';
import type { SlackMessage } from '../reply/slack-limits.js';
import type { HeavyWork } from '../runtime/heavy-work.js';
import type { SlackStore, Surface } from '../store/slack-store.js';
import type { ReadFile } from './read-files.js';

export interface AskContext {
  surface: Surface;
  channel: string | null;
  user: string | null;
  /** Ephemeral replies get a share button; threadTs says where a shared answer goes. */
  share?: { label: string; threadTs?: string } | null;
}

export interface Reply {
  message: SlackMessage;
  answer: Answer | null;
  queryId: number | null;
}

/**
 * The one function every Slack surface calls: text (or files) in, a Slack message out.
 * It records the query (redacted by the store) so feedback buttons can refer to it.
 *
 * The bot's own tokens and signing secret are cut out of what comes in before anything is
 * matched, so no reply (evidence words, a scanned line, a file name) can carry them. Matching
 * and scanning run on worker threads (src/runtime/heavy-work.ts), each reading one snapshot of
 * the index, so a `kb index` committing meanwhile is seen whole or not at all. Failing to record the query (a database busy for longer than the store
 * waits) costs the feedback buttons their query id, never the answer.
 */
export function createReplier(heavy: Pick<HeavyWork, 'answer' | 'scan'>, store: SlackStore, config: Pick<Config, 'experts' | 'channelExperts' | 'slack'>, log: Log) {
  const hasExperts = (channel: string | null) => config.experts.length > 0 || (!!channel && (config.channelExperts.get(channel)?.length ?? 0) > 0);
  const scrub = createScrubber([config.slack.botToken, config.slack.signingSecret, config.slack.appToken]);
  const record = async (r: Parameters<SlackStore['recordQuery']>[0]): Promise<number | null> => {
    try {
      return await store.recordQuery(r);
    } catch (err) {
      log.warn('could not record a query; answering without feedback buttons tied to it', { error: err instanceof Error ? err : String(err) });
      return null;
    }
  };

  return {
    /** Removes the bot's own credentials from text that came in from Slack. */
    scrub,

    async answer(raw: string, ctx: AskContext): Promise<Reply> {
      const text = scrub(raw);
      const answer = await heavy.answer(text);
      if (answer.problem) return { message: renderAnswerBlocks(answer, { queryId: null }), answer, queryId: null };
      const queryId = await record({
        surface: ctx.surface,
        channel: ctx.channel,
        user: ctx.user,
        text,
        articleId: answer.answer?.id ?? null,
        confidence: answer.matches[0]?.confidence ?? 0,
        shareThreadTs: ctx.share?.threadTs ?? null,
      });
      const message = renderAnswerBlocks(answer, { queryId, share: ctx.share ?? null, askHuman: hasExperts(ctx.channel) });
      return { message, answer, queryId };
    },

    async scan(raw: ReadFile, ctx: AskContext): Promise<Reply> {
      const file = { ...raw, name: scrub(raw.name), text: scrub(raw.text) };
      const report = await heavy.scan(file.text);
      const queryId = await record({
        surface: 'file',
        channel: ctx.channel,
        user: ctx.user,
        text: `[file ${file.name}] ${report.findings.map((f) => f.articleId).join(', ')}`,
        articleId: report.findings[0]?.articleId ?? null,
        confidence: report.findings[0]?.confidence ?? 0,
      });
      return { message: renderScanBlocks(report, { fileName: file.name, partial: file.partial, queryId }), answer: null, queryId };
    },

    /** Who "Ask a human" mentions in a channel, as Slack mention markup. */
    expertsMention(channel: string | null): string {
      const ids = (channel && config.channelExperts.get(channel)) || config.experts;
      return ids.map((id) => (id.startsWith('S') ? `<!subteam^${id}>` : `<@${id}>`)).join(' ');
    },

    rateLimited(): SlackMessage {
      return notice('You are asking faster than I answer; I will skip new questions for a minute. (Rate limit per person and per channel.)');
    },
  };
}

export type Replier = ReturnType<typeof createReplier>;
