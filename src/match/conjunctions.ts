import { hasKey, intersect, type KeyBitmap, keysIn } from '../store/key-bitmap.js';
import type { SearchStore } from '../store/search-store.js';

/**
 * The most articles a conjunction of the terms without a bitmap may list for the rest to be
 * checked against bitmaps; past it, FTS5 runs the whole conjunction (and stops at its limit).
 */
const MAX_LISTED = 4096;

/** Articles containing every one of `terms`, the first `limit` in key order (as SearchStore.articlesWithTerms). */
export type Conjunctions = (terms: readonly string[], limit: number) => number[];

/**
 * articlesWithTerms for the conjunctions of one query's words, answered from bitmaps where the
 * words are common. FTS5 finds that few articles have all of some common words only by walking
 * their long postings lists to the end (2 to 3 ms each time at 100,000 articles); a bitmap AND
 * takes microseconds. Words without a bitmap are searched through FTS5 together, listing every
 * article that has them (kept for the next conjunction with the same such words), which the
 * bitmaps then filter. Results are those of articlesWithTerms.
 */
export function conjunctionsOf(search: SearchStore, words: readonly string[], maxListed = MAX_LISTED): Conjunctions {
  const bitmaps = search.termBitmaps(words);
  const listed = new Map<string, number[] | null>();
  return (terms, limit) => {
    const withBitmap: KeyBitmap[] = [];
    const without: string[] = [];
    for (const t of terms) {
      const bits = bitmaps.get(t);
      if (bits) withBitmap.push(bits);
      else without.push(t);
    }
    if (withBitmap.length === 0) return search.articlesWithTerms(terms, limit);
    if (without.length === 0) return keysIn(intersect(withBitmap), limit);
    const id = without.join(' ');
    let keys = listed.get(id);
    if (keys === undefined) {
      const found = search.articlesWithTerms(without, maxListed + 1);
      keys = found.length <= maxListed ? found : null;
      listed.set(id, keys);
    }
    if (keys === null) return search.articlesWithTerms(terms, limit);
    const out: number[] = [];
    for (const k of keys) {
      if (withBitmap.every((b) => hasKey(b, k))) out.push(k);
      if (out.length === limit) break;
    }
    return out;
  };
}
