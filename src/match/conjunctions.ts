import { hasKey, intersectKeys, type KeySet } from '../store/key-set.js';
import type { SearchStore } from '../store/search-store.js';

/**
 * The most articles a conjunction of the words without postings may list for the rest to be
 * checked against postings; past it, FTS5 runs the whole conjunction (and stops at its limit).
 */
const MAX_LISTED = 4096;

/** Articles containing every one of `terms`, the first `limit` in key order (as SearchStore.articlesWithTerms). */
export type Conjunctions = (terms: readonly string[], limit: number) => number[];

/**
 * articlesWithTerms for the conjunctions of one query's words, answered from the postings the
 * index keeps of common words (term_postings, as SearchStore.termPostings reads them once per
 * query). FTS5 finds that few articles have all of some common words only by walking their
 * postings lists to the end (2 to 3 ms each time at 100,000 articles); intersecting the stored
 * sets takes microseconds. Words without postings (rare ones, or common only since the last full
 * index) are searched through FTS5 together, listing every article that has them (kept for the
 * next conjunction with the same such words), which the others then filter. Results are those of
 * articlesWithTerms.
 */
export function conjunctionsOf(search: SearchStore, postings: ReadonlyMap<string, KeySet>, maxListed = MAX_LISTED): Conjunctions {
  const listed = new Map<string, number[] | null>();
  return (terms, limit) => {
    const stored: KeySet[] = [];
    const without: string[] = [];
    for (const t of terms) {
      const set = postings.get(t);
      if (set) stored.push(set);
      else without.push(t);
    }
    if (stored.length === 0) return search.articlesWithTerms(terms, limit);
    if (without.length === 0) return intersectKeys(stored, limit);
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
      if (stored.every((s) => hasKey(s, k))) out.push(k);
      if (out.length === limit) break;
    }
    return out;
  };
}
