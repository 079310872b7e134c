import { compilePinnedRegex, regexParts } from '../kb/pinned-regex.js';

/**
 * Patterns an article pins in its front matter (`patterns:`): plain strings match
 * case-insensitively as substrings, `/regex/flags` as regular expressions.
 *
 * A KB file is not code, and a pinned regex runs on every query (whole pastes of up to 64 KB):
 * it runs on RE2's linear-time engine (re2js), never on JavaScript's backtracking one, so a
 * pattern like `/(a+)+$/` costs time in proportion to the query, not exponential in it. RE2 has
 * no lookaround or backreferences: such a pattern, or one longer than MAX_PATTERN_CHARS, or one
 * that does not compile, is ignored (the KB author's to fix: `kb index` warns of it, see src/kb/pinned-regex.ts).
 * Flags `i`, `m` and `s` are honoured; `u` is how RE2 reads text anyway.
 */
export interface PinnedPattern {
  articleKey: number;
  source: string;
  /** `normalized` is normalizeForPatterns(text), computed once per query by the caller. */
  test(text: string, normalized: string): boolean;
}

export function compilePatterns(rows: Array<{ key: number; patterns: string[] }>): PinnedPattern[] {
  const out: PinnedPattern[] = [];
  for (const row of rows) {
    for (const p of row.patterns) {
      const re = regexParts(p);
      if (re) {
        const rx = compilePinnedRegex(re.source, re.flags);
        if (rx) out.push({ articleKey: row.key, source: p, test: (t) => rx.test(t) });
      } else if (p.trim().length >= 4) {
        const needle = normalize(p);
        out.push({ articleKey: row.key, source: p, test: (_t, normalized) => normalized.includes(needle) });
      }
    }
  }
  return out;
}

export function normalizeForPatterns(s: string): string {
  return normalize(s);
}

function normalize(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ');
}
