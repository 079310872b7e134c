import type { Article, Section, SectionRole, Snippet, SnippetKind } from '../kb/article.js';
import type { ArticleFields } from '../signals/analyze-article.js';
import { type Signal, type SignalKind, signalId } from '../signals/signal.js';
import type { Db } from './database.js';
import { createTermPostingsWriter } from './term-postings.js';
import { createTermDfWriter, distinctTerms } from './term-df.js';
import type { FrequencyChanges } from './frequency-changes.js';

export type { ArticleFields };

export interface KbFile {
  path: string;
  root: string;
  source: string;
  hash: string;
  /** Size and mtime when the hash was computed, and when that was (see migrations/004-file-stat.sql). */
  stat?: FileStat | null;
}

export interface FileStat {
  size: number;
  mtimeMs: number;
  hashedAtMs: number;
}

/** An article as read back from the store, with where it came from. */
export interface StoredArticle extends Article {
  key: number;
  source: string;
  path: string;
}

export interface IndexStats {
  articles: number;
  files: number;
  failed: number;
  signals: number;
  snippets: number;
  lastIndexedAt: string | null;
}

/** The articles that pin patterns: the condition is that of the partial index articles_with_patterns (migration 009). */
export const PINNED_PATTERNS_QUERY = `SELECT key, patterns FROM articles WHERE patterns <> '[]'`;

