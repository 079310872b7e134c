import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bm25, bm25Query } from '../../src/match/bm25.js';
import { createArticleTermsCache } from '../../src/match/article-terms.js';
import { gatherCandidates } from '../../src/match/candidates.js';
import { countQueryWords, queryWords } from '../../src/match/query-words.js';
import { createServices, type Services } from '../../src/services.js';
import { type SignalKind, signalId } from '../../src/signals/signal.js';
import { analyzeTerms, analyzeWithVariable } from '../../src/signals/terms.js';
import { buildFtsQuery, FTS_COLUMN_WEIGHTS } from '../../src/store/fts-query.js';
import { createSearchStore } from '../../src/store/search-store.js';
import { KB_DIR, makeTempDir, removeTempDir } from '../helpers/temp-dir.js';

let tmp: string;
let kb: string;
let services: Services;

beforeAll(() => {
  tmp = makeTempDir('kb-ranking-');
  kb = join(tmp, 'kb');
  cpSync(KB_DIR, kb, { recursive: true });
  services = createServices(join(tmp, 'kb.sqlite'));
  expect(services.index([kb]).failed).toEqual([]);
});

afterAll(() => {
  services.close();
  removeTempDir(tmp);
});

const vocabulary = () =>
  services.db.prepare('SELECT term, doc AS df FROM article_fts_vocab ORDER BY term').all();
const termDf = () => services.db.prepare('SELECT term, df FROM term_df ORDER BY term').all();

const W = FTS_COLUMN_WEIGHTS;
const QUERIES = [
  'JwtInvalidClaimException: Expecting claim qsh to have value but instead it has the value',
  'how do I fix the git clone ssl certificate problem behind the proxy',
  'java.lang.OutOfMemoryError: Java heap space',
];

