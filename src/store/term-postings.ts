import type { Db } from './database.js';
import type { FrequencyChanges } from './frequency-changes.js';
import { buildFtsQuery } from './fts-query.js';
import { decodeKeySet, encodeKeySet, keySetOf, withChanges } from './key-set.js';

/**
 * A term in more than this many articles keeps its articles in term_postings: the matcher lists
 * rarer terms' articles through FTS5 (all of a query's rare words in one statement, see
 * RARE_DF in src/match/candidates.ts) and intersects commoner ones.
 */
export const POSTINGS_MIN_DF = 64;

/**
 * Keeps term_postings in line with article_fts, like term_df: rebuilt from the FTS index after a
 * run that changed much of the KB, or moved key by key by the changes a smaller run gathered
 * (FrequencyChanges.addPosting). Which terms have postings is decided at the rebuild; a term that
 * becomes common between rebuilds goes on being searched through FTS5, which is as right.
 * `minDf` is POSTINGS_MIN_DF but in tests.
 */
export function createTermPostingsWriter(db: Db, minDf = POSTINGS_MIN_DF) {
  const q = {
    clear: db.prepare('DELETE FROM term_postings'),
    common: db.prepare('SELECT term FROM term_df WHERE df > @min').pluck(),
    postings: db.prepare('SELECT json_group_array(rowid) FROM article_fts WHERE article_fts MATCH @match').pluck(),
    put: db.prepare('INSERT INTO term_postings (term, keys) VALUES (@term, @keys) ON CONFLICT(term) DO UPDATE SET keys = excluded.keys'),
    keys: db.prepare('SELECT keys FROM term_postings WHERE term = @term').pluck(),
    terms: db.prepare('SELECT term FROM term_postings').pluck(),
    built: db.prepare("SELECT 1 FROM kb_meta WHERE name = 'term_postings'").pluck(),
    markBuilt: db.prepare("INSERT INTO kb_meta (name, value) VALUES ('term_postings', 'built') ON CONFLICT(name) DO NOTHING"),
  };
  /** The terms that have postings, read once per run (see has). */
  let kept: Set<string> | null = null;

  return {
    /** Lists every common term's articles again from the FTS index; call after term_df is recounted, inside the indexing transaction. */
    rebuild(): void {
      q.clear.run();
      for (const term of q.common.all({ min: minDf }) as string[]) {
        const match = buildFtsQuery([term]);
        if (!match) continue;
        const keys = JSON.parse(q.postings.get({ match }) as string) as number[];
        // FTS5 lists a term's rows in rowid order; the aggregate is not promised to keep it.
        if (!ascending(keys)) keys.sort((a, b) => a - b);
        q.put.run({ term, keys: encodeKeySet(keySetOf(keys)) });
      }
      q.markBuilt.run();
      kept = null;
    },

    /** True when `term` has postings, whose changes a run must then gather. */
    has(term: string): boolean {
      kept ??= new Set(q.terms.all() as string[]);
      return kept.has(term);
    },

    /**
     * Makes the changes gathered over a run (after term_df has its own). An index that never had
     * postings (made before migration 010) gets them all listed instead.
     */
    apply(pending: FrequencyChanges): void {
      if (!q.built.get()) {
        this.rebuild();
        return;
      }
      for (const { term, keys } of pending.postingChanges()) {
        const stored = q.keys.get({ term }) as Buffer | undefined;
        if (stored) q.put.run({ term, keys: encodeKeySet(withChanges(decodeKeySet(stored), keys)) });
      }
      kept = null;
    },
  };
}

function ascending(keys: readonly number[]): boolean {
  for (let i = 1; i < keys.length; i += 1) if (keys[i]! <= keys[i - 1]!) return false;
  return true;
}
