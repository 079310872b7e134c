/**
 * Builds the FTS5 MATCH expression. Every term is wrapped in double quotes (an FTS5 string),
 * with any quote inside doubled, so nothing a user pastes (`"`, `*`, `NEAR`, `-`, `:`, `^`,
 * `AND`/`OR`/`NOT`) is ever read as FTS5 syntax. Terms are OR-ed unless `operator` says AND.
 * Returns null when there is nothing to search.
 */
export function buildFtsQuery(terms: readonly string[], operator: 'OR' | 'AND' = 'OR'): string | null {
  // SQLite ends a string at NUL, which would leave an FTS5 string unterminated: drop it.
  const quoted = [...new Set(terms.map((t) => t.replace(/\u0000/g, '')))].filter((t) => t.length > 0).map((t) => `"${t.replace(/"/g, '""')}"`);
  return quoted.length ? quoted.join(` ${operator} `) : null;
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
