import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../src/kb/article.js';
import type { Signal, SignalKind } from '../../src/signals/signal.js';
import { type ArticleFields, createArticleStore, type FrequencyOptions, PINNED_PATTERNS_QUERY } from '../../src/store/article-store.js';
import { type Db, openDatabase, withCacheSize } from '../../src/store/database.js';
import { FrequencyChanges } from '../../src/store/frequency-changes.js';
import { decodeKeySet, keysOf } from '../../src/store/key-set.js';
import { signalKeysOfPostings, signalKeysOnRows } from '../helpers/signal-keys.js';

let db: Db;

beforeEach(() => {
  db = openDatabase(':memory:');
});

afterEach(() => {
  db.close();
});

const FIELDS: ArticleFields = { title: 't', symptoms: '', diagnosis: '', cause: '', solution: '', snippets: '', other: '' };

function article(id: string): Article {
  return { id, title: id, product: null, tags: [], url: null, patterns: [], sections: [{ role: 'summary', heading: '', text: 'x' }], snippets: [] };
}

const frequencies = () => db.prepare('SELECT kind, key, df FROM signal_df ORDER BY kind, key').all();
const termFrequencies = () => db.prepare('SELECT term, df FROM term_df ORDER BY term').all();
const termsRecounted = () => db.prepare('SELECT term, doc AS df FROM article_fts_vocab ORDER BY term').all();
const recounted = () => db.prepare('SELECT kind, key, count(*) AS df FROM signals GROUP BY kind, key ORDER BY kind, key').all();
/** Each term's stored postings, as keys, next to the articles FTS5 lists for it. */
const storedAndFts = () =>
  (db.prepare('SELECT term, keys FROM term_postings ORDER BY term').raw().all() as Array<[string, Buffer]>).map(([term, keys]) => ({
    term,
    stored: keysOf(decodeKeySet(keys)),
    form: decodeKeySet(keys).bits ? 'bitmap' : 'list',
    fts: db.prepare('SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY rowid').pluck().all(`"${term}"`),
  }));

/** A few kinds and keys, so that articles share signals the way a KB's confusable groups do. */
const signal = fc.record({
  kind: fc.constantFrom<SignalKind>('exception', 'code', 'frame', 'message'),
  key: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
  text: fc.constant('text'),
});
const step = fc.oneof(
  fc.record({ op: fc.constant('put' as const), file: fc.integer({ min: 0, max: 5 }), signals: fc.array(signal, { maxLength: 6 }) }),
  fc.record({ op: fc.constant('remove' as const), file: fc.integer({ min: 0, max: 5 }) }),
);

type Step = { op: 'put'; file: number; signals: Signal[] } | { op: 'remove'; file: number };

/** Replays steps the way the indexer does: a file's old article goes first, then the new one comes in. */
function applySteps(store: ReturnType<typeof createArticleStore>, steps: readonly Step[], options: Parameters<ReturnType<typeof createArticleStore>['removeFile']>[1]): void {
  for (const s of steps) {
    const path = `/kb/f${s.file}.md`;
    store.removeFile(path, options);
    // Terms vary with the signals, so that edits change some terms and keep others.
    const fields = { ...FIELDS, symptoms: s.op === 'put' ? s.signals.map((x) => `w${x.key}`).join(' ') : '' };
    if (s.op === 'put') store.putArticle({ path, root: '/kb', source: `f${s.file}.md`, hash: 'h' }, article(`f${s.file}`), fields, s.signals, options);
  }
}

