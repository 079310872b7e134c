import { type ArticleStore, createArticleStore, type FileStat, type FrequencyOptions, type KbFile, type KnownFile } from '../store/article-store.js';
import { type FileStatNow, statInBackground } from './background-stat.js';
import { collectGarbage } from '../runtime/collect-garbage.js';
import { type Db, withCacheSize } from '../store/database.js';
import { FrequencyChanges } from '../store/frequency-changes.js';
import { type ArticleOutcome, failureReason, type PrepareJob } from './prepare-file.js';
import { prepareAll, type PrepareOptions } from './prepare-pool.js';
import { ArticleReadError } from './read-error.js';
import { cannotRead, createFileReader, type FileRead, MAX_ARTICLE_BYTES } from './read-kb-file.js';
import { type FoundFile, walkKb } from './walk-kb.js';
import { checkKbFolders, refuseEmptying } from './kb-folders.js';

export { MAX_ARTICLE_BYTES };

/**
 * When at most this share of the known files changed, signal_df is updated article by article;
 * above it, recounting the whole table once at the end is cheaper. Both give the same counts.
 */
const INCREMENTAL_SHARE = 0.2;
/** SQLite page cache during the write transaction (KiB); put back to the default afterwards. */
const INDEX_CACHE_KIB = 32 * 1024;
/**
 * A file's unchanged size and mtime are trusted (it is not read again) only when it was at least
 * this much older than the moment it was hashed: a same-size edit made within the file system's
 * timestamp granularity (coarse clocks, 2 s on FAT) could otherwise keep the old mtime.
 */
export const RACY_MS = 2000;
/**
 * A long run collects garbage after every this many files: V8 otherwise lets a hundred MB or more
 * of it pile up between its own collections, which set the run's peak RSS (355 to 432 MiB over
 * two 100,000-article runs). A collection costs tens of ms; a run of 100,000 makes 50.
 */
const COLLECT_EVERY = 2000;

export interface IndexReport {
  indexed: string[];
  unchanged: number;
  removed: string[];
  failed: Array<{ path: string; reason: string }>;
  /** Files indexed this run with a problem the reader worked around (front matter that was not YAML, ...). */
  warnings: Array<{ path: string; reason: string }>;
  /** Articles in the index after the run. */
  total: number;
}

export interface IndexOptions extends PrepareOptions {
  onProgress?: (done: number, total: number) => void;
  /** Fewer walked files than this are statted on this thread (default MIN_FILES_FOR_WORKER). */
  minFilesForStatWorker?: number;
  /** Let a run that finds no article empty an index that has some (else it is refused, see kb-folders.ts). */
  allowEmpty?: boolean;
}

/**
 * Brings the index in line with the KB folders, incrementally: unchanged files are skipped (the
 * same size and mtime as when they were hashed, long enough after their last change, see
 * RACY_MS; else the same sha256), changed ones replaced, vanished ones removed. All writes
 * happen in one transaction, so a reader sees the old index or the new one, never a mix.
 */
export function indexKb(db: Db, roots: readonly string[], options: IndexOptions = {}): IndexReport {
  checkKbFolders(roots);
  const store = createArticleStore(db);
  const { files, problems } = walkKb(roots);
  if (files.length === 0 && !options.allowEmpty && store.articleCount() > 0) refuseEmptying(roots, store.articleCount());
  const report: IndexReport = { indexed: [], unchanged: 0, removed: [], failed: [...problems], warnings: [], total: 0 };
  return !store.hasFiles() ? indexEverything(db, store, files, report, options) : indexChanges(db, store, files, report, options, roots);
}

/**
 * The index knows no file yet, so every readable file is new: each is read once, hashed and
 * indexed in one pass (no list of what to do, no second read). The report is the one the
 * two-pass run gives: read failures first, then what failed to index.
 */