/** Reads and writes articles. Every statement is prepared once, here. */
export function createArticleStore(db: Db, options: { postingsMinDf?: number } = {}) {
  const q = {
    // The statements run per article, section, snippet and signal take positional parameters:
    // binding them costs less than named ones, and an index run makes millions of these calls.
    insertArticle: db.prepare('INSERT INTO articles (id, title, product, url, tags, patterns, source, path, signal_keys) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    insertSection: db.prepare('INSERT INTO sections (article_key, ord, role, heading, text) VALUES (?, ?, ?, ?, ?)'),
    insertSnippet: db.prepare('INSERT INTO snippets (article_key, ord, section, kind, lang, text) VALUES (?, ?, ?, ?, ?, ?)'),
    insertSignal: db.prepare('INSERT OR IGNORE INTO signals (article_key, kind, key) VALUES (?, ?, ?)'),
    deleteSignal: db.prepare('DELETE FROM signals WHERE kind = ? AND key = ? AND article_key = ?'),
    insertFts: db.prepare(
      'INSERT INTO article_fts (rowid, title, symptoms, diagnosis, cause, solution, snippets, other) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    upsertFile: db.prepare(
      `INSERT INTO kb_files (path, root, source, hash, article_key, error, indexed_at, size, mtime_ms, hashed_at_ms)
       VALUES (@path, @root, @source, @hash, @articleKey, @error, @at, @size, @mtimeMs, @hashedAtMs)
       ON CONFLICT(path) DO UPDATE SET root = excluded.root, source = excluded.source, hash = excluded.hash,
         size = excluded.size, mtime_ms = excluded.mtime_ms, hashed_at_ms = excluded.hashed_at_ms,
         article_key = excluded.article_key, error = excluded.error, indexed_at = excluded.indexed_at`,
    ),
    fileByPath: db.prepare('SELECT article_key AS articleKey FROM kb_files WHERE path = @path'),
    knownFile: db.prepare(
      'SELECT root, source, hash, error, size, mtime_ms AS mtimeMs, hashed_at_ms AS hashedAtMs FROM kb_files WHERE path = @path',
    ),
    setFileStat: db.prepare('UPDATE kb_files SET size = @size, mtime_ms = @mtimeMs, hashed_at_ms = @hashedAtMs WHERE path = @path'),
    knownFiles: db.prepare(
      `SELECT rowid, path, root, source, hash, error, size, mtime_ms AS mtimeMs, hashed_at_ms AS hashedAtMs
       FROM kb_files ORDER BY rowid`,
    ),
    anyFile: db.prepare('SELECT EXISTS (SELECT 1 FROM kb_files)').pluck(),
    articleCount: db.prepare('SELECT count(*) FROM articles').pluck(),
    deleteArticle: db.prepare('DELETE FROM articles WHERE key = @key'),
    detachId: db.prepare('UPDATE articles SET id = ? WHERE key = ?'),
    updateArticle: db.prepare('UPDATE articles SET id = ?, title = ?, product = ?, url = ?, tags = ?, patterns = ?, source = ?, path = ?, signal_keys = ? WHERE key = ?'),
    deleteSections: db.prepare('DELETE FROM sections WHERE article_key = ?'),
    deleteSnippets: db.prepare('DELETE FROM snippets WHERE article_key = ?'),
    deleteFts: db.prepare('DELETE FROM article_fts WHERE rowid = @key'),
    deleteFile: db.prepare('DELETE FROM kb_files WHERE path = @path'),
    articleById: db.prepare('SELECT * FROM articles WHERE id = @id'),
    articleByKey: db.prepare('SELECT * FROM articles WHERE key = @key'),
    headerByKey: db.prepare('SELECT id, title, source FROM articles WHERE key = @key'),
    sectionsOf: db.prepare('SELECT role, heading, text FROM sections WHERE article_key = @key ORDER BY ord'),
    snippetsOf: db.prepare('SELECT section, kind, lang, text FROM snippets WHERE article_key = @key ORDER BY ord'),
    clearDf: db.prepare('DELETE FROM signal_df'),
    signalKeysOf: db.prepare('SELECT kind, key FROM signals WHERE article_key = ?'),
    raiseDf: db.prepare('INSERT INTO signal_df (kind, key, df) VALUES (?, ?, ?) ON CONFLICT(kind, key) DO UPDATE SET df = df + excluded.df'),
    lowerDf: db.prepare('UPDATE signal_df SET df = df + ? WHERE kind = ? AND key = ?'),
    dropDfIfZero: db.prepare('DELETE FROM signal_df WHERE kind = ? AND key = ? AND df <= 0'),
    // FTS5 keeps its index in segments, merging a few at a time as rows come in; 'optimize' merges
    // them all into one.
    mergeFts: db.prepare("INSERT INTO article_fts (article_fts) VALUES ('optimize')"),
    fillDf: db.prepare('INSERT INTO signal_df (kind, key, df) SELECT kind, key, count(*) FROM signals GROUP BY kind, key'),
    setMeta: db.prepare('INSERT INTO kb_meta (name, value) VALUES (@name, @value) ON CONFLICT(name) DO UPDATE SET value = excluded.value'),
    getMeta: db.prepare('SELECT value FROM kb_meta WHERE name = @name'),
    counts: db.prepare(
      `SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM kb_files) AS files,
              (SELECT count(*) FROM kb_files WHERE error IS NOT NULL) AS failed,
              (SELECT count(*) FROM signals) AS signals, (SELECT count(*) FROM snippets) AS snippets`,
    ),
    allIds: db.prepare('SELECT id, title, path FROM articles ORDER BY id'),
    patterns: db.prepare(PINNED_PATTERNS_QUERY),
    products: db.prepare('SELECT DISTINCT lower(product) AS product FROM articles WHERE product IS NOT NULL'),
  };

  const termDf = createTermDfWriter(db);
  const termPostings = createTermPostingsWriter(db, options.postingsMinDf);

  /** Counts an article's terms into `pending`, `delta` each, with its key for the terms that keep postings. */
  function countTerms(key: number, terms: readonly string[], pending: FrequencyChanges, delta: 1 | -1): void {
    for (const t of terms) {
      pending.addTerm(t, delta);
      if (termPostings.has(t)) pending.addPosting(t, key, delta);
    }
  }

  /** Counts the signals stored for an article into `pending`, `delta` each (as stored: once per kind and key). */
  function countSignals(articleKey: number, pending: FrequencyChanges, delta: number): void {
    for (const r of q.signalKeysOf.iterate(articleKey) as IterableIterator<{ kind: SignalKind; key: string }>) pending.add(r.kind, r.key, delta);
  }

  /** Stores signal postings for an article, counting each into `pending` when given. */
  function addSignals(key: number, signals: Iterable<Signal>, pending: FrequencyChanges | undefined): void {
    for (const s of signals) {
      q.insertSignal.run(key, s.kind, s.key);
      pending?.add(s.kind, s.key, 1);
    }
  }

  /** Deletes an article and its rows, counting its signals and terms out into `pending` first. */
  function dropArticle(key: number, options: FrequencyOptions): void {
    if (options.pending) {
      countSignals(key, options.pending, -1);
      countTerms(key, termDf.termsOf(key), options.pending, -1);
    }
    q.deleteFts.run({ key });
    q.deleteArticle.run({ key });
  }

  /** What putArticle and replaceArticle write alike: sections, snippets, the FTS row and the file's row. */
  function writeBody(key: number, file: KbFile, a: Article, f: ArticleFields): void {
    for (let ord = 0; ord < a.sections.length; ord += 1) {
      const s = a.sections[ord]!;
      q.insertSection.run(key, ord, s.role, s.heading, s.text);
    }
    for (let ord = 0; ord < a.snippets.length; ord += 1) {
      const s = a.snippets[ord]!;
      q.insertSnippet.run(key, ord, s.section, s.kind, s.lang, s.text);
    }
    q.insertFts.run(key, f.title, f.symptoms, f.diagnosis, f.cause, f.solution, f.snippets, f.other);
    q.upsertFile.run({ ...fileRow(file), articleKey: key, error: null, at: new Date().toISOString() });
  }

  function toStored(row: ArticleRow): StoredArticle {
    const key = row.key;
    return {
      key,
      id: row.id,
      title: row.title,
      product: row.product,
      url: row.url,
      tags: JSON.parse(row.tags) as string[],
      patterns: JSON.parse(row.patterns) as string[],
      source: row.source,
      path: row.path,
      sections: (q.sectionsOf.all({ key }) as Section[]).map((s) => ({ ...s, role: s.role as SectionRole })),
      snippets: (q.snippetsOf.all({ key }) as Array<{ section: string; kind: string; lang: string | null; text: string }>).map(
        (s): Snippet => ({ section: s.section as SectionRole, kind: s.kind as SnippetKind, lang: s.lang, text: s.text }),
      ),
    };
  }

  return {
    /** What the index remembers of one file (its hash, why it failed if it did, its stat when hashed), or undefined. */
    file(path: string): KnownFile | undefined {
      return q.knownFile.get({ path }) as KnownFile | undefined;
    },

    /** Records the size and mtime of an unchanged file as of a new hash of it. */
    setFileStat(path: string, stat: FileStat): void {
      q.setFileStat.run({ path, ...stat });
    },

    /**
     * Every file the index knows, in the order they were added, one row at a time (a 100,000-file
     * KB is not loaded at once). Run no other statement on this database until the loop ends.
     */
    knownFiles(): IterableIterator<KnownFile & { rowid: number; path: string }> {
      return q.knownFiles.iterate() as IterableIterator<KnownFile & { rowid: number; path: string }>;
    },

    /** True when the index knows any file (a count would read the whole table). */
    hasFiles(): boolean {
      return q.anyFile.get() === 1;
    },

    articleCount(): number {
      return q.articleCount.get() as number;
    },

    /**
     * Removes a file and its article. Safe to call for a file that is not there. With `pending`,
     * the article's signals and terms are counted out there (see putArticle).
     */
    removeFile(path: string, options: FrequencyOptions = {}): void {
      const row = q.fileByPath.get({ path }) as { articleKey: number | null } | undefined;
      if (row?.articleKey != null) dropArticle(row.articleKey, options);
      q.deleteFile.run({ path });
    },

    /**
     * Gets a changed file's article ready to be replaced in place (replaceArticle): its id is
     * freed, so that the new version of this or any other changed file may take it, while its key,
     * rows and signals stay. Returns the key, or null when the file has no article.
     */
    detachArticle(path: string): number | null {
      const row = q.fileByPath.get({ path }) as { articleKey: number | null } | undefined;
      if (row?.articleKey == null) return null;
      q.detachId.run(`\u0000replacing ${row.articleKey}`, row.articleKey);
      return row.articleKey;
    },

    /** Removes an article by key (one detached for a file that then failed), counting it out like removeFile. */
    dropArticle(key: number, options: FrequencyOptions = {}): void {
      dropArticle(key, options);
    },

    /**
     * Stores one article with everything derived from it. Call inside a transaction. With
     * `pending`, its signals and terms are counted in there, for applyFrequencyChanges at the end
     * of the run; without, call refreshSignalFrequencies after the last article (cheaper when
     * most of the KB changed).
     */
    putArticle(file: KbFile, article: Article, fields: ArticleFields, signals: readonly Signal[], options: FrequencyOptions = {}): number {
      const a = article;
      const unique = uniqueSignals(signals);
      const info = q.insertArticle.run(a.id, a.title, a.product, a.url, JSON.stringify(a.tags), JSON.stringify(a.patterns), file.source, file.path, signalKeysJson(unique.values()));
      const key = Number(info.lastInsertRowid);
      addSignals(key, unique.values(), options.pending);
      if (options.pending) countTerms(key, distinctTerms(Object.values(fields)), options.pending, 1);
      writeBody(key, file, article, fields);
      return key;
    },

    /**
     * Stores the new version of an article under the key it had (see detachArticle). An edit
     * changes few of an article's signals: only those are written. Signal postings sit in
     * (kind, key) order all over the table, so rewriting every one would touch a page per signal.
     */
    replaceArticle(key: number, file: KbFile, article: Article, fields: ArticleFields, signals: readonly Signal[], options: FrequencyOptions = {}): void {
      const a = article;
      const next = uniqueSignals(signals);
      q.updateArticle.run(a.id, a.title, a.product, a.url, JSON.stringify(a.tags), JSON.stringify(a.patterns), file.source, file.path, signalKeysJson(next.values()), key);
      for (const r of q.signalKeysOf.all(key) as Array<{ kind: SignalKind; key: string }>) {
        if (next.delete(signalId(r.kind, r.key))) continue;
        q.deleteSignal.run(r.kind, r.key, key);
        options.pending?.add(r.kind, r.key, -1);
      }
      addSignals(key, next.values(), options.pending);
      if (options.pending) {
        countTerms(key, termDf.termsOf(key), options.pending, -1);
        countTerms(key, distinctTerms(Object.values(fields)), options.pending, 1);
      }
      q.deleteSections.run(key);
      q.deleteSnippets.run(key);
      q.deleteFts.run({ key });
      writeBody(key, file, article, fields);
    },

    /** Remembers a file that could not be read, so an unchanged bad file is not re-read every run. */
    putFailure(file: KbFile, error: string): void {
      q.upsertFile.run({ ...fileRow(file), articleKey: null, error, at: new Date().toISOString() });
    },

    /**
     * Merges the full-text index into one segment. An index run that wrote most of the KB leaves
     * several (six after 100,000 articles), and a conjunction of common words then walks each
     * word's postings in every one of them: at 100,000 articles the merge takes about 2 s and the
     * slowest conjunctions run twice as fast. A run that changed a few articles leaves its own
     * small segment, which FTS5 merges with other small ones as it goes.
     */
    mergeSearchIndex(): void {
      q.mergeFts.run();
    },

    /**
     * Recomputes how many articles carry each signal and contain each term, and which articles
     * contain each common term. Call inside the indexing transaction.
     */
    refreshSignalFrequencies(): void {
      q.clearDf.run();
      q.fillDf.run();
      termDf.refresh();
      termPostings.rebuild();
      q.setMeta.run({ name: 'indexed_at', value: new Date().toISOString() });
    },

    /** Applies the signal_df, term_df and term_postings changes gathered with FrequencyOptions.pending, and forgets them. Call inside the transaction. */
    applyFrequencyChanges(pending: FrequencyChanges): void {
      for (const { kind, key, delta } of pending.changes()) {
        if (delta > 0) q.raiseDf.run(kind, key, delta);
        else {
          q.lowerDf.run(delta, kind, key);
          q.dropDfIfZero.run(kind, key);
        }
      }
      for (const { term, delta } of pending.termChanges()) termDf.apply(term, delta);
      termPostings.apply(pending);
      pending.clear();
    },

    /** Records that an index run committed, when signal_df was kept up to date article by article. */
    markIndexed(): void {
      q.setMeta.run({ name: 'indexed_at', value: new Date().toISOString() });
    },

    getById(id: string): StoredArticle | null {
      const row = q.articleById.get({ id }) as ArticleRow | undefined;
      return row ? toStored(row) : null;
    },

    getByKey(key: number): StoredArticle | null {
      const row = q.articleByKey.get({ key }) as ArticleRow | undefined;
      return row ? toStored(row) : null;
    },

    /** Just what a ranked list shows: id, title, source. */
    headerByKey(key: number): { id: string; title: string; source: string } | null {
      return (q.headerByKey.get({ key }) as { id: string; title: string; source: string } | undefined) ?? null;
    },

    /** Every article's id and title, and the file it came from, by id. */
    list(): Array<{ id: string; title: string; path: string }> {
      return q.allIds.all() as Array<{ id: string; title: string; path: string }>;
    },

    /** Articles that pin patterns, for the matcher to compile once. */
    pinnedPatterns(): Array<{ key: number; patterns: string[] }> {
      return (q.patterns.all() as Array<{ key: number; patterns: string }>).map((r) => ({
        key: r.key,
        patterns: JSON.parse(r.patterns) as string[],
      }));
    },

    products(): string[] {
      return (q.products.all() as Array<{ product: string }>).map((r) => r.product);
    },

    stats(): IndexStats {
      const c = q.counts.get() as Omit<IndexStats, 'lastIndexedAt'>;
      const at = q.getMeta.get({ name: 'indexed_at' }) as { value: string } | undefined;
      return { ...c, lastIndexedAt: at?.value ?? null };
    },

    /** A number that changes whenever an index run commits: lets a long-running reader notice. */
    generation(): string {
      return (q.getMeta.get({ name: 'indexed_at' }) as { value: string } | undefined)?.value ?? '';
    },
  };
}

export type ArticleStore = ReturnType<typeof createArticleStore>;

/** A file as the index knows it; size, mtimeMs and hashedAtMs are null for files indexed before they were kept. */
export interface KnownFile {
  root: string;
  source: string;
  hash: string;
  error: string | null;
  size: number | null;
  mtimeMs: number | null;
  hashedAtMs: number | null;
}

/** An article's signals once per kind and key (as stored), by signalId. */
function uniqueSignals(signals: readonly Signal[]): Map<string, Signal> {
  const out = new Map<string, Signal>();
  for (const s of signals) {
    const id = signalId(s.kind, s.key);
    if (!out.has(id)) out.set(id, s);
  }
  return out;
}

/**
 * An article's signal keys as stored on its row (articles.signal_keys): [kind, key] pairs in the
 * order SQLite sorts (kind, key), UTF-8 bytes, the same as its postings in `signals`.
 */
function signalKeysJson(signals: Iterable<Signal>): string {
  const pairs = [...signals].map((s): [string, string] => [s.kind, s.key]);
  pairs.sort((a, b) => byteOrder(a[0], b[0]) || byteOrder(a[1], b[1]));
  return JSON.stringify(pairs);
}

/** SQLite's BINARY collation: UTF-8 bytes, which differs from JavaScript's < only past ASCII. */
function byteOrder(a: string, b: string): number {
  if (/^[\u0000-\u007f]*$/.test(a) && /^[\u0000-\u007f]*$/.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function fileRow(file: KbFile) {
  return {
    path: file.path,
    root: file.root,
    source: file.source,
    hash: file.hash,
    size: file.stat?.size ?? null,
    mtimeMs: file.stat?.mtimeMs ?? null,
    hashedAtMs: file.stat?.hashedAtMs ?? null,
  };
}

export interface FrequencyOptions {
  /**
   * Keep signal_df and term_df current: gather each change here, net per signal and term over a
   * whole run, and applyFrequencyChanges writes it (cheap when a few articles are replaced by
   * edited versions carrying mostly the same signals and terms). Without it, frequencies are left
   * to refreshSignalFrequencies.
   */
  pending?: FrequencyChanges;
}

interface ArticleRow {
  key: number;
  id: string;
  title: string;
  product: string | null;
  url: string | null;
  tags: string;
  patterns: string;
  source: string;
  path: string;
}