describe('signal frequencies', () => {
  it('stay equal to a full recount when articles are put and removed one at a time', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        db.exec('DELETE FROM articles; DELETE FROM kb_files; DELETE FROM signal_df; DELETE FROM term_df; DELETE FROM article_fts');
        const store = createArticleStore(db);
        const pending = new FrequencyChanges();
        db.transaction(() => {
          for (const s of steps) {
            applySteps(store, [s], { pending });
            store.applyFrequencyChanges(pending);
          }
        })();
        expect(frequencies()).toEqual(recounted());
      }),
      { numRuns: 200 },
    );
  });

  it('stay equal to a full recount, term_df and term postings too, when the changes are gathered over a run and applied at its end', () => {
    fc.assert(
      fc.property(fc.array(fc.array(step, { maxLength: 12 }), { maxLength: 3 }), (runs) => {
        db.exec("DELETE FROM articles; DELETE FROM kb_files; DELETE FROM signal_df; DELETE FROM term_df; DELETE FROM article_fts; DELETE FROM term_postings; DELETE FROM kb_meta");
        // Every term keeps its postings (in a KB, only those in more than 64 articles).
        const store = createArticleStore(db, { postingsMinDf: 0 });
        for (const [i, steps] of runs.entries()) {
          const options = { pending: new FrequencyChanges() };
          db.transaction(() => {
            applySteps(store, steps, options);
            store.applyFrequencyChanges(options.pending);
          })();
          expect(frequencies()).toEqual(recounted());
          expect(termFrequencies()).toEqual(termsRecounted());
          for (const { stored, fts } of storedAndFts()) expect(stored).toEqual(fts);
          // The first run listed every term then in the index; later runs keep those up to date.
          if (i === 0) expect(storedAndFts().map((b) => b.term)).toEqual(termFrequencies().map((t) => (t as { term: string }).term));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('keep the postings of common terms, bitmaps and lists, when rebuilt, then edited article by article', () => {
    const store = createArticleStore(db, { postingsMinDf: 3 });
    const put = (i: number, words: string, options: FrequencyOptions = {}) =>
      store.putArticle({ path: `/kb/${i}.md`, root: '/kb', source: `${i}.md`, hash: 'h' }, article(`a${i}`), { ...FIELDS, symptoms: words }, [], options);
    const few = new Set([10, 90, 150, 199]);
    db.transaction(() => {
      for (let i = 0; i < 200; i += 1) put(i, `${i % 2 ? 'odd' : 'even'} common${few.has(i) ? ' few' : ''}${i < 2 ? ' rising' : ''}`);
      store.refreshSignalFrequencies();
    })();
    // In more than 3 articles: 200 keys as a bitmap, 4 keys up to 200 as a list.
    expect(storedAndFts().map((b) => [b.term, b.form])).toEqual([['common', 'bitmap'], ['even', 'bitmap'], ['few', 'list'], ['odd', 'bitmap'], ['t', 'bitmap']]);
    for (const { stored, fts } of storedAndFts()) expect(stored).toEqual(fts);
    const pending = new FrequencyChanges();
    db.transaction(() => {
      store.removeFile('/kb/3.md', { pending });
      store.removeFile('/kb/10.md', { pending });
      for (const i of [200, 201]) put(i, 'odd few rising', { pending });
      store.applyFrequencyChanges(pending);
    })();
    for (const { stored, fts } of storedAndFts()) expect(stored).toEqual(fts);
    // A term in more than 3 articles only since the rebuild has no postings until the next one: FTS5 lists its articles.
    expect(storedAndFts().map((b) => b.term)).not.toContain('rising');
  });

  it('are left to refreshSignalFrequencies when not kept up to date, which recounts them all', () => {
    const store = createArticleStore(db);
    const file = { path: '/kb/a.md', root: '/kb', source: 'a.md', hash: 'h' };
    store.putArticle(file, article('a'), FIELDS, [{ kind: 'code', key: 'ORA-1', text: 'ORA-1' }]);
    expect(frequencies()).toEqual([]);
    store.refreshSignalFrequencies();
    expect(frequencies()).toEqual([{ kind: 'code', key: 'ORA-1', df: 1 }]);
    expect(store.generation()).not.toBe('');
  });

  it('markIndexed changes the generation a running matcher watches, without recounting', () => {
    const store = createArticleStore(db);
    store.markIndexed();
    const first = store.generation();
    expect(first).not.toBe('');
    expect(frequencies()).toEqual([]);
  });
});

describe('file lookups', () => {
  it('knows a file by path, lists known files in the order they were added, and counts articles', () => {
    const store = createArticleStore(db);
    expect(store.hasFiles()).toBe(false);
    store.putArticle({ path: '/kb/b.md', root: '/kb', source: 'b.md', hash: 'hb' }, article('b'), FIELDS, []);
    store.putFailure({ path: '/kb/a.md', root: '/kb', source: 'a.md', hash: 'ha' }, 'bad front matter');
    store.putArticle({ path: '/kb/c.md', root: '/kb', source: 'c.md', hash: 'hc', stat: { size: 10, mtimeMs: 1000.5, hashedAtMs: 5000 } }, article('c'), FIELDS, []);
    const unknownStat = { size: null, mtimeMs: null, hashedAtMs: null };
    expect(store.file('/kb/b.md')).toEqual({ root: '/kb', source: 'b.md', hash: 'hb', error: null, ...unknownStat });
    expect(store.file('/kb/a.md')).toEqual({ root: '/kb', source: 'a.md', hash: 'ha', error: 'bad front matter', ...unknownStat });
    expect(store.file('/kb/c.md')).toMatchObject({ hash: 'hc', size: 10, mtimeMs: 1000.5, hashedAtMs: 5000 });
    store.setFileStat('/kb/b.md', { size: 3, mtimeMs: 7, hashedAtMs: 9 });
    expect(store.file('/kb/b.md')).toMatchObject({ hash: 'hb', size: 3, mtimeMs: 7, hashedAtMs: 9 });
    expect(store.file('/kb/none.md')).toBeUndefined();
    expect([...store.knownFiles()].map((f) => f.path)).toEqual(['/kb/b.md', '/kb/a.md', '/kb/c.md']);
    expect([...store.knownFiles()][2]).toMatchObject({ path: '/kb/c.md', hash: 'hc', error: null, size: 10, mtimeMs: 1000.5 });
    expect(store.hasFiles()).toBe(true);
    expect(store.articleCount()).toBe(2);
  });
});

describe('pinned patterns', () => {
  it('lists the articles that pin patterns, found through the partial index rather than a scan of every article', () => {
    const store = createArticleStore(db);
    store.putArticle({ path: '/kb/a.md', root: '/kb', source: 'a.md', hash: 'ha' }, article('a'), FIELDS, []);
    store.putArticle({ path: '/kb/b.md', root: '/kb', source: 'b.md', hash: 'hb' }, { ...article('b'), patterns: ['qsh.*mismatch'] }, FIELDS, []);
    expect(store.pinnedPatterns()).toEqual([{ key: 2, patterns: ['qsh.*mismatch'] }]);
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${PINNED_PATTERNS_QUERY}`).all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING (COVERING )?INDEX articles_with_patterns/);
  });
});

describe('withCacheSize', () => {
  it('gives the function a larger page cache and puts the old size back, also when it throws', () => {
    const before = db.pragma('cache_size', { simple: true });
    expect(withCacheSize(db, 4096, () => db.pragma('cache_size', { simple: true }))).toBe(-4096);
    expect(db.pragma('cache_size', { simple: true })).toBe(before);
    expect(() => withCacheSize(db, 4096, () => {
      throw new Error('boom');
    })).toThrow('boom');
    expect(db.pragma('cache_size', { simple: true })).toBe(before);
  });
});

describe('signal keys on the article row', () => {
  // Keys past ASCII, where UTF-8 byte order (SQLite's) and UTF-16 order (JavaScript's <) differ.
  const anySignal = fc.record({
    kind: fc.constantFrom<SignalKind>('exception', 'code', 'message'),
    key: fc.constantFrom('a', 'Z', 'é', '\uFFFD', '𝄞', 'a\uE000', 'a😀'),
    text: fc.constant('text'),
  });

  it('are the postings, in SQLite (kind, key) order, when an article is put and when it is replaced in place', () => {
    fc.assert(
      fc.property(fc.array(anySignal, { maxLength: 10 }), fc.array(anySignal, { maxLength: 10 }), (first, second) => {
        db.exec('DELETE FROM articles; DELETE FROM kb_files; DELETE FROM signal_df; DELETE FROM term_df; DELETE FROM article_fts');
        const store = createArticleStore(db);
        const file = { path: '/kb/a.md', root: '/kb', source: 'a.md', hash: 'h1' };
        store.putArticle(file, article('a'), FIELDS, first);
        expect(signalKeysOnRows(db)).toEqual(signalKeysOfPostings(db));
        const key = store.detachArticle(file.path)!;
        store.replaceArticle(key, { ...file, hash: 'h2' }, article('a'), FIELDS, second);
        expect(signalKeysOnRows(db)).toEqual(signalKeysOfPostings(db));
      }),
      { numRuns: 200 },
    );
  });
});
