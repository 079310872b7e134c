import { RE2JS } from 're2js';

/**
 * Patterns an article pins in its front matter (`patterns:`): plain strings match
 * case-insensitively as substrings, `/regex/flags` as regular expressions.
 *
 * A KB file is not code, and a pinned regex runs on every query (whole pastes of up to 64 KB):
 * it runs on RE2's linear-time engine (re2js), never on JavaScript's backtracking one, so a
 * pattern like `/(a+)+$/` costs time in proportion to the query, not exponential in it. RE2 has
 * no lookaround or backreferences: such a pattern, or one longer than MAX_PATTERN_CHARS, or one
 * that does not compile, is ignored (the KB author's to fix; `kb index` cannot judge intent).
 * Flags `i`, `m` and `s` are honoured; `u` is how RE2 reads text anyway.
 */
export interface PinnedPattern {
  articleKey: number;
  source: string;
  /** `normalized` is normalizeForPatterns(text), computed once per query by the caller. */
  test(text: string, normalized: string): boolean;
}

/** The longest regex source compiled: RE2's program grows with it, and so does the time per character. */
export const MAX_PATTERN_CHARS = 1000;
/** The most of a query a regex reads (the matcher's own cap, src/match/prepare-query.ts MAX_QUERY_CHARS). */
export const MAX_PATTERN_INPUT_CHARS = 64 * 1024;

const FLAGS: Record<string, number> = { i: RE2JS.CASE_INSENSITIVE, m: RE2JS.MULTILINE, s: RE2JS.DOTALL, u: 0 };

/** A `/regex/flags` pattern on the linear-time engine, or null when RE2 cannot run it. */
export function compilePinnedRegex(source: string, flags: string): { test(text: string): boolean } | null {
  if (source.length > MAX_PATTERN_CHARS) return null;
  let bits = 0;
  for (const f of flags) bits |= FLAGS[f] ?? 0;
  try {
    const rx = RE2JS.compile(source, bits);
    return { test: (text) => rx.test(text.length > MAX_PATTERN_INPUT_CHARS ? text.slice(0, MAX_PATTERN_INPUT_CHARS) : text) };
  } catch {
    return null;
  }
}

export function compilePatterns(rows: Array<{ key: number; patterns: string[] }>): PinnedPattern[] {
  const out: PinnedPattern[] = [];
  for (const row of rows) {
    for (const p of row.patterns) {
      const re = /^\/(.+)\/([imsu]*)$/s.exec(p);
      if (re) {
        const rx = compilePinnedRegex(re[1]!, re[2]!);
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
