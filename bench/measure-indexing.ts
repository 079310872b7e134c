import { spawnSync } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { changedIndexes, rewriteArticles } from './corpus/write-corpus.js';

const CHILD = join(import.meta.dirname, 'index-child.ts');

export interface IndexRun {
  /** Time of the `kb index` command inside its process (opening the database included). */
  ms: number;
  /** Spawn to exit, Node and tsx start-up included. */
  wallMs: number;
  /** CPU time of the command (user + system): less sensitive than `ms` to other work on the machine. */
  cpuMs: number;
  peakRssMiB: number;
  indexed: number;
  unchanged: number;
}

/** Runs `kb index` in a child process and returns its time and peak RSS. */
export function runIndex(kbDir: string, dbFile: string): IndexRun {
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--import', 'tsx', CHILD, kbDir, dbFile], {
    cwd: join(import.meta.dirname, '..'),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = performance.now() - started;
  const line = child.stdout.trim().split('\n').pop() ?? '';
  let result: { code: number; ms: number; cpuMs: number; maxRssKiB: number; indexed: number; unchanged: number; output: string };
  try {
    result = JSON.parse(line) as typeof result;
  } catch {
    throw new Error(`kb index child failed (exit ${child.status}): ${child.stderr.slice(0, 2000)}`);
  }
  if (result.code !== 0) throw new Error(`kb index exited ${result.code}: ${result.output}`);
  return { ms: result.ms, cpuMs: result.cpuMs, wallMs, peakRssMiB: result.maxRssKiB / 1024, indexed: result.indexed, unchanged: result.unchanged };
}

export function removeDatabase(dbFile: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbFile + suffix, { force: true });
}

/** Bytes of the database with its write-ahead log, as it sits on disk. */
export function databaseBytes(dbFile: string): number {
  return ['', '-wal'].reduce((sum, suffix) => sum + (statSync(dbFile + suffix, { throwIfNoEntry: false })?.size ?? 0), 0);
}

export interface IndexingResult {
  cold: IndexRun[];
  incremental: Array<IndexRun & { changed: number }>;
}

/**
 * `coldRuns` cold runs (a fresh database each), then `incrementalRuns` re-index runs that each
 * edit another 1% of the files first. The edited files are put back afterwards, so a cached
 * corpus stays the one its manifest names.
 */
export function measureIndexing(opts: {
  kbDir: string;
  dbFile: string;
  seed: number;
  articles: number;
  coldRuns: number;
  incrementalRuns: number;
  onRun?: (what: string, run: IndexRun) => void;
}): IndexingResult {
  const result: IndexingResult = { cold: [], incremental: [] };
  for (let r = 0; r < opts.coldRuns; r += 1) {
    removeDatabase(opts.dbFile);
    const run = runIndex(opts.kbDir, opts.dbFile);
    if (run.indexed !== opts.articles) throw new Error(`cold index indexed ${run.indexed} of ${opts.articles} articles`);
    result.cold.push(run);
    opts.onRun?.(`cold ${r + 1}/${opts.coldRuns}`, run);
  }
  const edited = new Set<number>();
  try {
    for (let r = 1; r <= opts.incrementalRuns; r += 1) {
      const changed = changedIndexes(opts.articles, 0.01, r);
      rewriteArticles(opts.kbDir, opts.seed, changed, r);
      for (const i of changed) edited.add(i);
      const run = runIndex(opts.kbDir, opts.dbFile);
      result.incremental.push({ ...run, changed: changed.length });
      opts.onRun?.(`1% changed ${r}/${opts.incrementalRuns}`, run);
    }
  } finally {
    rewriteArticles(opts.kbDir, opts.seed, [...edited], 0);
  }
  return result;
}
