import type { SignalKind } from '../signals/signal.js';
import type { Db } from './database.js';
import { FTS_COLUMN_WEIGHTS, buildFtsQuery } from './fts-query.js';

export interface FtsHit {
  key: number;
  /** bm25 relevance, higher is better (FTS5's rank negated). */
  score: number;
}

export interface SignalPosting {
  articleKey: number;
  kind: SignalKind;
  key: string;
}

const W = FTS_COLUMN_WEIGHTS;

/** The read side of the index: full-text search, term and signal statistics. */
export function createSearchStore(db: Db) {
  const q = {
    fts: db.prepare(
      `SELECT rowid AS key, -bm25(article_fts, ${W.title}, ${W.symptoms}, ${W.diagnosis}, ${W.cause}, ${W.solution}, ${W.snippets}, ${W.other}) AS score
       FROM article_fts WHERE article_fts MATCH @match ORDER BY rank LIMIT @limit`,
    ),
    termDf: db.prepare('SELECT doc FROM article_fts_vocab WHERE term = @term'),
    termsWithPrefix: db.prepare(
      'SELECT term, doc FROM article_fts_vocab WHERE term >= @lo AND term < @hi LIMIT 400',
    ),
    articleCount: db.prepare('SELECT count(*) AS n FROM articles'),
    signalDf: db.prepare('SELECT df FROM signal_df WHERE kind = @kind AND key = @key'),
    postings: db.prepare('SELECT article_key AS articleKey FROM signals WHERE kind = @kind AND key = @key LIMIT @limit'),
    fields: db.prepare('SELECT title, symptoms, diagnosis, cause, solution, snippets, other FROM article_fts WHERE rowid = @key'),
    messagesOf: db.prepare(`SELECT key FROM signals WHERE article_key = @key AND kind = 'message'`),
    titleOf: db.prepare('SELECT title FROM articles WHERE key = @key'),
  };

  return {
    articleCount(): number {
      return (q.articleCount.get() as { n: number }).n;
    },

    /** Ranks articles by bm25 over the analyzed terms, OR-ed. */
    search(terms: readonly string[], limit: number): FtsHit[] {
      const match = buildFtsQuery(terms);
      if (!match) return [];
      return q.fts.all({ match, limit }) as FtsHit[];
    },

    /** In how many articles a term occurs (0 when unknown). */
    termDocFrequency(term: string): number {
      return (q.termDf.get({ term }) as { doc: number } | undefined)?.doc ?? 0;
    },

    /** Index terms starting with `prefix`: the candidates for correcting a misspelled word. */
    termsWithPrefix(prefix: string): Array<{ term: string; doc: number }> {
      return q.termsWithPrefix.all({ lo: prefix, hi: `${prefix}\uffff` }) as Array<{ term: string; doc: number }>;
    },

    signalDocFrequency(kind: SignalKind, key: string): number {
      return (q.signalDf.get({ kind, key }) as { df: number } | undefined)?.df ?? 0;
    },

    /** Articles carrying a signal, at most `limit` of them. */
    articlesWithSignal(kind: SignalKind, key: string, limit: number): number[] {
      return (q.postings.all({ kind, key, limit }) as Array<{ articleKey: number }>).map((r) => r.articleKey);
    },

    /** The analyzed terms of an article, all fields, per field. */
    fieldsOf(key: number): Record<string, string> | null {
      return (q.fields.get({ key }) as Record<string, string> | undefined) ?? null;
    },

    /** The article's title as written. */
    titleOf(key: number): string {
      return (q.titleOf.get({ key }) as { title: string } | undefined)?.title ?? '';
    },

    messageTemplatesOf(key: number): string[] {
      return (q.messagesOf.all({ key }) as Array<{ key: string }>).map((r) => r.key);
    },
  };
}

export type SearchStore = ReturnType<typeof createSearchStore>;
