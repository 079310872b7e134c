import type { SignalKind } from '../signals/signal.js';
import type { SearchStore } from '../store/search-store.js';
import { hasKey } from '../store/key-set.js';
import { type Conjunctions, conjunctionsOf } from './conjunctions.js';

/** A query term as candidate generation sees it. */
export interface LeadTerm {
  term: string;
  df: number;
  /** How much sharing it says about an article (idf, less for accidental rarity). */
  weight: number;
  /**
   * Its rank among the words conjunctions start from and add: its idf, much less for a word
   * that looks variable (a host, an id, a count), 0 for one the query does not contain (an
   * everyday-word expansion), which would narrow the search to the wrong articles.
   */
  probeWeight: number;
}

/** A query signal whose articles can be listed. */
export interface LeadSignal {
  kind: SignalKind;
  key: string;
  df: number;
}

/** What is known about a candidate before its text is read: the evidence that found it. */
export interface Lead {
  /** Query terms it is known to contain. */
  terms: Set<string>;
  /** Query signals (by index in the list given) it is known to carry. */
  signals: number[];
}

/** The candidates for a query, and which evidence they list in full. */
export interface Gathered {
  leads: Map<number, Lead>;
  /**
   * Terms and signals (by index) whose every article is among the leads, with the term or signal
   * in its Lead: an article that is not a lead, or whose Lead lacks one of them, lacks it.
   */
  complete: { terms: Set<string>; signals: Set<number> };
}

/**
 * A term or signal in at most this many articles is rare: all its articles are listed (one
 * index lookup each). Commoner words find candidates through conjunctions instead (see probe).
 */
export const RARE_DF = 64;
/** Articles listed per rare term, and in all, per query. */
const MAX_RARE_ROWS = 4000;
/** A conjunction is narrow enough when it leaves at most this many articles. */
const PROBE_LIMIT = 32;
/** Conjunctions tried per probe, at most (two probes per query). */
const PROBE_STEPS = 8;
/** Terms a probe considers, best first. */
const PROBE_TERMS = 12;

/**
 * The articles worth scoring for a query, each with the evidence that found it, through the
 * index only (cost grows with how many articles share rare evidence, not with the KB):
 *
 * - every article with a rare term or a rare signal (ids, own stack frames, error codes);
 * - for words each in many articles, conjunctions: starting from the most telling word, add the
 *   next while some article still has them all, until few articles are left. A word no article
 *   has together with the others (a host name, an id) is skipped; a second probe starts one
 *   word later in case the first word was such noise.
 *
 * For the common words whose articles the index keeps (term_postings), which of them each
 * candidate has is known as well, so they are listed in `complete` like the rare ones.
 */
export function gatherCandidates(
  search: SearchStore,
  terms: readonly LeadTerm[],
  signals: readonly LeadSignal[],
  /** Articles found otherwise (a pinned pattern the query matches): leads whatever they share. */
  found: Iterable<number> = [],
): Gathered {
  const leads = new Map<number, Lead>();
  const complete: Gathered['complete'] = { terms: new Set(terms.filter((t) => t.df === 0).map((t) => t.term)), signals: new Set() };
  const lead = (key: number) => {
    let l = leads.get(key);
    if (!l) {
      l = { terms: new Set(), signals: [] };
      leads.set(key, l);
    }
    return l;
  };

  let rows = 0;
  const rare: string[] = [];
  for (const t of [...terms].filter((x) => x.df > 0 && x.df <= RARE_DF).sort((a, b) => a.df - b.df)) {
    if (rows + t.df > MAX_RARE_ROWS) break;
    rows += t.df;
    rare.push(t.term);
  }
  search.articlesWithEachTerm(rare, RARE_DF).forEach((keys, i) => {
    const term = rare[i]!;
    for (const key of keys) lead(key).terms.add(term);
    complete.terms.add(term);
  });
  signals.forEach((s, i) => {
    if (s.df === 0) complete.signals.add(i);
    if (s.df === 0 || s.df > RARE_DF) return;
    for (const key of search.articlesWithSignal(s.kind, s.key, RARE_DF)) lead(key).signals.push(i);
    complete.signals.add(i);
  });

  // The articles of common words, where the index keeps them (term_postings), in one read.
  const postings = search.termPostings(terms.filter((t) => t.df > RARE_DF).map((t) => t.term));
  const common = [...terms]
    .filter((t) => t.df > RARE_DF && t.probeWeight > 0)
    .sort((a, b) => b.probeWeight - a.probeWeight || a.term.localeCompare(b.term))
    .slice(0, PROBE_TERMS);
  for (const found of probe(conjunctionsOf(search, postings), common)) for (const key of found.keys) for (const t of found.terms) lead(key).terms.add(t);
  for (const key of found) lead(key);
  // Which of those common words each candidate has is then known too, without reading it.
  for (const [term, set] of postings) {
    for (const [key, l] of leads) if (hasKey(set, key)) l.terms.add(term);
    complete.terms.add(term);
  }
  return { leads, complete };
}

/**
 * Narrows down to the few articles that have most of `terms` (best first) together: adds each
 * next word while some article still has all the words kept, until at most PROBE_LIMIT articles
 * are left. A word no article has together with the others (the query's own wording, a detail of
 * this occurrence) is passed over. The first word is trusted; a second search starts without it.
 */
function probe(articlesWithTerms: Conjunctions, terms: readonly LeadTerm[]): Array<{ terms: string[]; keys: number[] }> {
  const out: Array<{ terms: string[]; keys: number[] }> = [];
  for (let start = 0; start < 2 && start + 1 < terms.length; start += 1) {
    const kept = [terms[start]!.term];
    let keys: number[] = [];
    for (let i = start + 1, steps = 0; i < terms.length && steps < PROBE_STEPS; i += 1) {
      steps += 1;
      const t = terms[i]!.term;
      const found = articlesWithTerms([...kept, t], PROBE_LIMIT + 1);
      if (found.length === 0) continue;
      kept.push(t);
      keys = found;
      if (found.length <= PROBE_LIMIT) break;
    }
    if (kept.length >= 2) out.push({ terms: kept, keys: keys.slice(0, PROBE_LIMIT) });
  }
  return out;
}
