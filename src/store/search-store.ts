import { type SignalKind, signalId } from '../signals/signal.js';
import type { Db } from './database.js';
import { FTS_COLUMN_WEIGHTS, buildFtsQuery } from './fts-query.js';
import { decodeKeySet, type KeySet } from './key-set.js';

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
    termDf: db.prepare('SELECT df FROM term_df WHERE term = @term').pluck(),
    termDfs: db.prepare('SELECT term, df FROM term_df WHERE term IN (SELECT value FROM json_each(@terms))').raw(),
    termsWithPrefix: db.prepare(
      `SELECT term, df AS doc FROM term_df WHERE term >= @lo AND term < @hi
       AND length(term) BETWEEN @shortest AND @longest AND term NOT GLOB '*[^a-z]*' LIMIT 400`,
    ),
    // As one JSON array: a long list (thousands of keys) costs a third less than a row per key.
    matching: db.prepare('SELECT json_group_array(rowid) FROM (SELECT rowid FROM article_fts WHERE article_fts MATCH @match LIMIT @limit)').pluck(),
    // One MATCH per element of @matches, in their order, each cut at @limit; one statement in all.
    matchingEach: db
      .prepare(
        `SELECT (SELECT json_group_array(rowid) FROM (SELECT rowid FROM article_fts WHERE article_fts MATCH j.value LIMIT @limit))
         FROM json_each(@matches) j ORDER BY j.key`,
      )
      .pluck(),
    ftsAverages: db.prepare('SELECT block FROM article_fts_data WHERE id = 1').pluck(),
    articleCount: db.prepare('SELECT count(*) AS n FROM articles'),
    signalDfs: db.prepare(
      `SELECT d.kind, d.key, d.df FROM json_each(@signals) j
       JOIN signal_df d ON d.kind = json_extract(j.value, '$[0]') AND d.key = json_extract(j.value, '$[1]')`,
    ).raw(),
    postings: db.prepare('SELECT article_key AS articleKey FROM signals WHERE kind = @kind AND key = @key LIMIT @limit'),
    termPostings: db.prepare('SELECT term, keys FROM term_postings WHERE term IN (SELECT value FROM json_each(@terms))').raw(),
    // One read per shortlisted article: its analyzed text (FTS5's content table, a plain B-tree
    // lookup), then its row for its title as written and its signal keys (a JSON array of
    // [kind, key] pairs, migration 008).
    text: db.prepare(
      `SELECT c.c0, c.c1, c.c2, c.c3, c.c4, c.c5, c.c6, a.title AS heading, a.signal_keys AS signals
       FROM article_fts_content c JOIN articles a ON a.key = c.id WHERE c.id = @key`,
    ).raw(),
  };

  return {
    articleCount(): number {
      return (q.articleCount.get() as { n: number }).n;
    },

    /**
     * Ranks articles by FTS5's bm25 over the analyzed terms, OR-ed. The matcher does not call it
     * (it takes candidates through articlesWithTerms and ranks them with src/match/bm25.ts, which
     * the tests check against this).
     */
    search(terms: readonly string[], limit: number): FtsHit[] {
      const match = buildFtsQuery(terms);
      if (!match) return [];
      return q.fts.all({ match, limit }) as FtsHit[];
    },

    /**
     * Articles containing every one of `terms` (or any one, with `any`), at most `limit`, in key
     * order: no ranking, so FTS5 stops at the limit instead of scoring every article that matches.
     */
    articlesWithTerms(terms: readonly string[], limit: number, any = false): number[] {
      const match = buildFtsQuery(terms, any ? 'OR' : 'AND');
      return match ? (JSON.parse(q.matching.get({ match, limit }) as string) as number[]) : [];
    },

    /**
     * articlesWithTerms of each term on its own (at most `limit` articles each, in key order), in
     * one statement: a query with dozens of rare words pays for one call, not one per word.
     */
    articlesWithEachTerm(terms: readonly string[], limit: number): number[][] {
      const matches = terms.map((t) => buildFtsQuery([t]));
      const asked = matches.filter((m): m is string => m !== null);
      const found = asked.length ? (q.matchingEach.all({ matches: JSON.stringify(asked), limit }) as string[]) : [];
      let next = 0;
      return matches.map((m) => (m === null ? [] : (JSON.parse(found[next++] ?? '[]') as number[])));
    },

    /**
     * The articles containing each of `terms` that keeps them (a common term, see
     * migrations/010-term-postings.sql), in one statement; other terms are left out.
     */
    termPostings(terms: readonly string[]): Map<string, KeySet> {
      const rows = terms.length ? (q.termPostings.all({ terms: JSON.stringify(terms) }) as Array<[string, Buffer]>) : [];
      return new Map(rows.map(([term, keys]) => [term, decodeKeySet(keys)]));
    },

    /** In how many articles a term occurs (0 when unknown). */
    termDocFrequency(term: string): number {
      return (q.termDf.get({ term }) as number | undefined) ?? 0;
    },

    /** In how many articles each of `terms` occurs, in one statement; unknown terms are left out. */
    termDocFrequencies(terms: readonly string[]): Array<[term: string, df: number]> {
      return terms.length ? (q.termDfs.all({ terms: JSON.stringify(terms) }) as Array<[string, number]>) : [];
    },

    /**
     * What bm25 needs of the whole index: the number of rows and the average row length in
     * tokens, from FTS5's own running totals (the "averages" record of article_fts_data: varints
     * for the row count, then each column's token count). Null when that record cannot be read.
     */
    ftsTotals(): FtsTotals | null {
      const block = q.ftsAverages.get() as Buffer | undefined;
      return block ? parseFtsAverages(block) : null;
    },

    /**
     * Index terms of letters a-z only, starting with `prefix`, `shortest` to `longest` letters
     * long: the candidates for correcting a misspelled word.
     */
    termsWithPrefix(prefix: string, shortest = 1, longest = 1000): Array<{ term: string; doc: number }> {
      return q.termsWithPrefix.all({ lo: prefix, hi: `${prefix}\uffff`, shortest, longest }) as Array<{ term: string; doc: number }>;
    },

    /** In how many articles each signal occurs, in one statement, by signalId; unknown signals are left out. */
    signalDocFrequencies(signals: ReadonlyArray<{ kind: SignalKind; key: string }>): Map<string, number> {
      const out = new Map<string, number>();
      if (!signals.length) return out;
      const rows = q.signalDfs.all({ signals: JSON.stringify(signals.map((s) => [s.kind, s.key])) }) as Array<[SignalKind, string, number]>;
      for (const [kind, key, df] of rows) out.set(signalId(kind, key), df);
      return out;
    },

    /** Articles carrying a signal, at most `limit` of them. */
    articlesWithSignal(kind: SignalKind, key: string, limit: number): number[] {
      return (q.postings.all({ kind, key, limit }) as Array<{ articleKey: number }>).map((r) => r.articleKey);
    },

    /** The analyzed terms of an article per field, its title as written and its signals, in one read. */
    textOf(key: number): ArticleText | null {
      const row = q.text.get({ key }) as Array<string | null> | undefined;
      if (!row) return null;
      const fields = {} as Record<FtsColumn, string | null>;
      FTS_COLUMN_NAMES.forEach((c, i) => {
        fields[c] = row[i] ?? null;
      });
      const signals = (JSON.parse(row[FTS_COLUMN_NAMES.length + 1] ?? '[]') as Array<[SignalKind, string]>).map(([kind, k]) => ({ kind, key: k }));
      return { fields, heading: row[FTS_COLUMN_NAMES.length] ?? '', signals };
    },
  };
}

