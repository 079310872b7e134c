import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { analyzeArticle } from '../signals/analyze-article.js';
import { createArticleStore } from '../store/article-store.js';
import type { Db } from '../store/database.js';
import { readArticle } from './read-article.js';
import { ArticleReadError } from './read-error.js';
import { walkKb } from './walk-kb.js';

/** Files larger than this are reported and skipped: a KB article is not a data dump. */
export const MAX_ARTICLE_BYTES = 8 * 1024 * 1024;

export interface IndexReport {
  indexed: string[];
  unchanged: number;
  removed: string[];
  failed: Array<{ path: string; reason: string }>;
  /** Articles in the index after the run. */
  total: number;
}

export interface IndexOptions {
  onProgress?: (done: number, total: number) => void;
}

/**
 * Brings the index in line with the KB folders, incrementally: unchanged files (same sha256)
 * are skipped, changed ones replaced, vanished ones removed. All writes happen in one
 * transaction, so a reader sees the old index or the new one, never a mix.
 */
export function indexKb(db: Db, roots: readonly string[], options: IndexOptions = {}): IndexReport {
  const store = createArticleStore(db);
  const { files, problems } = walkKb(roots);
  const report: IndexReport = { indexed: [], unchanged: 0, removed: [], failed: [...problems], total: 0 };
  const known = new Map(store.files().map((f) => [f.path, f]));

  // Pass 1: what changed. Hashing reads each file once; the bytes are not kept.
  const todo: Array<{ path: string; root: string; source: string; hash: string }> = [];
  for (const f of files) {
    let hash: string;
    try {
      const size = statSync(f.path).size;
      hash = size > MAX_ARTICLE_BYTES ? `size:${size}` : sha256(readFileSync(f.path));
    } catch (err) {
      report.failed.push({ path: f.path, reason: `cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'})` });
      continue;
    }
    const before = known.get(f.path);
    known.delete(f.path);
    // A file that failed last time is read again: what made it fail (a duplicate id elsewhere) may be gone.
    if (before && !before.error && before.hash === hash && before.root === f.root && before.source === f.source) {
      report.unchanged += 1;
      continue;
    }
    todo.push({ ...f, hash });
  }
  const vanished = [...known.keys()];

  if (todo.length === 0 && vanished.length === 0) {
    report.total = store.stats().articles;
    return report;
  }

  // Pass 2: one transaction for every write.
  db.transaction(() => {
    for (const path of vanished) {
      store.removeFile(path);
      report.removed.push(path);
    }
    for (const f of todo) store.removeFile(f.path);
    todo.forEach((f, i) => {
      options.onProgress?.(i, todo.length);
      try {
        if (f.hash.startsWith('size:')) {
          throw new ArticleReadError(f.path, `larger than ${MAX_ARTICLE_BYTES / 1024 / 1024} MB; split it into articles`);
        }
        const article = readArticle(readFileSync(f.path), f.path);
        const clash = store.getById(article.id);
        if (clash) {
          throw new ArticleReadError(
            f.path,
            `duplicate article id "${article.id}", also used by ${clash.path}; give one of them another id (front matter \`id:\`)`,
          );
        }
        const analyzed = analyzeArticle(article);
        store.putArticle(f, article, analyzed.fields, analyzed.signals);
        report.indexed.push(f.path);
      } catch (err) {
        const reason = err instanceof ArticleReadError ? err.reason : `cannot index: ${(err as Error).message}`;
        store.putFailure(f, reason);
        report.failed.push({ path: f.path, reason });
      }
    });
    options.onProgress?.(todo.length, todo.length);
    store.refreshSignalFrequencies();
  })();
  report.total = store.stats().articles;
  return report;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
