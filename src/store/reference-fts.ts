import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';

/**
 * The reference a user could pick instead of kb-assistant: plain SQLite FTS5 over each article's
 * whole text as it sits in its file (default unicode61 tokenizer), ranked by bm25, queried with
 * the OR of the query's words. No analysis, no signals, no field weights. The benchmark and the
 * evaluation both measure against it.
 */
export interface ReferenceIndex {
  /** Article ids, best first. */
  search(text: string, limit?: number): string[];
  close(): void;
}

/** One article for the reference: its id and its file's text. */
export interface ReferenceDoc {
  id: string;
  body: string;
}

/**
 * Builds the reference in `file` (replacing any there; `:memory:` works too) from `docs`, one at
 * a time, in one transaction, and returns it open with the time the build took.
 */
export function buildReference(file: string, docs: Iterable<ReferenceDoc>): ReferenceIndex & { ms: number; articles: number } {
  if (file !== ':memory:') for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  const started = performance.now();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE VIRTUAL TABLE ref USING fts5(id UNINDEXED, body)');
  const insert = db.prepare('INSERT INTO ref (id, body) VALUES (?, ?)');
  let articles = 0;
  db.transaction(() => {
    for (const doc of docs) {
      insert.run(doc.id, doc.body);
      articles += 1;
    }
  })();
  return { ...searchIn(db), ms: performance.now() - started, articles };
}

/** Opens a reference built before (read-only). */
export function openReference(file: string): ReferenceIndex {
  return searchIn(new Database(file, { readonly: true, fileMustExist: true }));
}

function searchIn(db: Database.Database): ReferenceIndex {
  const search = db.prepare('SELECT id FROM ref WHERE ref MATCH ? ORDER BY rank LIMIT ?').pluck();
  return {
    search(text, limit = 5) {
      const match = orOfWords(text);
      return match ? (search.all(match, limit) as string[]) : [];
    },
    close: () => db.close(),
  };
}

/** `"word1" OR "word2" ...`: every distinct word of the query, as unicode61 would split it. */
export function orOfWords(text: string): string | null {
  const words = new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  return words.size ? [...words].map((w) => `"${w}"`).join(' OR ') : null;
}
