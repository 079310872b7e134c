import { indexKb, type IndexOptions, type IndexReport } from './kb/index-kb.js';
import { createMatcher, type MatcherOptions } from './match/matcher.js';
import { type Answer, buildAnswer } from './reply/answer.js';
import { type ScanReport, scanLog } from './scan/scan-log.js';
import { createArticleStore } from './store/article-store.js';
import { openDatabase, type Db, type OpenOptions } from './store/database.js';
import type { PendingMigrations } from './store/migrate.js';

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

export interface ServiceOptions extends Pick<OpenOptions, 'create' | 'onUpgrade'> {
  /**
   * The process stays up after indexing (the bot): the files are statted on its own thread. A
   * stat worker saves about 0.4 s of a start-up at 100,000 articles but leaves about 20 MiB of
   * resident memory behind for good (measured: 157-162 MiB at rest without it, 173-185 with).
   */
  longRunning?: boolean;
}

/** The composition root: open the database, migrate, wire stores, matcher and indexer. */
export function createServices(dbFile: string, options: ServiceOptions = {}): Services {
  const db = openDatabase(dbFile, { create: options.create ?? true, onUpgrade: options.onUpgrade });
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
      const report = indexKb(db, roots, options.longRunning ? { minFilesForStatWorker: Number.POSITIVE_INFINITY, ...opts } : opts);
      // Loaded again by the next answer, not now: `kb index` never asks one (at 100,000 articles
      // loading takes a tenth of a second).
      matcher.invalidate();
      return report;
    },
    close() {
      db.close();
    },
  };
}

/** What a surface says before an existing index is upgraded (it can take a while, once). */
export function upgradeNotice(dbFile: string, pending: PendingMigrations): string {
  const names = pending.map((m) => `${String(m.version).padStart(3, '0')}-${m.name}`).join(', ');
  return `upgrading the index at ${dbFile} for this version (${names}); once, and a large index takes a while`;
}
