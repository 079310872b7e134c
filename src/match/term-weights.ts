import { createRequire } from 'node:module';
import { similarity, stem } from '../signals/natural.js';
import { editDistance, letterBagDistance } from './edit-distance.js';
import type { SearchStore } from '../store/search-store.js';

export interface WeightedTerm {
  term: string;
  /** Articles containing the term. */
  df: number;
  /** Inverse document frequency, BM25 style (never negative). */
  idf: number;
  /** Set when the term is a correction of a misspelled query word. */
  correctedFrom?: string;
  /** Set when the term was added for an everyday phrase of the query. */
  expanded?: boolean;
}

/**
 * Everyday English words (the stopwords-iso list, stemmed): in a small KB they look rare,
 * but they say little about which problem a message is about. They count at a fraction of their idf.
 */
const COMMON = new Set(
  (createRequire(import.meta.url)('stopwords-iso') as { en: string[] }).en.map((w) => stem(w.toLowerCase())),
);
export const COMMON_WORD_FACTOR = 0.3;
/** Misspelling corrections tried per query. */
const MAX_CORRECTIONS = 6;

export function isCommonWord(term: string): boolean {
  return COMMON.has(term);
}

/** BM25's idf, floored so a term in every article still counts a little. */
export function idf(df: number, n: number): number {
  return Math.max(0.05, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
}

/**
 * Looks up how rare each query term is, and corrects misspelled words (`JwtInvalidClaimExeption`)
 * to the nearest index term with the same first two letters when the edit is small.
 */
export function weighTerms(
  store: SearchStore,
  terms: readonly string[],
  n: number,
  cache: Map<string, number>,
  /** Corrections already looked up for this index, kept across calls (a miss is remembered as null). */
  correctionCache: Map<string, Correction | null> = new Map(),
): {
  known: WeightedTerm[];
  unknown: string[];
} {
  const known: WeightedTerm[] = [];
  const unknown: string[] = [];
  // One statement for the terms not seen before (a long paste has hundreds), not one each.
  let missing = [...new Set(terms.filter((t) => !cache.has(t)))];
  if (cache.size + missing.length > 100_000) {
    cache.clear();
    missing = [...new Set(terms)];
  }
  for (const t of missing) cache.set(t, 0);
  for (const [t, df] of store.termDocFrequencies(missing)) cache.set(t, df);
  const lookup = (t: string) => cache.get(t) ?? 0;
  let corrections = 0;
  for (const term of terms) {
    const df = lookup(term);
    if (df > 0) {
      known.push({ term, df, idf: idf(df, n) * (COMMON.has(term) ? COMMON_WORD_FACTOR : 1) });
      continue;
    }
    unknown.push(term);
    // Only long, rare-looking words are corrected: "anyon" is "anyone", not a typo of "anon".
    // A long paste has many unknown words (host and app names); a few corrections are enough.
    const tryIt = corrections < MAX_CORRECTIONS && /^[a-z]{6,40}$/.test(term) && !COMMON.has(term);
    if (tryIt) corrections += 1;
    let fix: Correction | null = null;
    if (tryIt) {
      const cached = correctionCache.get(term);
      fix = cached !== undefined ? cached : correct(store, term);
      if (cached === undefined) {
        if (correctionCache.size > 10_000) correctionCache.clear();
        correctionCache.set(term, fix);
      }
    }
    if (fix) known.push({ term: fix.term, df: fix.doc, idf: idf(fix.doc, n) * 0.8, correctedFrom: term });
  }
  return { known, unknown };
}

/** The index term a misspelled query word stands for, and in how many articles it is. */
export interface Correction {
  term: string;
  doc: number;
}

function correct(store: SearchStore, word: string): Correction | null {
  const maxEdits = word.length >= 9 ? 2 : 1;
  let best: { term: string; doc: number; d: number; sim: number } | null = null;
  for (const cand of store.termsWithPrefix(word.slice(0, 2), word.length - maxEdits, word.length + maxEdits)) {
    if (Math.abs(cand.term.length - word.length) > maxEdits || !/^[a-z]+$/.test(cand.term)) continue;
    // Most of the few hundred terms sharing the first two letters differ in more letters than the
    // edits allowed: the letter count rules them out before the (costly) edit distance is run.
    if (letterBagDistance(word, cand.term) > maxEdits) continue;
    const d = editDistance(word, cand.term);
    if (d > maxEdits) continue;
    const sim = similarity(word, cand.term);
    if (sim < 0.9) continue;
    if (!best || d < best.d || (d === best.d && (sim > best.sim || (sim === best.sim && cand.doc > best.doc)))) {
      best = { ...cand, d, sim };
    }
  }
  return best ? { term: best.term, doc: best.doc } : null;
}
