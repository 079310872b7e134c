import type { Db } from './database.js';
import type { FrequencyChanges } from './frequency-changes.js';
import { buildFtsQuery } from './fts-query.js';
import { bitmapOf, type KeyBitmap, withKey } from './key-bitmap.js';

/**
 * A term keeps a bitmap of its articles when that is smaller than its postings as 32-bit keys:
 * when it is in more than 1 in this many articles (migrations/010-term-bitmaps.sql).
 */
export const BITMAP_SHARE = 32;

/**
 * Keeps term_bitmaps in line with article_fts, like term_df: rebuilt from the FTS index after a
 * run that changed much of the KB, or moved key by key by the changes a smaller run gathered
 * (FrequencyChanges.addPosting). Which terms have one is decided at the rebuild; a term that
 * becomes common between rebuilds goes on being searched through FTS5, which is as right.
 */
export function createTermBitmapWriter(db: Db) {
  const q = {
    clear: db.prepare('DELETE FROM term_bitmaps'),
    common: db.prepare('SELECT term FROM term_df WHERE df * @share > (SELECT count(*) FROM articles)').pluck(),
    postings: db.prepare('SELECT json_group_array(rowid) FROM article_fts WHERE article_fts MATCH @match').pluck(),
    put: db.prepare('INSERT INTO term_bitmaps (term, bits) VALUES (@term, @bits) ON CONFLICT(term) DO UPDATE SET bits = excluded.bits'),
    bits: db.prepare('SELECT bits FROM term_bitmaps WHERE term = @term').pluck(),
    terms: db.prepare('SELECT term FROM term_bitmaps').pluck(),
    built: db.prepare("SELECT 1 FROM kb_meta WHERE name = 'term_bitmaps'").pluck(),
    markBuilt: db.prepare("INSERT INTO kb_meta (name, value) VALUES ('term_bitmaps', 'built') ON CONFLICT(name) DO NOTHING"),
  };
  /** The terms that have a bitmap, read once per run (see has). */
  let kept: Set<string> | null = null;

  const put = (term: string, bits: KeyBitmap) => q.put.run({ term, bits: blob(bits) });

  return {
    /** Builds every bitmap again from the FTS index; call after term_df is recounted, inside the indexing transaction. */
    rebuild(): void {
      q.clear.run();
      for (const term of q.common.all({ share: BITMAP_SHARE }) as string[]) {
        const match = buildFtsQuery([term]);
        if (match) put(term, bitmapOf(JSON.parse(q.postings.get({ match }) as string) as number[]));
      }
      q.markBuilt.run();
      kept = null;
    },

    /** True when `term` has a bitmap, whose changes a run must then gather. */
    has(term: string): boolean {
      kept ??= new Set(q.terms.all() as string[]);
      return kept.has(term);
    },

    /**
     * Sets and clears the keys gathered over a run (after term_df has its changes). An index
     * that never had bitmaps (made before migration 010) gets them all built instead.
     */
    apply(pending: FrequencyChanges): void {
      if (!q.built.get()) {
        this.rebuild();
        return;
      }
      for (const { term, keys } of pending.postingChanges()) {
        const stored = q.bits.get({ term }) as Buffer | undefined;
        if (!stored) continue;
        let bits: KeyBitmap = new Uint8Array(stored);
        for (const { key, on } of keys) bits = withKey(bits, key, on);
        put(term, bits);
      }
      kept = null;
    },
  };
}

/** A bitmap as stored: without the zero bytes at its end (they say nothing). */
function blob(bits: KeyBitmap): Buffer {
  let end = bits.length;
  while (end > 0 && bits[end - 1] === 0) end -= 1;
  return Buffer.from(bits.buffer, bits.byteOffset, end);
}
