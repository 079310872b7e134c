import { templateWords } from '../signals/mask.js';
import { analyzeTerms } from '../signals/terms.js';
import type { SearchStore } from '../store/search-store.js';
import { isCommonWord } from './term-weights.js';

/** What the matcher compares a query with, per article, read once from the index. */
export interface ArticleTerms {
  /** Every analyzed term of the article. */
  all: Set<string>;
  /** Terms of the title and symptoms: the problem the article is about. */
  problem: Set<string>;
  /** Terms of what the article shows of the error: title, symptoms, snippets (logs, traces, config). Not its prose about causes and fixes. */
  shown: Set<string>;
  /** Title terms that are not everyday words. */
  title: string[];
  /** Words of each of its error-message templates. */
  messages: Array<{ words: string[] }>;
  /**
   * Words of the article's own error: what its title quotes (`MySQL "Lock wait timeout exceeded"
   * caused by ...`), and the message templates that share the most words with its title (the
   * other messages are log context or errors it mentions in passing). Empty when neither exists.
   */
  primary: Array<{ words: string[] }>;
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
        const title = [...new Set(words(f?.title).filter((w) => !isCommonWord(w)))];
        const templates = search.messageTemplatesOf(key);
        t = {
          all: new Set(f ? Object.values(f).flatMap(words) : []),
          problem: new Set(f ? [...words(f.title), ...words(f.symptoms)] : []),
          shown: new Set(f ? [...words(f.title), ...words(f.symptoms), ...words(f.snippets)] : []),
          title,
          messages: templates.map((m) => ({ words: [...new Set(templateWords(m))] })).filter((m) => m.words.length >= 2),
          primary: [...quotedInTitle(search.titleOf(key)), ...primaryMessages(templates, new Set(title))],
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

function primaryMessages(templates: readonly string[], title: ReadonlySet<string>): Array<{ words: string[] }> {
  let best = 0;
  let primary: Array<{ words: string[] }> = [];
  for (const template of templates) {
    const words = [...new Set(analyzeTerms(template))].filter((w) => !isCommonWord(w));
    if (words.length < 2) continue;
    const shared = words.filter((w) => title.has(w)).length;
    if (shared > best) {
      best = shared;
      primary = [];
    }
    if (shared === best && shared > 0) primary.push({ words });
  }
  return primary;
}

/** The error statements a title quotes, each with two content words or more. */
function quotedInTitle(title: string): Array<{ words: string[] }> {
  const quoted: Array<{ words: string[] }> = [];
  for (const m of title.matchAll(/"([^"]{4,300})"|(?<!\w)'([^']{4,300})'(?!\w)|`([^`]{4,300})`/g)) {
    const words = [...new Set(analyzeTerms(m[1] ?? m[2] ?? m[3] ?? ''))].filter((w) => !isCommonWord(w));
    if (words.length >= 2) quoted.push({ words });
  }
  return quoted;
}
