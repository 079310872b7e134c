import type { QueryWords } from './query-words.js';

/** FTS5's bm25 parameters (fts5_aux.c). */
const K1 = 1.2;
const B = 0.75;

/** The query side of bm25: FTS5's idf per query word (0 for words that are not searched). */
export interface Bm25Query {
  idf: Float64Array;
  averageLength: number;
}

/**
 * Prepares bm25 for the searched terms with their document frequencies, in an index of `rows`
 * rows holding `averageLength` tokens on average. A term's `scale` (default 1) multiplies what
 * it contributes (FTS5 has no such thing: with scales of 1 this is FTS5's bm25).
 */
export function bm25Query(
  words: QueryWords,
  terms: ReadonlyArray<{ term: string; df: number; scale?: number }>,
  rows: number,
  averageLength: number,
): Bm25Query {
  const idf = new Float64Array(words.words.length);
  for (const t of terms) {
    const i = words.index.get(t.term);
    if (i === undefined) continue;
    const x = Math.log((rows - t.df + 0.5) / (t.df + 0.5));
    idf[i] = (x > 0 ? x : 1e-6) * (t.scale ?? 1);
  }
  return { idf, averageLength: averageLength > 0 ? averageLength : 1 };
}

/**
 * What `bm25(article_fts, <column weights>)` gives an article for an OR of the searched terms,
 * negated (higher is better), computed from the article's column-weighted term frequencies (see
 * countQueryWords) and its length in tokens, instead of by FTS5, which ranks every article
 * containing any of the words to find the best few.
 */
export function bm25(weighted: Float64Array, length: number, q: Bm25Query): number {
  const norm = K1 * (1 - B + (B * length) / q.averageLength);
  let score = 0;
  for (let i = 0; i < weighted.length; i += 1) {
    const f = weighted[i]!;
    const idf = q.idf[i]!;
    if (f > 0 && idf > 0) score += (idf * (f * (K1 + 1))) / (f + norm);
  }
  return score;
}

/**
 * The most bm25 an article can get from the query words for which `mayHave(i)` holds, whatever
 * its text: each word adds less than idf * (k1 + 1) however often it occurs.
 */
export function bm25Ceiling(q: Bm25Query, mayHave: (slot: number) => boolean): number {
  let ceiling = 0;
  for (let i = 0; i < q.idf.length; i += 1) {
    const idf = q.idf[i]!;
    if (idf > 0 && mayHave(i)) ceiling += idf * (K1 + 1);
  }
  return ceiling;
}
