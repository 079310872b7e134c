import type { Article, Section, SectionRole, Snippet, SnippetKind } from '../kb/article.js';
import type { ArticleFields } from '../signals/analyze-article.js';
import type { Signal, SignalKind } from '../signals/signal.js';
import type { Db } from './database.js';

export type { ArticleFields };

export interface KbFile {
  path: string;
  root: string;
  source: string;
  hash: string;
}

export interface IndexedFile extends KbFile {
  articleKey: number | null;
  articleId: string | null;
  error: string | null;
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

/** Reads and writes articles. Every statement is prepared once, here. */
export function createArticleStore(db: Db) {
  const q = {
    files: db.prepare(
      `SELECT f.path, f.root, f.source, f.hash, f.article_key AS articleKey, f.error, a.id AS articleId
       FROM kb_files f LEFT JOIN articles a ON a.key = f.article_key`,
    ),
    insertArticle: db.prepare(
      `INSERT INTO articles (id, title, product, url, tags, patterns, source, path)
       VALUES (@id, @title, @product, @url, @tags, @patterns, @source, @path)`,
    ),
    insertSection: db.prepare(
      'INSERT INTO sections (article_key, ord, role, heading, text) VALUES (@key, @ord, @role, @heading, @text)',
    ),
    insertSnippet: db.prepare(
      'INSERT INTO snippets (article_key, ord, section, kind, lang, text) VALUES (@key, @ord, @section, @kind, @lang, @text)',
    ),
    insertSignal: db.prepare('INSERT OR IGNORE INTO signals (article_key, kind, key, text) VALUES (@key, @kind, @sigKey, @text)'),
    insertFts: db.prepare(
      `INSERT INTO article_fts (rowid, title, symptoms, diagnosis, cause, solution, snippets, other)
       VALUES (@key, @title, @symptoms, @diagnosis, @cause, @solution, @snippets, @other)`,
    ),
    upsertFile: db.prepare(
      `INSERT INTO kb_files (path, root, source, hash, article_key, error, indexed_at)
       VALUES (@path, @root, @source, @hash, @articleKey, @error, @at)
       ON CONFLICT(path) DO UPDATE SET root = excluded.root, source = excluded.source, hash = excluded.hash,
         article_key = excluded.article_key, error = excluded.error, indexed_at = excluded.indexed_at`,
    ),
    fileByPath: db.prepare('SELECT article_key AS articleKey FROM kb_files WHERE path = @path'),
    deleteArticle: db.prepare('DELETE FROM articles WHERE key = @key'),
    deleteFts: db.prepare('DELETE FROM article_fts WHERE rowid = @key'),
    deleteFile: db.prepare('DELETE FROM kb_files WHERE path = @path'),
    articleById: db.prepare('SELECT * FROM articles WHERE id = @id'),
    articleByKey: db.prepare('SELECT * FROM articles WHERE key = @key'),
    headerByKey: db.prepare('SELECT id, title, source FROM articles WHERE key = @key'),
    sectionsOf: db.prepare('SELECT role, heading, text FROM sections WHERE article_key = @key ORDER BY ord'),
    snippetsOf: db.prepare('SELECT section, kind, lang, text FROM snippets WHERE article_key = @key ORDER BY ord'),
    signalsOf: db.prepare('SELECT kind, key, text FROM signals WHERE article_key = @key'),
    clearDf: db.prepare('DELETE FROM signal_df'),
    fillDf: db.prepare('INSERT INTO signal_df (kind, key, df) SELECT kind, key, count(*) FROM signals GROUP BY kind, key'),
    setMeta: db.prepare('INSERT INTO kb_meta (name, value) VALUES (@name, @value) ON CONFLICT(name) DO UPDATE SET value = excluded.value'),
    getMeta: db.prepare('SELECT value FROM kb_meta WHERE name = @name'),
    counts: db.prepare(
      `SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM kb_files) AS files,
              (SELECT count(*) FROM kb_files WHERE error IS NOT NULL) AS failed,
              (SELECT count(*) FROM signals) AS signals, (SELECT count(*) FROM snippets) AS snippets`,
    ),
    allIds: db.prepare('SELECT id, title FROM articles ORDER BY id'),
    patterns: db.prepare(`SELECT key, patterns FROM articles WHERE patterns <> '[]'`),
    products: db.prepare('SELECT DISTINCT lower(product) AS product FROM articles WHERE product IS NOT NULL'),
  };

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
    /** Every file the index knows, with its hash: what the indexer compares against. */
    files(): IndexedFile[] {
      return q.files.all() as IndexedFile[];
    },

    /** Removes a file and its article. Safe to call for a file that is not there. */
    removeFile(path: string): void {
      const row = q.fileByPath.get({ path }) as { articleKey: number | null } | undefined;
      if (row?.articleKey != null) {
        q.deleteFts.run({ key: row.articleKey });
        q.deleteArticle.run({ key: row.articleKey });
      }
      q.deleteFile.run({ path });
    },

    /** Stores one article with everything derived from it. Call inside a transaction. */
    putArticle(file: KbFile, article: Article, fields: ArticleFields, signals: readonly Signal[]): number {
      const info = q.insertArticle.run({
        id: article.id,
        title: article.title,
        product: article.product,
        url: article.url,
        tags: JSON.stringify(article.tags),
        patterns: JSON.stringify(article.patterns),
        source: file.source,
        path: file.path,
      });
      const key = Number(info.lastInsertRowid);
      article.sections.forEach((s, ord) => q.insertSection.run({ key, ord, role: s.role, heading: s.heading, text: s.text }));
      article.snippets.forEach((s, ord) =>
        q.insertSnippet.run({ key, ord, section: s.section, kind: s.kind, lang: s.lang, text: s.text }),
      );
      for (const s of signals) q.insertSignal.run({ key, kind: s.kind, sigKey: s.key, text: s.text });
      q.insertFts.run({ key, ...fields });
      q.upsertFile.run({ ...file, articleKey: key, error: null, at: new Date().toISOString() });
      return key;
    },

    /** Remembers a file that could not be read, so an unchanged bad file is not re-read every run. */
    putFailure(file: KbFile, error: string): void {
      q.upsertFile.run({ ...file, articleKey: null, error, at: new Date().toISOString() });
    },

    /** Recomputes how many articles carry each signal. Call inside the indexing transaction. */
    refreshSignalFrequencies(): void {
      q.clearDf.run();
      q.fillDf.run();
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

    signalsOf(key: number): Signal[] {
      return (q.signalsOf.all({ key }) as Array<{ kind: string; key: string; text: string }>).map((r) => ({
        kind: r.kind as SignalKind,
        key: r.key,
        text: r.text,
      }));
    },

    list(): Array<{ id: string; title: string }> {
      return q.allIds.all() as Array<{ id: string; title: string }>;
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
