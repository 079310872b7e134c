import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IndexOptions, indexKb } from '../../src/kb/index-kb.js';
import { type Prepared, type PrepareJob, prepareFile } from '../../src/kb/prepare-file.js';
import { defaultWorkers, prepareAll } from '../../src/kb/prepare-pool.js';
import { createFileReader } from '../../src/kb/read-kb-file.js';
import { walkKb } from '../../src/kb/walk-kb.js';
import { type Db, openDatabase } from '../../src/store/database.js';
import { KB_DIR, makeTempDir, removeTempDir } from '../helpers/temp-dir.js';

/**
 * Indexing on worker threads gives exactly what indexing on one thread gives: the same report,
 * the same rows in the same order (article keys included), for good and bad files alike.
 */
let tmp: string;
let kb: string;

beforeAll(() => {
  tmp = makeTempDir('kb-pool-');
  kb = join(tmp, 'kb');
  cpSync(KB_DIR, kb, { recursive: true });
  writeFileSync(join(kb, 'broken-front-matter.md'), '---\ntitle: "unterminated\ntags: [a\n---\n## Summary\n\nx\n');
  writeFileSync(join(kb, 'empty.md'), '\n');
  writeFileSync(join(kb, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
  writeFileSync(join(kb, 'a-dup.md'), '---\nid: shared-id\ntitle: First\n---\n## Summary\n\nalpha\n');
  writeFileSync(join(kb, 'b-dup.md'), '---\nid: shared-id\ntitle: Second\n---\n## Summary\n\nbeta\n');
});

afterAll(() => removeTempDir(tmp));

const ON_WORKERS: IndexOptions = { workers: 2, minJobsForWorkers: 0, waitForWorkers: true, helpWorkers: false };
const ON_THIS_THREAD: IndexOptions = { workers: 0 };

/** Every row the index holds, by key, without the times of the run. */
function dump(db: Db): Record<string, unknown[]> {
  const all = (sql: string) => db.prepare(sql).all();
  return {
    articles: all('SELECT * FROM articles ORDER BY key'),
    sections: all('SELECT * FROM sections ORDER BY article_key, ord'),
    snippets: all('SELECT * FROM snippets ORDER BY article_key, ord'),
    signals: all('SELECT * FROM signals ORDER BY article_key, kind, key'),
    signalDf: all('SELECT * FROM signal_df ORDER BY kind, key'),
    fts: all('SELECT rowid, * FROM article_fts ORDER BY rowid'),
    vocabulary: all('SELECT term, doc, cnt FROM article_fts_vocab ORDER BY term'),
    files: all('SELECT path, root, source, hash, article_key, error, size, mtime_ms FROM kb_files ORDER BY rowid'),
  };
}

function indexBoth(name: string, edit?: () => void): void {
  const dbs = [ON_THIS_THREAD, ON_WORKERS].map((options, i) => {
    const db = openDatabase(join(tmp, `${name}-${i}.sqlite`));
    return { db, options };
  });
  try {
    const first = dbs.map(({ db, options }) => indexKb(db, [kb], options));
    expect(first[1]).toEqual(first[0]);
    expect(first[0]!.indexed.length).toBeGreaterThan(20);
    expect(dump(dbs[1]!.db)).toEqual(dump(dbs[0]!.db));
    if (!edit) return;
    edit();
    const second = dbs.map(({ db, options }) => indexKb(db, [kb], options));
    expect(second[1]).toEqual(second[0]);
    expect(second[0]!.indexed.length).toBeGreaterThan(0);
    expect(dump(dbs[1]!.db)).toEqual(dump(dbs[0]!.db));
  } finally {
    for (const { db } of dbs) db.close();
  }
}

describe('indexing on worker threads', () => {
  it('a first run stores what a run on one thread stores, failures and duplicate ids included', () => {
    indexBoth('cold');
  });

  it('a re-index of changed files stores what a run on one thread stores', () => {
    indexBoth('changes', () => {
      // Every Markdown article edited: enough changed files to go to the workers.
      for (const rel of readdirSync(kb, { recursive: true }).map(String).filter((f) => f.endsWith('.md'))) {
        const path = join(kb, rel);
        writeFileSync(path, `${readFileSync(path, 'utf8')}\n## Workaround\n\nRestart the quokkaservice.\n`);
      }
    });
  });

  /** The KB's files as jobs, each done `times` over, and what prepareAll must hand over for them, in order. */
  function jobsAndResults(times: number) {
    const files = walkKb([kb]).files.map((f): PrepareJob => ({ path: f.path, mode: 'hash' }));
    const readFile = createFileReader();
    const once = files.map((job) => withoutTime(prepareFile(job, readFile)));
    return { count: files.length * times, jobAt: (i: number) => files[i % files.length]!, expected: Array.from({ length: times }, () => once).flat() };
  }

  /** prepareAll's results, checked to come in job order, without the times the files were read. */
  function runAll(count: number, jobAt: (i: number) => PrepareJob, options: IndexOptions) {
    const got: string[] = [];
    const stats = prepareAll(count, jobAt, options, (result, i) => {
      expect(i).toBe(got.length);
      got.push(withoutTime(result));
    });
    return { got, onWorkers: stats.onWorkers };
  }

  it('hands every result over in the order of the jobs', () => {
    const { count, jobAt, expected } = jobsAndResults(1);
    const { got, onWorkers } = runAll(count, jobAt, ON_WORKERS);
    expect(got).toEqual(expected);
    expect(onWorkers).toBe(count);
  });

  it('hands every result over in order when this thread does later jobs while it waits for the worker', () => {
    const { count, jobAt, expected } = jobsAndResults(3);
    const { got, onWorkers } = runAll(count, jobAt, { workers: 1, minJobsForWorkers: 0, waitForWorkers: true });
    expect(got).toEqual(expected);
    // Both did jobs: the worker from the start, this thread whenever the next result was not in yet.
    expect(onWorkers).toBeGreaterThan(0);
    expect(onWorkers).toBeLessThan(count);
  });
});

/** A prepared file as JSON, but for when it was read. */
function withoutTime(p: Prepared): string {
  return JSON.stringify(p.kind === 'prepared' && p.stat ? { ...p, stat: { ...p.stat, hashedAtMs: 0 } } : p);
}

describe('defaultWorkers', () => {
  it('is one worker with two cores or more, none with one, and KB_INDEX_WORKERS when set (within bounds)', () => {
    expect(defaultWorkers({}, 2)).toBe(1);
    expect(defaultWorkers({}, 8)).toBe(1);
    expect(defaultWorkers({}, 1)).toBe(0);
    expect(defaultWorkers({ KB_INDEX_WORKERS: '0' }, 2)).toBe(0);
    expect(defaultWorkers({ KB_INDEX_WORKERS: '2' }, 2)).toBe(2);
    expect(defaultWorkers({ KB_INDEX_WORKERS: '64' }, 2)).toBe(4);
    expect(defaultWorkers({ KB_INDEX_WORKERS: 'many' }, 2)).toBe(1);
  });
});
