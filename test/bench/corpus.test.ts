import { describe, expect, it } from 'vitest';
import { articleId, faultAt, generateArticle } from '../../bench/corpus/generate-article.js';
import { generateQueries, QUERY_KINDS } from '../../bench/corpus/generate-queries.js';
import { changedIndexes } from '../../bench/corpus/write-corpus.js';
import { orOfWords } from '../../src/store/reference-fts.js';
import { growthExponent, percentile } from '../../bench/stats.js';
import { readArticle } from '../../src/kb/read-article.js';

describe('the benchmark corpus', () => {
  it('is the same for the same seed, and article i does not depend on the corpus size', () => {
    expect(generateArticle(42, 17)).toEqual(generateArticle(42, 17));
    expect(generateArticle(42, 17).markdown).not.toBe(generateArticle(7, 17).markdown);
    expect(generateQueries(42, 1000, 3, 'measure')).toEqual(generateQueries(42, 1000, 3, 'measure'));
  });

  it('gives every article its own id and source, and the kb readers accept every one', () => {
    const ids = new Set<string>();
    const sources = new Set<string>();
    for (let i = 0; i < 400; i += 1) {
      const a = generateArticle(42, i);
      ids.add(a.id);
      sources.add(a.source);
      const read = readArticle(Buffer.from(a.markdown), a.source);
      expect(read.id).toBe(a.id);
      expect(read.sections.map((s) => s.role)).toEqual(expect.arrayContaining(['summary', 'diagnosis', 'cause', 'solution']));
    }
    expect(ids.size).toBe(400);
    expect(sources.size).toBe(400);
  });

  it('makes the first N queries of a larger set the set of N, for any choice of kinds (timed and top-1-only queries never overlap)', () => {
    const timed = generateQueries(42, 1000, 4, 'measure');
    const more = generateQueries(42, 1000, 10, 'measure', ['fragment', 'question']);
    expect(more.map((q) => q.kind)).toEqual([...Array(10).fill('fragment'), ...Array(10).fill('question')]);
    for (const kind of ['fragment', 'question'] as const) {
      const first = more.filter((q) => q.kind === kind && q.index < 4);
      expect(first).toEqual(timed.filter((q) => q.kind === kind));
      expect(new Set(more.filter((q) => q.kind === kind).map((q) => q.text)).size).toBe(10);
    }
  });

  it('makes queries of every kind whose expected article exists, with other values than the article', () => {
    const queries = generateQueries(42, 500, 5, 'measure');
    expect(new Set(queries.map((q) => q.kind))).toEqual(new Set(QUERY_KINDS));
    const known = new Set(Array.from({ length: 500 }, (_, i) => articleId(faultAt(42, i))));
    for (const q of queries) expect(known.has(q.expect)).toBe(true);
    const traces = queries.filter((q) => q.kind === 'trace200');
    for (const q of traces) expect(q.text.split('\n')).toHaveLength(200);
    for (const q of queries.filter((x) => x.kind === 'trace')) {
      expect(q.text.split('\n').length).toBeGreaterThanOrEqual(20);
      expect(q.text.split('\n').length).toBeLessThanOrEqual(300);
    }
  });

  it('edits 1% of the files per re-index run, other ones each run', () => {
    expect(changedIndexes(100_000, 0.01, 1)).toHaveLength(1000);
    expect(changedIndexes(100, 0.01, 1)).toHaveLength(1);
    expect(changedIndexes(10_000, 0.01, 1)).not.toEqual(changedIndexes(10_000, 0.01, 2));
  });
});

describe('the benchmark reference and statistics', () => {
  it('ORs the distinct words of a query, quoted, and nothing for no words', () => {
    expect(orOfWords('Connection refused: connect refused')).toBe('"connection" OR "refused" OR "connect"');
    expect(orOfWords('  --- ')).toBeNull();
  });

  it('takes percentiles by nearest rank and growth exponents of cost against size', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile([], 50)).toBeNaN();
    expect(growthExponent(1000, 2, 10_000, 20)).toBeCloseTo(1);
    expect(growthExponent(1000, 2, 10_000, 2)).toBeCloseTo(0);
  });
});
