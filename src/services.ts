import { indexKb, type IndexOptions, type IndexReport } from './kb/index-kb.js';
import { createMatcher, type MatcherOptions } from './match/matcher.js';
import { type Answer, buildAnswer } from './reply/answer.js';
import { type ScanReport, scanLog } from './scan/scan-log.js';
import { createArticleStore } from './store/article-store.js';
import { openDatabase, type Db } from './store/database.js';

export interface Services {
  db: Db;
  articles: ReturnType<typeof createArticleStore>;
  /** Turns any pasted text or question into an Answer. Never throws on bad input. */
  answer(text: string, options?: MatcherOptions): Answer;
  /** Finds every known problem in a whole log. */
  scan(text: string): ScanReport;
  index(roots: readonly string[], options?: IndexOptions): IndexReport;
  close(): void;
}

/** The composition root: open the database, migrate, wire stores, matcher and indexer. */
export function createServices(dbFile: string, options: { create?: boolean } = {}): Services {
  const db = openDatabase(dbFile, { create: options.create ?? true });
  const articles = createArticleStore(db);
  const matcher = createMatcher(db);
  return {
    db,
    articles,
    answer(text, opts) {
      return buildAnswer(matcher.match(text, opts), (key) => articles.getByKey(key));
    },
    scan(text) {
      return scanLog(text, matcher);
    },
    index(roots, opts) {
      const report = indexKb(db, roots, opts);
      matcher.refresh();
      return report;
    },
    close() {
      db.close();
    },
  };
}
