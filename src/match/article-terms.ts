import { templateWords } from '../signals/mask.js';
import type { SearchStore } from '../store/search-store.js';
import { isCommonWord } from './term-weights.js';

/** What the matcher compares a query with, per article, read once from the index. */
export interface ArticleTerms {
  /** The analyzed terms of each article_fts column, in column order, as indexed. */
  columns: string[][];
  /** Tokens in all columns together (bm25's document length). */
  length: number;
  /** Title terms that are not everyday words. */
  title: string[];
  /** Words of each of its error-message templates. */
  messages: Array<{ words: string[] }>;
  /** Its other signals, as signalId(kind, key). */
  signals: Set<string>;
}

/** How a signal is named in ArticleTerms.signals. */
export function signalId(kind: string, key: string): string {
  return `${kind}\u0000${key}`;
}

const COLUMNS = ['title', 'symptoms', 'diagnosis', 'cause', 'solution', 'snippets', 'other'] as const;

/** A bounded cache of ArticleTerms; cleared when the index changes. */
export function createArticleTermsCache(search: SearchStore, max = 2000) {
  const cache = new Map<number, ArticleTerms>();
  return {
    get(key: number): ArticleTerms {
      let t = cache.get(key);
      if (!t) {
        const f = search.fieldsOf(key);
        const columns = COLUMNS.map((c) => (f?.[c] ? f[c].split(' ') : []));
        const messages: Array<{ words: string[] }> = [];
        const signals = new Set<string>();
        for (const s of search.signalsOf(key)) {
          if (s.kind !== 'message') signals.add(signalId(s.kind, s.key));
          else {
            const w = [...new Set(templateWords(s.key))];
            if (w.length >= 2) messages.push({ words: w });
          }
        }
        t = {
          columns,
          length: columns.reduce((s, c) => s + c.length, 0),
          title: [...new Set(columns[0]!.filter((w) => !isCommonWord(w)))],
          messages,
          signals,
        };
        if (cache.size >= max) cache.clear();
        cache.set(key, t);
      }
      return t;
    },
    clear(): void {
      cache.clear();
    },
  };
}