function indexEverything(db: Db, store: ArticleStore, files: readonly FoundFile[], report: IndexReport, options: IndexOptions): IndexReport {
  const unreadable: IndexReport['failed'] = [];
  const failed: IndexReport['failed'] = [];
  let done = 0;
  withCacheSize(db, INDEX_CACHE_KIB, () => db.transaction(() => {
    prepareAll(files.length, (i): PrepareJob => ({ path: files[i]!.path, mode: 'hash' }), options, (prepared, i) => {
      const f = files[i]!;
      if (prepared.kind === 'unreadable') {
        unreadable.push({ path: f.path, reason: prepared.reason });
        return;
      }
      options.onProgress?.(done, files.length - unreadable.length);
      storeFile(store, { ...f, hash: prepared.hash, stat: prepared.stat }, prepared.outcome, report, failed, {}, null);
      done += 1;
      if (done % COLLECT_EVERY === 0) collectGarbage();
    });
    if (done === 0) return;
    options.onProgress?.(done, done);
    settleBulkWrite(store);
  }).immediate());
  report.failed.push(...unreadable, ...failed);
  report.total = store.articleCount();
  return report;
}

/** The index knows files: hash every file, then replace what changed and remove what is gone. */
function indexChanges(db: Db, store: ArticleStore, files: readonly FoundFile[], report: IndexReport, options: IndexOptions, roots: readonly string[]): IndexReport {
  // Pass 1a: one scan of what the index knows, in the order it was added. A file still found with
  // the root, source, size and mtime it had when it was hashed (long enough after its last change)
  // is unchanged without being read; a file no longer found is gone.
  // The files are statted on a worker thread meanwhile (see background-stat.ts).
  const walked = new Map(files.map((f, i) => [f.path, i]));
  const stats = statInBackground(files.map((f) => f.path), options.minFilesForStatWorker);
  const trusted = new Set<string>();
  const known = new Map<string, KnownFile & { rowid: number; path: string }>();
  const gone: Array<{ rowid: number; path: string }> = [];
  let knownFiles = 0;
  try {
    for (const row of store.knownFiles()) {
      knownFiles += 1;
      const i = walked.get(row.path);
      if (i === undefined) {
        gone.push(row);
        continue;
      }
      const f = files[i]!;
      // A file that failed last time is read again: what made it fail (a duplicate id elsewhere) may be gone.
      if (!row.error && row.root === f.root && row.source === f.source && trustedStat(row) && statUnchanged(row, stats.get(i))) trusted.add(row.path);
      else known.set(row.path, row);
    }
  } finally {
    stats.close();
  }
  walked.clear();

  // Pass 1b: any other file is read and hashed, in the order of the walk; the bytes are not kept.
  const todo: KbFile[] = [];
  const restat: Array<{ path: string; stat: FileStat }> = [];
  const readFile = createFileReader();
  for (const f of files) {
    if (trusted.has(f.path)) {
      report.unchanged += 1;
      continue;
    }
    const before = known.get(f.path);
    let file: FileRead;
    try {
      file = readFile(f.path);
    } catch (err) {
      report.failed.push({ path: f.path, reason: cannotRead(err) });
      if (before) gone.push(before); // unreadable now: it leaves the index like a deleted file
      continue;
    }
    if (before && !before.error && before.root === f.root && before.source === f.source && before.hash === file.hash) {
      report.unchanged += 1;
      if (file.stat) restat.push({ path: f.path, stat: file.stat });
      continue;
    }
    todo.push({ ...f, hash: file.hash, stat: file.stat });
  }
  trusted.clear();
  const vanished = gone.sort((a, b) => a.rowid - b.rowid).map((g) => g.path);

  if (todo.length === 0 && vanished.length === 0) {
    // Nothing changed, but files read again now have a trustworthy stat for the next run.
    if (restat.length) db.transaction(() => restat.forEach((r) => store.setFileStat(r.path, r.stat))).immediate();
    report.total = store.articleCount();
    return report;
  }

  // Pass 2: one transaction for every write.
  const incremental = todo.length + vanished.length <= knownFiles * INCREMENTAL_SHARE;
  const frequencies: FrequencyOptions = { pending: incremental ? new FrequencyChanges() : undefined };
  const articlesBefore = store.articleCount();
  withCacheSize(db, INDEX_CACHE_KIB, () => db.transaction(() => {
    for (const path of vanished) {
      store.removeFile(path, frequencies);
      report.removed.push(path);
    }
    for (const r of restat) store.setFileStat(r.path, r.stat);
    // A changed file's article is replaced under its key (only what changed is written); its id
    // is freed first, so that changed files may trade ids within one run.
    const replacing = todo.map((f) => store.detachArticle(f.path));
    prepareAll(todo.length, (i): PrepareJob => ({ path: todo[i]!.path, mode: 'read', hash: todo[i]!.hash }), options, (prepared, i) => {
      options.onProgress?.(i, todo.length);
      // A `read` job is never unreadable: a file that cannot be read again fails to index.
      const outcome: ArticleOutcome = prepared.kind === 'prepared' ? prepared.outcome : { kind: 'failed', reason: prepared.reason };
      storeFile(store, todo[i]!, outcome, report, report.failed, frequencies, replacing[i] ?? null);
      if ((i + 1) % COLLECT_EVERY === 0) collectGarbage();
    });
    options.onProgress?.(todo.length, todo.length);
    // Every file failing (a KB folder swapped for another) would empty the index like a typo: rolled back.
    if (!options.allowEmpty && articlesBefore > 0 && store.articleCount() === 0) refuseEmptying(roots, articlesBefore);
    if (frequencies.pending) {
      store.applyFrequencyChanges(frequencies.pending);
      store.markIndexed();
    } else settleBulkWrite(store);
  }).immediate());
  report.total = store.articleCount();
  return report;
}

