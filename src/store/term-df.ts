import type { Db } from './database.js';

/**
 * Keeps term_df (articles per analyzed term) in line with article_fts, the way signal_df is kept:
 * recounted from the FTS index after a run that changed much of the KB, or moved by the net
 * change of a run that changed a few articles (FrequencyChanges). Field text is analyzed terms joined by spaces (see
 * analyzeArticle), so its words are the very tokens FTS5 indexed.
 */
export function createTermDfWriter(db: Db) {
  const q = {
    clear: db.prepare('DELETE FROM term_df'),
    fill: db.prepare('INSERT INTO term_df (term, df) SELECT term, doc FROM article_fts_vocab'),
    fieldsOf: db.prepare('SELECT title, symptoms, diagnosis, cause, solution, snippets, other FROM article_fts WHERE rowid = @key'),
    raise: db.prepare('INSERT INTO term_df (term, df) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df'),
    lower: db.prepare('UPDATE term_df SET df = df + ? WHERE term = ?'),
    dropIfZero: db.prepare('DELETE FROM term_df WHERE term = ? AND df <= 0'),
  };
  return {
    /** Recounts every term from the FTS index. Call inside the indexing transaction. */
    refresh(): void {
      q.clear.run();
      q.fill.run();
    },
    /** The distinct terms of an indexed article (for a change gathered over a run). */
    termsOf(articleKey: number): string[] {
      const row = q.fieldsOf.get({ key: articleKey }) as Record<string, string | null> | undefined;
      return row ? distinctTerms(Object.values(row)) : [];
    },
    /** Moves one term's count by `delta` (a net change gathered over a run). */
    apply(term: string, delta: number): void {
      if (delta > 0) q.raise.run(term, delta);
      else if (delta < 0) {
        q.lower.run(delta, term);
        q.dropIfZero.run(term);
      }
    },
  };
}

/** The distinct terms of an article's analyzed fields. */
export function distinctTerms(fields: ReadonlyArray<string | null | undefined>): string[] {
  const out = new Set<string>();
  for (const f of fields) if (f) for (const t of f.split(' ')) if (t) out.add(t);
  return [...out];
}