describe('bm25 computed from article terms', () => {
  it('equals FTS5 bm25() with the column weights, article by article', () => {
    const search = createSearchStore(services.db);
    const totals = search.ftsTotals();
    expect(totals?.rows).toBe(search.articleCount());
    const cache = createArticleTermsCache(search);
    const fts = services.db.prepare(
      `SELECT rowid AS key, -bm25(article_fts, ${W.title}, ${W.symptoms}, ${W.diagnosis}, ${W.cause}, ${W.solution}, ${W.snippets}, ${W.other}) AS score
       FROM article_fts WHERE article_fts MATCH ?`,
    );
    let compared = 0;
    for (const text of QUERIES) {
      const terms = [...new Set(analyzeTerms(text))].map((term) => ({ term, df: search.termDocFrequency(term) })).filter((t) => t.df > 0);
      const words = queryWords(terms.map((t) => t.term));
      const q = bm25Query(words, terms, totals!.rows, totals!.averageLength);
      for (const row of fts.all(buildFtsQuery(terms.map((t) => t.term))) as Array<{ key: number; score: number }>) {
        const at = cache.get(row.key);
        expect(bm25(countQueryWords(at.columns, words).weighted, at.length, q)).toBeCloseTo(row.score, 9);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(20);
  });
});

describe('textOf', () => {
  it('reads each article as article_fts, articles and signals hold it', () => {
    const search = createSearchStore(services.db);
    const keys = services.db.prepare('SELECT key, title FROM articles ORDER BY key').all() as Array<{ key: number; title: string }>;
    const ftsRow = services.db.prepare('SELECT title, symptoms, diagnosis, cause, solution, snippets, other FROM article_fts WHERE rowid = ?');
    const signals = services.db.prepare('SELECT kind, key FROM signals WHERE article_key = ? ORDER BY kind, key');
    const byKindKey = (a: { kind: string; key: string }, b: { kind: string; key: string }) => a.kind.localeCompare(b.kind) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
    expect(keys.length).toBeGreaterThan(20);
    for (const { key, title } of keys) {
      const text = search.textOf(key)!;
      expect(text.fields).toEqual(ftsRow.get(key));
      expect(text.heading).toBe(title);
      expect([...text.signals].sort(byKindKey)).toEqual(signals.all(key));
    }
    expect(search.textOf(10_000_000)).toBeNull();
  });
});

describe('signalDocFrequencies', () => {
  it('gives each known signal the number of articles carrying it, in one statement, and leaves unknown ones out', () => {
    const search = createSearchStore(services.db);
    const counted = services.db
      .prepare('SELECT kind, key, count(*) AS df FROM signals GROUP BY kind, key ORDER BY df DESC, kind, key LIMIT 40')
      .all() as Array<{ kind: SignalKind; key: string; df: number }>;
    expect(counted.some((s) => s.df > 1)).toBe(true);
    const unknown = { kind: 'exception' as const, key: 'NoSuchThingAnywhereException' };
    const dfs = search.signalDocFrequencies([...counted, unknown]);
    expect(dfs.size).toBe(counted.length);
    for (const s of counted) expect(dfs.get(signalId(s.kind, s.key))).toBe(s.df);
    expect(dfs.has(signalId(unknown.kind, unknown.key))).toBe(false);
    expect(search.signalDocFrequencies([]).size).toBe(0);
  });
});

describe('term_df', () => {
  it('holds the same counts as the FTS5 vocabulary after a full index', () => {
    expect(termDf()).toEqual(vocabulary());
  });

  it('stays equal to it when a few articles are edited or removed', () => {
    const files = readdirSync(kb, { recursive: true, withFileTypes: true }).filter((f) => f.isFile() && f.name.endsWith('.md'));
    const edited = join(files[0]!.parentPath, files[0]!.name);
    writeFileSync(edited, `${readFileSync(edited, 'utf8')}\n\nZanzibarquux flibbertigibbet appears here only.\n`);
    rmSync(join(files[1]!.parentPath, files[1]!.name));
    const report = services.index([kb]);
    expect(report.indexed.length).toBe(1);
    expect(report.removed.length).toBe(1);
    expect(termDf()).toEqual(vocabulary());
    expect(createSearchStore(services.db).termDocFrequency('zanzibarquux')).toBe(1);
  });
});

describe('candidates through the index', () => {
  it('find the article sharing rare words, and those sharing a conjunction of common ones', () => {
    const search = createSearchStore(services.db);
    const key = services.db.prepare(`SELECT rowid FROM article_fts WHERE article_fts MATCH '"zanzibarquux"'`).pluck().get() as number;
    const { leads, complete } = gatherCandidates(search, [{ term: 'zanzibarquux', df: 1, weight: 5, probeWeight: 5 }], []);
    expect([...leads.keys()]).toEqual([key]);
    expect([...complete.terms]).toEqual(['zanzibarquux']);

    const common = ['java', 'heap', 'space'].map((term) => ({ term, df: search.termDocFrequency(term), weight: 1, probeWeight: 1 }));
    const withAll = search.articlesWithTerms(common.map((t) => t.term), 1000);
    expect(withAll.length).toBeGreaterThan(0);
    const { leads: probed, complete: none } = gatherCandidates(search, common.map((t) => ({ ...t, df: 1000 })), []);
    for (const k of withAll) expect([...probed.get(k)!.terms].sort()).toEqual(['heap', 'java', 'space']);
    for (const lead of probed.values()) expect(lead.terms.size).toBeGreaterThanOrEqual(2);
    // Conjunctions list some of the articles with common words, not all: none is complete.
    expect(none.terms.size).toBe(0);
  });

  it('lists the articles of many terms in one statement as one search per term would, limit and order kept', () => {
    const search = createSearchStore(services.db);
    const terms = (services.db.prepare('SELECT term FROM term_df ORDER BY df DESC, term LIMIT 30').pluck().all() as string[]).concat(['zanzibarquux', 'nosuchtermanywhere', '']);
    const cut = search.articlesWithEachTerm(terms, 3);
    expect(cut).toEqual(terms.map((t) => search.articlesWithTerms([t], 3)));
    expect(cut[0]).toHaveLength(3);
    const whole = search.articlesWithEachTerm(terms, 1000);
    expect(whole).toEqual(terms.map((t) => search.articlesWithTerms([t], 1000)));
    expect(whole[0]!.length).toBeGreaterThan(3);
    expect(whole.at(-2)).toEqual([]);
    expect(search.articlesWithEachTerm([], 10)).toEqual([]);
  });

  it('analyzes a paste once for its terms and its variable words, the terms as analyzeTerms gives them', () => {
    for (const text of [
      `while trying to export lockfile 'OD-36974' on cache-17.prod.local:9200: LDAP referral not followed after 281 attempts`,
      'java.sql.SQLException: ORA-12514: listener does not know of service at host 10.44.0.7 port 1521',
      'how do I fix the git clone ssl certificate problem behind the proxy',
    ]) {
      for (const limit of [5, 50_000]) {
        const both = analyzeWithVariable(text, limit);
        expect(both.terms).toEqual(analyzeTerms(text, limit));
      }
    }
  });

  it('tells the variable words of a log line (hosts, ids, counts) from its wording', () => {
    const v = analyzeWithVariable(`while trying to export lockfile 'OD-36974' on cache-17.prod.local:9200: LDAP referral not followed after 281 attempts`).variable;
    expect(v.has('od')).toBe(true);
    expect(v.has('prod')).toBe(true);
    expect(v.has('281')).toBe(true);
    expect(v.has('lockfil')).toBe(false);
    expect(v.has('ldap')).toBe(false);
  });
});
