import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateQueries } from '../../bench/corpus/generate-queries.js';
import { ensureCorpus } from '../../bench/corpus/write-corpus.js';
import { indexKb } from '../../src/kb/index-kb.js';
import { conjunctionsOf } from '../../src/match/conjunctions.js';
import { createMatcher, type MatchResult } from '../../src/match/matcher.js';
import { type Db, openDatabase } from '../../src/store/database.js';
import { createSearchStore } from '../../src/store/search-store.js';
import { makeTempDir, removeTempDir } from '../helpers/temp-dir.js';

/**
 * Matching on a generated KB (bench/corpus) of a few hundred articles: large enough for rarity
 * to mean something and for the matcher to stop reading early.
 */
const ARTICLES = 800;

let tmp: string;
let db: Db;

beforeAll(() => {
  tmp = makeTempDir('kb-generated-');
  ensureCorpus(join(tmp, 'kb'), 42, ARTICLES);
  db = openDatabase(join(tmp, 'kb.sqlite'));
  expect(indexKb(db, [join(tmp, 'kb')]).failed).toEqual([]);
});

afterAll(() => {
  db.close();
  removeTempDir(tmp);
});

const settled = (r: MatchResult) => ({ best: r.best?.id ?? null, top: r.matches.slice(0, 2) });

describe('stopping early', () => {
  it('gives the answer, runner-up, scores and confidences a full read gives, reading fewer', () => {
    const matcher = createMatcher(db);
    const queries = [
      ...generateQueries(42, ARTICLES, 25, 'measure').map((q) => q.text),
      // Real-shaped queries too: the eval's, against this KB (mostly unanswerable here).
      ...readdirSync(join(import.meta.dirname, '..', 'eval', 'queries'))
        .filter((f) => f.endsWith('.jsonl'))
        .flatMap((f) => readFileSync(join(import.meta.dirname, '..', 'eval', 'queries', f), 'utf8').split('\n').filter(Boolean))
        .slice(0, 120)
        .map((line) => (JSON.parse(line) as { text: string }).text),
    ];
    let stoppedEarly = 0;
    for (const text of queries) {
      const early = matcher.match(text);
      const full = matcher.match(text, { readAll: true });
      expect(settled(early), text.slice(0, 80)).toEqual(settled(full));
      expect(early.read).toBeLessThanOrEqual(full.read);
      if (early.read < full.read) stoppedEarly += 1;
    }
    expect(stoppedEarly).toBeGreaterThan(queries.length / 5);
  });
});

describe('a long pasted log', () => {
  it('is answered by its error, not by the counts, durations and ports of its other lines', () => {
    const matcher = createMatcher(db);
    // 200-line logs: one error with its stack trace among INFO lines full of numbers that are
    // rare by accident (items processed, milliseconds, ports of other connections).
    const logs = generateQueries(42, ARTICLES, 20, 'measure').filter((q) => q.kind === 'trace200');
    expect(logs).toHaveLength(20);
    for (const q of logs) {
      expect(q.text.match(/(?<![\w.])\d{3,5}(?![\w.])/g)?.length ?? 0).toBeGreaterThan(20);
      expect(matcher.match(q.text).best?.id, q.id).toBe(q.expect);
    }
  });
});

describe('conjunctions of common words', () => {
  it('list what FTS5 lists, whether answered from stored postings, FTS5 and postings, or FTS5 alone', () => {
    const search = createSearchStore(db);
    const terms = db.prepare('SELECT term, df FROM term_df WHERE df > 5 ORDER BY term').raw().all() as Array<[string, number]>;
    const stored = new Set(db.prepare('SELECT term FROM term_postings').pluck().all() as string[]);
    // Terms in more than 64 articles keep their postings, the others do not.
    expect(stored.size).toBeGreaterThan(50);
    expect(terms.filter(([t]) => !stored.has(t)).length).toBeGreaterThan(50);
    let pairs = 0;
    let listed = 0;
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...terms.map(([t]) => t)), { minLength: 1, maxLength: 5 }), fc.constantFrom(1, 33, 5000), (words, limit) => {
        const expected = search.articlesWithTerms(words, limit);
        for (const maxListed of [4096, 10]) expect(conjunctionsOf(search, search.termPostings(words), maxListed)(words, limit)).toEqual(expected);
        if (words.some((w) => stored.has(w)) && words.some((w) => !stored.has(w))) pairs += 1;
        if (expected.length > 0) listed += 1;
      }),
      { numRuns: 300 },
    );
    // Both kinds of word together, and conjunctions that some article has, came up often.
    expect(pairs).toBeGreaterThan(50);
    expect(listed).toBeGreaterThan(50);
  });
});
