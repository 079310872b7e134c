import { FTS_COLUMN_WEIGHTS } from '../store/fts-query.js';
import { FTS_COLUMN_NAMES, type FtsColumn } from '../store/search-store.js';

/** Column weights in article_fts column order. */
const COLUMN_WEIGHTS = FTS_COLUMN_NAMES.map((c) => FTS_COLUMN_WEIGHTS[c]);
/** Columns that say what problem an article is about. */
const PROBLEM: ReadonlySet<FtsColumn> = new Set(['title', 'symptoms']);
/** With the problem columns, what an article shows of its error (not its prose about causes and fixes). */
const SHOWN: ReadonlySet<FtsColumn> = new Set(['title', 'symptoms', 'snippets']);

/** The words of one query an article is compared on, each with a position. */
export interface QueryWords {
  index: Map<string, number>;
  words: string[];
  /**
   * The shapes of the words (see shapeSlot): a bit per last character for each first character
   * and length. An article word whose shape no query word has is not one of them, so
   * countQueryWords skips it without cutting it out of its column or hashing it.
   */
  shapes: Uint8Array;
}

export function queryWords(words: Iterable<string>): QueryWords {
  const index = new Map<string, number>();
  const list: string[] = [];
  const shapes = new Uint8Array(SHAPE_SLOTS);
  for (const w of words) {
    if (index.has(w)) continue;
    index.set(w, list.length);
    list.push(w);
    const slot = shapeSlot(w, 0, w.length);
    shapes[slot] = shapes[slot]! | lastCharBit(w, w.length);
  }
  return { index, words: list, shapes };
}

/** First character (its low 7 bits) times lengths 1 to 63 (longer words share the last slot). */
const SHAPE_SLOTS = 128 * 64;

function shapeSlot(text: string, start: number, end: number): number {
  return ((text.charCodeAt(start) & 127) << 6) | Math.min(end - start, 63);
}

function lastCharBit(text: string, end: number): number {
  return 1 << (text.charCodeAt(end - 1) & 7);
}

/** Which query words one article has, found in a single pass over its words. */
export interface WordCounts {
  /** Per query word: occurrences weighted by column (bm25's term frequency); 0 when absent. */
  weighted: Float64Array;
  /** Per query word: 1 when it is in the title or symptoms. */
  inProblem: Uint8Array;
  /** Per query word: 1 when it is in what the article shows of its error (title, symptoms, snippets), not its prose about causes and fixes. */
  shown: Uint8Array;
}

export function countQueryWords(columns: readonly string[], q: QueryWords): WordCounts {
  const weighted = new Float64Array(q.words.length);
  const inProblem = new Uint8Array(q.words.length);
  const shown = new Uint8Array(q.words.length);
  for (let c = 0; c < columns.length; c += 1) {
    const text = columns[c]!;
    if (!text) continue;
    const w = COLUMN_WEIGHTS[c] ?? 1;
    const problem = PROBLEM.has(FTS_COLUMN_NAMES[c]!);
    const isShown = SHOWN.has(FTS_COLUMN_NAMES[c]!);
    // One word at a time, without an array of them: the words are garbage as soon as counted.
    for (let start = 0; start <= text.length; ) {
      let end = text.indexOf(' ', start);
      if (end === -1) end = text.length;
      const i = end > start && q.shapes[shapeSlot(text, start, end)]! & lastCharBit(text, end) ? q.index.get(text.slice(start, end)) : undefined;
      start = end + 1;
      if (i === undefined) continue;
      weighted[i] = weighted[i]! + w;
      if (problem) inProblem[i] = 1;
      if (isShown) shown[i] = 1;
    }
  }
  return { weighted, inProblem, shown };
}
