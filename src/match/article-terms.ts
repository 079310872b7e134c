import { templateWords } from '../signals/mask.js';
import { signalId } from '../signals/signal.js';
import { analyzeTerms } from '../signals/terms.js';
import { type ArticleText, FTS_COLUMN_NAMES, type SearchStore } from '../store/search-store.js';
import { isCommonWord } from './term-weights.js';

/** What the matcher compares a query with, per article, read once from the index. */
export interface ArticleTerms {
  /**
   * The analyzed terms of each article_fts column, in column order, as indexed: space-separated,
   * '' for an empty column. Kept as one string per column, not split into words: a cached
   * article is then a handful of objects rather than hundreds, which keeps garbage collection
   * short when the cache turns over (see countQueryWords).
   */
  columns: string[];
  /** Tokens in all columns together (bm25's document length). */
  length: number;
  /** Title terms that are not everyday words. */
  readonly title: string[];
  /** Words of each of its error-message templates. */
  readonly messages: Array<{ words: string[] }>;
  /** Its other signals, as signalId(kind, key). */
  signals: Set<string>;
  /**
   * Words of the article's own error: what its title quotes (`MySQL "Lock wait timeout exceeded"
   * caused by ...`), and the message templates that share the most words with its title (the
   * other messages are log context or errors it mentions in passing). Empty when neither exists.
   */
  readonly primary: Array<{ words: string[] }>;
}

/** A bounded cache of ArticleTerms; cleared when the index changes. */
export function createArticleTermsCache(search: SearchStore, max = 2000) {
  const cache = new Map<number, ArticleTerms>();
  return {
    get(key: number): ArticleTerms {
      let t = cache.get(key);
      if (!t) {
        t = articleTermsOf(search.textOf(key));
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

/**
 * An article's ArticleTerms. Its columns, length and signals are worked out at once (every read
 * candidate is scored on them); its title words, message words and primary error only when first
 * asked for: the matcher reads dozens of candidates per query but asks the message words only of
 * a query with messages, and the title and primary error only of the few it shows. Building them
 * for every read cost about three times the read itself.
 */
function articleTermsOf(text: ArticleText | null): ArticleTerms {
  const columns = FTS_COLUMN_NAMES.map((c) => text?.fields[c] ?? '');
  const templates: string[] = [];
  const signals = new Set<string>();
  for (const s of text?.signals ?? []) {
    if (s.kind === 'message') templates.push(s.key);
    else signals.add(signalId(s.kind, s.key));
  }
  let title: string[] | undefined;
  let messages: Array<{ words: string[] }> | undefined;
  let primary: Array<{ words: string[] }> | undefined;
  return {
    columns,
    length: columns.reduce((s, c) => s + tokenCount(c), 0),
    signals,
    get title() {
      return (title ??= [...new Set(columns[0]!.split(' ').filter((w) => w && !isCommonWord(w)))]);
    },
    get messages() {
      return (messages ??= templates.map((m) => ({ words: [...new Set(templateWords(m))] })).filter((m) => m.words.length >= 2));
    },
    get primary() {
      return (primary ??= [...quotedInTitle(text?.heading ?? ''), ...primaryMessages(templates, new Set(this.title))]);
    },
  };
}

/** Words in a space-separated column ('' has none). */
function tokenCount(column: string): number {
  if (!column) return 0;
  let n = 1;
  for (let i = column.indexOf(' '); i !== -1; i = column.indexOf(' ', i + 1)) n += 1;
  return n;
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
