import { stem } from '../signals/natural.js';
import type { Signal } from '../signals/signal.js';
import { isCommonWord, type WeightedTerm } from './term-weights.js';

/** What one candidate shares with the query, gathered by the matcher. */
export interface Evidence {
  bm25: number;
  strong: number;
  frames: number;
  loggers: number;
  pattern: boolean;
  matched: Array<{ signal: Signal; weight: number }>;
}

export function newEvidence(): Evidence {
  return { bm25: 0, strong: 0, frames: 0, loggers: 0, pattern: false, matched: [] };
}

/**
 * The few strongest pieces of evidence, as a person would name them; `surface` gives the word of
 * the query a term came from (surfaceForms of the query, shared by the candidates described).
 */
export function describeEvidence(e: Evidence, terms: WeightedTerm[], surface: (stemmed: string) => string): string[] {
  const out: string[] = [];
  const bySignal = [...e.matched].sort((a, b) => b.weight - a.weight);
  let frames = 0;
  for (const m of bySignal) {
    if (m.signal.kind === 'frame') {
      frames += 1;
      continue;
    }
    out.push(m.signal.kind === 'exception' ? m.signal.text.split('.').pop()! : m.signal.text);
  }
  if (frames > 0) out.push(`${frames} stack frame${frames > 1 ? 's' : ''}`);
  // Shared words matter when there is little else; shown as the query wrote them, not as stems.
  const words = out.length >= 3 ? [] : terms
    .filter((t) => !t.expanded && !isCommonWord(t.term) && !out.some((o) => lettersAndDigits(o).includes(t.term)))
    .sort((a, b) => b.idf - a.idf)
    .slice(0, 8);
  // Two terms can come from one word of the query (an identifier and a part of it): it is shown once.
  const seen = new Set<string>();
  const shown: string[] = [];
  for (const t of words) {
    if (shown.length === 4) break;
    const written = surface(t.correctedFrom ?? t.term);
    const seenAs = written.toLowerCase();
    if (seen.has(seenAs)) continue;
    seen.add(seenAs);
    shown.push(t.correctedFrom ? `${written} (≈ ${t.term})` : written);
  }
  return [...new Set(out)].slice(0, 5).concat(shown.length ? [`words: ${shown.join(', ')}`] : []);
}

/** surfaceForm for one query, remembering each word looked up. */
export function surfaceForms(text: string): (stemmed: string) => string {
  const found = new Map<string, string>();
  return (stemmed) => {
    let written = found.get(stemmed);
    if (written === undefined) {
      written = surfaceForm(text, stemmed);
      found.set(stemmed, written);
    }
    return written;
  };
}

/** Lower case, without the separators of a compound: `ORA-12514` is ora12514. */
function lettersAndDigits(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * The word of the query that a stem came from ("authent" → "authentication"), else the stem.
 * Porter also rewrites endings ("proxy" → "proxi", "failure" → "failur"): a word that does not
 * start with the stem is found by stemming the words that start with all but its last letter.
 */
function surfaceForm(text: string, stemmed: string): string {
  if (!/^[a-z0-9]+$/.test(stemmed)) return stemmed;
  const head = text.length > 4000 ? text.slice(0, 4000) : text;
  const m = new RegExp(`\\b(${stemmed}[a-z0-9]*)`, 'i').exec(head);
  if (m) return m[1]!;
  // A compound the analyzer joined (`ORA-12514` is the term ora12514, ERR_REQUIRE_ESM errrequireesm).
  const joined = new RegExp(`\\b(${[...stemmed].join('[-_.:]?')})(?![a-z0-9])`, 'i').exec(head);
  if (joined) return joined[1]!;
  if (stemmed.length < 3) return stemmed;
  for (const w of head.matchAll(new RegExp(`\\b${stemmed.slice(0, -1)}[a-z0-9]*`, 'gi'))) {
    if (stem(w[0].toLowerCase()) === stemmed) return w[0];
  }
  return stemmed;
}