export type SearchStore = ReturnType<typeof createSearchStore>;

/** article_fts columns, in order. */
export const FTS_COLUMN_NAMES = ['title', 'symptoms', 'diagnosis', 'cause', 'solution', 'snippets', 'other'] as const;
export type FtsColumn = (typeof FTS_COLUMN_NAMES)[number];

/** What the matcher reads of one article's text. */
export interface ArticleText {
  /** Analyzed terms per article_fts column, space-separated (null for an empty column). */
  fields: Record<FtsColumn, string | null>;
  /** The title as written (quotes and all). */
  heading: string;
  /** Every signal the article carries (kind and key). */
  signals: Array<{ kind: SignalKind; key: string }>;
}

export interface FtsTotals {
  rows: number;
  /** Tokens per row, all columns together. */
  averageLength: number;
}

/** Decodes FTS5's averages record: SQLite varints, the row count, then one token total per column. */
export function parseFtsAverages(block: Uint8Array): FtsTotals | null {
  let at = 0;
  const varint = (): number | null => {
    let v = 0;
    for (let i = 0; i < 9; i += 1) {
      if (at >= block.length) return null;
      const b = block[at++]!;
      if (i === 8) return v * 256 + b;
      v = v * 128 + (b & 0x7f);
      if ((b & 0x80) === 0) return v;
    }
    return v;
  };
  const rows = varint();
  if (rows === null || rows <= 0) return null;
  let tokens = 0;
  for (let c = 0; c < FTS_COLUMN_NAMES.length; c += 1) {
    const t = varint();
    if (t === null) return null;
    tokens += t;
  }
  return { rows, averageLength: tokens / rows };
}
