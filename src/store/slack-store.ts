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
  /** Where "Post in thread" puts a private answer (the shortcut's message), when it has one. */
  shareThreadTs?: string | null;
}

/** What a button's query id stands for: who asked, where, what, and what it answered. */
export interface RecordedQuery {
  id: number;
  user: string | null;
  channel: string | null;
  /** Redacted. */
  text: string;
  articleId: string | null;
  shareThreadTs: string | null;
}

export interface UsageStats {
  queries: number;
  answered: number;
  feedback: number;
  helpful: number;
  /** helpful / feedback, null when nobody has clicked yet. */
  helpfulRate: number | null;
}

/** How long a write waits for another writer (a `kb index` run) before it gives up. Default 30 s. */
export const WRITE_WAIT_MS = 30_000;

/**
 * What the Slack surfaces remember. Every text is redacted here, at the only door to disk,
 * so no caller can forget to.
 *
 * Writes are asynchronous: each one is tried without waiting on SQLite's lock, and while
 * another process holds the write lock (`kb index` commits its whole run in one transaction)
 * it is retried on a timer, so the bot's event loop keeps acknowledging Slack meanwhile and a
 * busy database never surfaces to a person as an error.
 */
export function createSlackStore(db: Db) {
  const q = {
    insertQuery: db.prepare(
      `INSERT INTO queries (at, surface, channel, user, text, article_id, confidence, share_thread_ts)
       VALUES (@at, @surface, @channel, @user, @text, @articleId, @confidence, @shareThreadTs)`,
    ),
    queryById: db.prepare('SELECT id, user, channel, text, article_id AS articleId, share_thread_ts AS shareThreadTs FROM queries WHERE id = @id'),
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
    signatureSeen: db.prepare('SELECT 1 AS seen FROM request_signatures WHERE signature = @signature AND expires_at >= @now'),
    addSignature: db.prepare('INSERT OR IGNORE INTO request_signatures (signature, expires_at) VALUES (@signature, @expiresAt)'),
    pruneSignatures: db.prepare('DELETE FROM request_signatures WHERE expires_at < @now'),
    deleteSignature: db.prepare('DELETE FROM request_signatures WHERE signature = @signature'),
  };
  const now = () => new Date().toISOString();
  const clean = (s: string) => redactSecrets(s);
  const cleanOrNull = (s: string | null) => (s === null ? null : clean(s));
  let signaturesAdded = 0;

  return {
    /** Records a query (redacted) and returns its id, which feedback buttons carry. */
    recordQuery(r: QueryRecord): Promise<number> {
      // Redact first, then cut: cutting first could split a secret and leave a piece no rule sees.
      const row = { ...r, channel: cleanOrNull(r.channel), user: cleanOrNull(r.user), articleId: cleanOrNull(r.articleId), text: clean(r.text).slice(0, 20_000), shareThreadTs: cleanOrNull(r.shareThreadTs ?? null), at: now() };
      return retryWhileBusy(db, () => Number(q.insertQuery.run(row).lastInsertRowid));
    },

    recordFeedback(queryId: number | null, articleId: string, user: string, helpful: boolean): Promise<void> {
      const row = { queryId, articleId: clean(articleId), user: clean(user), helpful: helpful ? 1 : 0, at: now() };
      return retryWhileBusy(db, () => void q.upsertFeedback.run(row));
    },

    /** A recorded query (its text redacted), which a button's value names; null when there is none. */
    query(id: number): RecordedQuery | null {
      return (q.queryById.get({ id }) as RecordedQuery | undefined) ?? null;
    },

    /**
     * Claims a key (an event id, a channel+ts): true the first time, false ever after, across
     * restarts. This is how a retried or duplicated event gets one reply.
     */
    claim(key: string): Promise<boolean> {
      const row = { key: clean(key), at: now() };
      return retryWhileBusy(db, () => q.markHandled.run(row).changes === 1);
    },

    /** Forgets claims older than `days` (Slack stops retrying after minutes; a week is plenty). */
    pruneClaims(days = 7): void {
      q.pruneHandled.run({ before: new Date(Date.now() - days * 86_400_000).toISOString() });
      q.pruneSignatures.run({ now: Math.floor(Date.now() / 1000) });
    },

    /** Whether a request with this signature was accepted and is still inside its time window. */
    signatureSeen(signature: string, nowSeconds: number): boolean {
      return q.signatureSeen.get({ signature, now: nowSeconds }) !== undefined;
    },

    /** Remembers an accepted request's signature until `expiresAt` (unix seconds); false when it was already there. */
    rememberSignature(signature: string, expiresAt: number): Promise<boolean> {
      return retryWhileBusy(db, () => {
        signaturesAdded += 1;
        if (signaturesAdded % 500 === 0) q.pruneSignatures.run({ now: Math.floor(Date.now() / 1000) });
        return q.addSignature.run({ signature, expiresAt }).changes === 1;
      });
    },

    /** Forgets a signature whose request failed on our side (5xx), so Slack's retry of it is not taken for a replay. */
    forgetSignature(signature: string): Promise<void> {
      return retryWhileBusy(db, () => void q.deleteSignature.run({ signature }));
    },

    /** The channel's own auto-answer switch, or null when it never set one. */
    autoAnswer(channel: string): boolean | null {
      const row = q.getChannel.get({ channel }) as { autoAnswer: number } | undefined;
      return row ? row.autoAnswer === 1 : null;
    },

    setAutoAnswer(channel: string, on: boolean, user: string): Promise<void> {
      const row = { channel: clean(channel), autoAnswer: on ? 1 : 0, user: clean(user), at: now() };
      return retryWhileBusy(db, () => void q.setChannel.run(row));
    },

    rememberThread(channel: string, threadTs: string, asker: string | null): Promise<void> {
      const row = { channel: clean(channel), threadTs: clean(threadTs), asker: cleanOrNull(asker), at: now() };
      return retryWhileBusy(db, () => void q.addThread.run(row));
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

/** SQLite's "another connection holds the lock" errors (SQLITE_BUSY, SQLITE_BUSY_SNAPSHOT, SQLITE_LOCKED, …). */
export function isBusyError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/**
 * Runs a write without blocking the event loop on SQLite's lock: tries it with the busy
 * timeout off, and while another process holds the lock retries it on a timer (10 ms doubling
 * to 250 ms) until `waitMs` has passed, then throws the busy error. `fn` must be a complete
 * write (a statement or a `db.transaction`), so a failed try leaves nothing behind.
 */
export async function retryWhileBusy<T>(db: Db, fn: () => T, waitMs = WRITE_WAIT_MS): Promise<T> {
  const restore = Number(db.pragma('busy_timeout', { simple: true }));
  const busyTimeout = Number.isInteger(restore) && restore >= 0 ? restore : 5000;
  const deadline = Date.now() + waitMs;
  for (let delay = 10; ; delay = Math.min(delay * 2, 250)) {
    db.pragma('busy_timeout = 0');
    try {
      return fn();
    } catch (err) {
      if (!isBusyError(err) || Date.now() + delay > deadline) throw err;
    } finally {
      db.pragma(`busy_timeout = ${busyTimeout}`);
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

/**
 * Runs reads in one read transaction, so they all see one committed state of the index: a
 * `kb index` committing meanwhile is seen entirely or not at all, never half (the matcher makes
 * many queries per answer). WAL readers never wait for the writer.
 */
export function readSnapshot<T>(db: Db, fn: () => T): T {
  if (db.inTransaction) return fn();
  return db.transaction(fn)();
}
