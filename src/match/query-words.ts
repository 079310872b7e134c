import { FTS_COLUMN_WEIGHTS } from '../store/fts-query.js';

/** Column weights in article_fts column order (title, symptoms, diagnosis, cause, solution, snippets, other). */
export const COLUMN_WEIGHTS = [
  FTS_COLUMN_WEIGHTS.title,
  FTS_COLUMN_WEIGHTS.symptoms,
  FTS_COLUMN_WEIGHTS.diagnosis,
  FTS_COLUMN_WEIGHTS.cause,
  FTS_COLUMN_WEIGHTS.solution,
  FTS_COLUMN_WEIGHTS.snippets,
  FTS_COLUMN_WEIGHTS.other,
];
/** Columns that say what problem an article is about: title and symptoms. */
const PROBLEM_COLUMNS = 2;
/** The snippets column: with title and symptoms, what an article shows of its error. */
const SNIPPETS_COLUMN = 5;

/** The words of one query an article is compared on, each with a position. */
export interface QueryWords {
  index: Map<string, number>;
  words: string[];
}

export function queryWords(words: Iterable<string>): QueryWords {
  const index = new Map<string, number>();
  const list: string[] = [];
  for (const w of words) {
    if (index.has(w)) continue;
    index.set(w, list.length);
    list.push(w);
  }
  return { index, words: list };
}

/** Which query words one article has, found in a single pass over its tokens. */
export interface WordCounts {
  /** Per query word: occurrences weighted by column (bm25's term frequency); 0 when absent. */
  weighted: Float64Array;
  /** Per query word: 1 when it is in the title or symptoms. */
  inProblem: Uint8Array;
  /** Per query word: 1 when it is in what the article shows of its error (title, symptoms, snippets), not its prose about causes and fixes. */
  shown: Uint8Array;
}

export function countQueryWords(columns: ReadonlyArray<readonly string[]>, q: QueryWords): WordCounts {
  const weighted = new Float64Array(q.words.length);
  const inProblem = new Uint8Array(q.words.length);
  const shown = new Uint8Array(q.words.length);
  for (let c = 0; c < columns.length; c += 1) {
    const w = COLUMN_WEIGHTS[c] ?? 1;
    const problem = c < PROBLEM_COLUMNS;
    const isShown = problem || c === SNIPPETS_COLUMN;
    for (const token of columns[c]!) {
      const i = q.index.get(token);
      if (i === undefined) continue;
      weighted[i] = weighted[i]! + w;
      if (problem) inProblem[i] = 1;
      if (isShown) shown[i] = 1;
    }
  }
  return { weighted, inProblem, shown };
}
