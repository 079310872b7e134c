/** What FTS5's unicode61 tokenizer keeps in a token: letters, numbers, private-use characters. */
const NOT_TOKEN = /[^\p{L}\p{N}\p{Co}]+/u;

/**
 * Builds the FTS5 MATCH expression. A term is cut into the tokens FTS5 would make of it, each
 * wrapped in double quotes (an FTS5 string), so nothing a user pastes (`"`, `*`, `NEAR`, `-`,
 * `:`, `^`, `AND`/`OR`/`NOT`) is ever read as FTS5 syntax; a term of several tokens (`jwt.qsh`)
 * asks for all of them, not for a phrase: article_fts keeps no positions (migration 007). Terms
 * are OR-ed unless `operator` says AND. Returns null when there is nothing to search.
 */
export function buildFtsQuery(terms: readonly string[], operator: 'OR' | 'AND' = 'OR'): string | null {
  const parts = new Set<string>();
  for (const t of terms) {
    const tokens = t.split(NOT_TOKEN).filter((x) => x.length > 0);
    if (tokens.length === 0) continue;
    const quoted = tokens.map((x) => `"${x}"`);
    parts.add(quoted.length === 1 ? quoted[0]! : `(${quoted.join(' AND ')})`);
  }
  return parts.size ? [...parts].join(` ${operator} `) : null;
}

/** Column weights for bm25(), in the order of the article_fts columns. */
export const FTS_COLUMN_WEIGHTS = {
  title: 6,
  symptoms: 3,
  diagnosis: 2,
  cause: 2,
  solution: 1,
  snippets: 2,
  other: 0.5,
} as const;
