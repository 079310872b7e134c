import everyday from './everyday-words.json' with { type: 'json' };
import { analyzeTerms } from '../signals/terms.js';

/** Everyday phrases in the query, as the terms KB articles use for them. */
const PHRASES: Array<{ re: RegExp; terms: string[] }> = Object.entries(everyday as Record<string, string | string[]>)
  .filter(([phrase]) => !phrase.startsWith('_'))
  .map(([phrase, to]) => ({
    re: new RegExp(`(?:^|[^a-z0-9])${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[ -]/g, '[ -]?')}(?:$|[^a-z0-9])`),
    terms: analyzeTerms((Array.isArray(to) ? to : [to]).join(' ')),
  }));

/**
 * Terms to add to a query written in everyday words ("the wiki", "a smiley", "the package
 * installer"), so it meets articles written in product terms. Only consulted for short, prose
 * queries: a pasted log already speaks the KB's language.
 */
export function expandQuery(text: string, present: ReadonlySet<string>): string[] {
  if (text.length > 1500) return [];
  const lower = text.toLowerCase();
  const out = new Set<string>();
  for (const p of PHRASES) {
    if (p.re.test(lower)) for (const t of p.terms) if (!present.has(t)) out.add(t);
  }
  return [...out];
}
