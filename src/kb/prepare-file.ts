import { readFileSync } from 'node:fs';
import { type ArticleFields, analyzeArticle } from '../signals/analyze-article.js';
import type { Signal } from '../signals/signal.js';
import type { FileStat } from '../store/article-store.js';
import type { Article } from './article.js';
import { readArticle } from './read-article.js';
import { ArticleReadError } from './read-error.js';
import { cannotRead, type FileReader, MAX_ARTICLE_BYTES } from './read-kb-file.js';

/**
 * One file for the indexer to get ready: read (and, on a first run, hashed), parsed and
 * analyzed. Everything here depends on the file alone, so it can run on a worker thread; what
 * needs the database (is the id taken?) and the writes stay with the indexer.
 */
export type PrepareJob =
  /** Read the file once: hash, stat and parse it (a first index run). */
  | { path: string; mode: 'hash' }
  /** Read the file again: its hash is already known from the pass that found it changed. */
  | { path: string; mode: 'read'; hash: string };

/** A file ready to be stored: what it holds, or why it cannot be an article. */
export type ArticleOutcome =
  | { kind: 'article'; article: Article; fields: ArticleFields; signals: Signal[] }
  /** Read, but the analyzers failed on it: stored as a failure unless its id is taken (that is reported first). */
  | { kind: 'unanalyzable'; article: Article; reason: string }
  | { kind: 'failed'; reason: string };

export type Prepared =
  /** A `hash` job whose file could not be opened or read: it is reported, not stored. */
  | { kind: 'unreadable'; reason: string }
  | { kind: 'prepared'; hash: string; stat: FileStat | null; outcome: ArticleOutcome };

export function prepareFile(job: PrepareJob, readFile: FileReader): Prepared {
  if (job.mode === 'hash') {
    let file: ReturnType<FileReader>;
    try {
      file = readFile(job.path);
    } catch (err) {
      return { kind: 'unreadable', reason: cannotRead(err) };
    }
    const bytes = file.bytes;
    const outcome = file.hash.startsWith('size:') || !bytes ? tooLarge() : prepareBytes(() => bytes, job.path);
    return { kind: 'prepared', hash: file.hash, stat: file.stat, outcome };
  }
  const outcome = job.hash.startsWith('size:') ? tooLarge() : prepareBytes(() => readFileSync(job.path), job.path);
  return { kind: 'prepared', hash: job.hash, stat: null, outcome };
}

function tooLarge(): ArticleOutcome {
  return { kind: 'failed', reason: `larger than ${MAX_ARTICLE_BYTES / 1024 / 1024} MB; split it into articles` };
}

function prepareBytes(bytes: () => Uint8Array, path: string): ArticleOutcome {
  let article: Article;
  try {
    article = readArticle(bytes(), path);
  } catch (err) {
    return { kind: 'failed', reason: failureReason(err) };
  }
  try {
    const analyzed = analyzeArticle(article);
    return { kind: 'article', article, fields: analyzed.fields, signals: analyzed.signals };
  } catch (err) {
    return { kind: 'unanalyzable', article, reason: failureReason(err) };
  }
}

export function failureReason(err: unknown): string {
  return err instanceof ArticleReadError ? err.reason : `cannot index: ${(err as Error).message}`;
}