/**
 * Ends a run that wrote much of the KB: the full-text index merged into one segment, and every
 * signal and term counted again (cheaper than moving the counts article by article).
 */
function settleBulkWrite(store: ArticleStore): void {
  store.mergeSearchIndex();
  store.refreshSignalFrequencies();
}

/**
 * Checks and stores one changed file, or records why it could not be. `replacing` is the key of
 * the file's previous article (detached), which the new version takes, or which goes when the
 * file now fails.
 */
function storeFile(
  store: ArticleStore,
  f: KbFile,
  outcome: ArticleOutcome,
  report: IndexReport,
  failed: IndexReport['failed'],
  frequencies: FrequencyOptions,
  replacing: number | null,
): void {
  try {
    if (outcome.kind === 'failed') throw new ArticleReadError(f.path, outcome.reason);
    const clash = store.getById(outcome.article.id);
    if (clash) {
      throw new ArticleReadError(
        f.path,
        `duplicate article id "${outcome.article.id}", also used by ${clash.path}; give one of them another id (front matter \`id:\`)`,
      );
    }
    if (outcome.kind === 'unanalyzable') throw new ArticleReadError(f.path, outcome.reason);
    if (replacing === null) store.putArticle(f, outcome.article, outcome.fields, outcome.signals, frequencies);
    else store.replaceArticle(replacing, f, outcome.article, outcome.fields, outcome.signals, frequencies);
    report.indexed.push(f.path);
    for (const reason of outcome.article.warnings ?? []) report.warnings.push({ path: f.path, reason });
  } catch (err) {
    const reason = failureReason(err);
    if (replacing !== null) store.dropArticle(replacing, frequencies);
    store.putFailure(f, reason);
    failed.push({ path: f.path, reason });
  }
}

/** True when the index has a stat of the file from when it was hashed, and the file was old enough then. */
function trustedStat(known: Pick<KnownFile, 'size' | 'mtimeMs' | 'hashedAtMs'>): boolean {
  return known.size !== null && known.mtimeMs !== null && known.hashedAtMs !== null && known.mtimeMs <= known.hashedAtMs - RACY_MS;
}

/** True when the file's size and mtime now are those recorded when it was hashed. */
function statUnchanged(known: Pick<KnownFile, 'size' | 'mtimeMs'>, now: FileStatNow): boolean {
  return now !== null && now.size === known.size && now.mtimeMs === known.mtimeMs;
}
