import Database from 'better-sqlite3';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The reference a user could pick instead of kb-assistant: plain SQLite FTS5 over each article's
 * whole text (default unicode61 tokenizer), ranked by bm25, queried with the OR of the query's
 * words. No analysis, no signals, no field weights.
 */
export interface ReferenceIndex {
  /** Article ids, best first. */
  search(text: string, limit?: number): string[];
  close(): void;
}

/** Builds the reference index from the corpus files, one file at a time, in one transaction. */
export function buildReference(corpusDir: string, dbFile: string): { ms: number; articles: number } {
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbFile + suffix, { force: true });
  const started = performance.now();
  const db = new Database(dbFile);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE VIRTUAL TABLE ref USING fts5(id UNINDEXED, body)');
  const insert = db.prepare('INSERT INTO ref (id, body) VALUES (?, ?)');
  let articles = 0;
  db.transaction(() => {
    for (const path of markdownFiles(corpusDir)) {
      const body = readFileSync(path, 'utf8');
      const id = /^id:\s*(\S+)\s*$/m.exec(body)?.[1] ?? path;
      insert.run(id, body);
      articles += 1;
    }
  })();
  db.close();
  return { ms: performance.now() - started, articles };
}

export function openReference(dbFile: string): ReferenceIndex {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
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

/** The corpus's Markdown files, one folder at a time (dot-files such as the manifest skipped). */
function* markdownFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* markdownFiles(path);
    else if (entry.name.endsWith('.md')) yield path;
  }
}
