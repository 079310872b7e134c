import { redactSecrets } from '../redact/redact-secrets.js';
import type { Db } from './database.js';

export type Surface = 'mention' | 'message' | 'dm' | 'command' | 'shortcut' | 'file' | 'thread' | 'cli';

export interface QueryRecord {
  surface: Surface;
  channel: string | null;
  user: string | null;
  text: string;
  articleId: string | null;
  confidence: number;
}

export interface UsageStats {
  queries: number;
  answered: number;
  feedback: number;
  helpful: number;
  /** helpful / feedback, null when nobody has clicked yet. */
  helpfulRate: number | null;
}

/**
 * What the Slack surfaces remember. Every text is redacted here, at the only door to disk,
 * so no caller can forget to.
 */
export function createSlackStore(db: Db) {
  const q = {
    insertQuery: db.prepare(
      `INSERT INTO queries (at, surface, channel, user, text, article_id, confidence)
       VALUES (@at, @surface, @channel, @user, @text, @articleId, @confidence)`,
    ),
    queryById: db.prepare('SELECT id, text, article_id AS articleId FROM queries WHERE id = @id'),
    upsertFeedback: db.prepare(
      `INSERT INTO feedback (query_id, article_id, user, helpful, at) VALUES (@queryId, @articleId, @user, @helpful, @at)
       ON CONFLICT(query_id, article_id, user) DO UPDATE SET helpful = excluded.helpful, at = excluded.at`,
    ),
    markHandled: db.prepare('INSERT OR IGNORE INTO handled (key, at) VALUES (@key, @at)'),
    pruneHandled: db.prepare('DELETE FROM handled WHERE at < @before'),
    getChannel: db.prepare('SELECT auto_answer AS autoAnswer FROM channel_settings WHERE channel = @channel'),
    setChannel: db.prepare(
      `INSERT INTO channel_settings (channel, auto_answer, changed_by, changed_at) VALUES (@channel, @autoAnswer, @user, @at)
       ON CONFLICT(channel) DO UPDATE SET auto_answer = excluded.auto_answer, changed_by = excluded.changed_by, changed_at = excluded.changed_at`,
    ),
    addThread: db.prepare(
      'INSERT INTO threads (channel, thread_ts, asker, at) VALUES (@channel, @threadTs, @asker, @at) ON CONFLICT DO NOTHING',
    ),
    getThread: db.prepare('SELECT asker FROM threads WHERE channel = @channel AND thread_ts = @threadTs'),
    usage: db.prepare(
      `SELECT (SELECT count(*) FROM queries WHERE surface <> 'cli') AS queries,
              (SELECT count(*) FROM queries WHERE surface <> 'cli' AND article_id IS NOT NULL) AS answered,
              (SELECT count(*) FROM feedback) AS feedback,
              (SELECT count(*) FROM feedback WHERE helpful = 1) AS helpful`,
    ),
  };
  const now = () => new Date().toISOString();

  return {
    /** Records a query (redacted) and returns its id, which feedback buttons carry. */
    recordQuery(r: QueryRecord): number {
      const info = q.insertQuery.run({ ...r, text: redactSecrets(r.text).slice(0, 20_000), at: now() });
      return Number(info.lastInsertRowid);
    },

    recordFeedback(queryId: number | null, articleId: string, user: string, helpful: boolean): void {
      q.upsertFeedback.run({ queryId, articleId, user, helpful: helpful ? 1 : 0, at: now() });
    },

    /** The redacted text of a recorded query. */
    queryText(id: number): string | null {
      return (q.queryById.get({ id }) as { text: string } | undefined)?.text ?? null;
    },

    /**
     * Claims a key (an event id, a channel+ts): true the first time, false ever after, across
     * restarts. This is how a retried or duplicated event gets one reply.
     */
    claim(key: string): boolean {
      return q.markHandled.run({ key, at: now() }).changes === 1;
    },

    /** Forgets claims older than `days` (Slack stops retrying after minutes; a week is plenty). */
    pruneClaims(days = 7): void {
      q.pruneHandled.run({ before: new Date(Date.now() - days * 86_400_000).toISOString() });
    },

    /** The channel's own auto-answer switch, or null when it never set one. */
    autoAnswer(channel: string): boolean | null {
      const row = q.getChannel.get({ channel }) as { autoAnswer: number } | undefined;
      return row ? row.autoAnswer === 1 : null;
    },

    setAutoAnswer(channel: string, on: boolean, user: string): void {
      q.setChannel.run({ channel, autoAnswer: on ? 1 : 0, user, at: now() });
    },

    rememberThread(channel: string, threadTs: string, asker: string | null): void {
      q.addThread.run({ channel, threadTs, asker, at: now() });
    },

    /** The asker of a thread the bot takes part in, undefined when it does not. */
    threadAsker(channel: string, threadTs: string): string | null | undefined {
      const row = q.getThread.get({ channel, threadTs }) as { asker: string | null } | undefined;
      return row ? row.asker : undefined;
    },

    usage(): UsageStats {
      const u = q.usage.get() as Omit<UsageStats, 'helpfulRate'>;
      return { ...u, helpfulRate: u.feedback ? u.helpful / u.feedback : null };
    },
  };
}

export type SlackStore = ReturnType<typeof createSlackStore>;
