import { templateWords } from '../signals/mask.js';
import type { SearchStore } from '../store/search-store.js';
import { isCommonWord } from './term-weights.js';

/** What the matcher compares a query with, per article, read once from the index. */
export interface ArticleTerms {
  /** Every analyzed term of the article. */
  all: Set<string>;
  /** Terms of the title and symptoms: the problem the article is about. */
  problem: Set<string>;
  /** Title terms that are not everyday words. */
  title: string[];
  /** Words of each of its error-message templates. */
  messages: Array<{ words: string[] }>;
}

/** A bounded cache of ArticleTerms; cleared when the index changes. */
export function createArticleTermsCache(search: SearchStore, max = 2000) {
  const cache = new Map<number, ArticleTerms>();
  return {
    get(key: number): ArticleTerms {
      let t = cache.get(key);
      if (!t) {
        const f = search.fieldsOf(key);
        const words = (s: string | undefined) => (s ? s.split(' ').filter(Boolean) : []);
        t = {
          all: new Set(f ? Object.values(f).flatMap(words) : []),
          problem: new Set(f ? [...words(f.title), ...words(f.symptoms)] : []),
          title: [...new Set(words(f?.title).filter((w) => !isCommonWord(w)))],
          messages: search
            .messageTemplatesOf(key)
            .map((m) => ({ words: [...new Set(templateWords(m))] }))
            .filter((m) => m.words.length >= 2),
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
