/**
 * Patterns an article pins in its front matter (`patterns:`): plain strings match
 * case-insensitively as substrings, `/regex/flags` as regular expressions. A pattern that
 * does not compile is ignored (it is the KB author's to fix; `kb index` cannot judge intent).
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
      const re = /^\/(.+)\/([imsu]*)$/s.exec(p);
      if (re) {
        try {
          const rx = new RegExp(re[1]!, re[2]!.replace(/[^imsu]/g, ''));
          out.push({ articleKey: row.key, source: p, test: (t) => rx.test(t) });
        } catch {
          // not a valid regex: skipped
        }
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
