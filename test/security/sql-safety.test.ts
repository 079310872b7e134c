import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/services.js';
import { createSearchStore, type SearchStore } from '../../src/store/search-store.js';
import { KB_DIR, makeTempDir, REPO_DIR, removeTempDir } from '../helpers/temp-dir.js';

/** Words the bundled KB contains, and FTS5 query syntax around them. */
const WORDS = ['jwt', 'qsh', 'apache', 'proxy', 'oracle', 'listener', 'nocanon', 'heap', 'docker', 'ldap', 'postgres', 'timeout'];
const SYNTAX = ['AND', 'OR', 'NOT', 'NEAR', 'NEAR(', '"', '""', '*', '^', ':', 'title:', '{title solution}:', '(', ')', '-', '+', ',', '.', "'", '/', ' ', '\\', ';', '--', '%', '_', '$'];

const term = fc.array(fc.constantFrom(...WORDS, ...SYNTAX), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));
const keys = (store: SearchStore, terms: string[]) => new Set(store.search(terms, 1000).map((h) => h.key));
/** What a term means to FTS5's unicode61 tokenizer: its ASCII letters and digits, everything else a separator. */
const wordsOf = (t: string) => t.replace(/[^A-Za-z0-9]+/g, ' ').trim();

let tmp: string;
let services: Services;
let store: SearchStore;

beforeAll(() => {
  tmp = makeTempDir('kb-sql-');
  services = createServices(join(tmp, 'kb.sqlite'));
  services.index([KB_DIR]);
  store = createSearchStore(services.db);
});

afterAll(() => {
  services.close();
  removeTempDir(tmp);
});

describe('FTS5 syntax in user text', () => {
  it('never produces an SQL error, through the search store or the whole matcher', () => {
    fc.assert(
      fc.property(fc.array(term, { minLength: 0, maxLength: 8 }), (terms) => {
        store.search(terms, 40);
        services.answer(terms.join(' '));
      }),
      { numRuns: 400, seed: 42 },
    );
    for (const nasty of ['"', '"""', 'NEAR(', 'a NOT', 'title:', '*', '^', '"unterminated', 'x" OR "y', "'); DROP TABLE articles; --", '{a b}:c']) {
      expect(() => store.search([nasty], 10)).not.toThrow();
      expect(() => services.answer(nasty)).not.toThrow();
    }
  });

  it('answers text with NUL characters (the matcher drops them before any search)', () => {
    for (const text of ['\u0000', 'jwt\u0000qsh', 'ERROR a\u0000b JwtInvalidClaimException']) {
      expect(() => services.answer(text)).not.toThrow();
      expect(() => services.scan(`2024-01-01 10:00:00 ERROR ${text}\n`)).not.toThrow();
    }
  });

  it('searches a term holding a NUL character without an SQL error', () => {
    expect(() => store.search(['jwt\u0000qsh'], 10)).not.toThrow();
  });

  it('never changes what a term means: a term with syntax finds exactly what its words find', () => {
    fc.assert(
      fc.property(term, (t) => {
        expect(keys(store, [t])).toEqual(keys(store, [wordsOf(t)]));
      }),
      { numRuns: 400, seed: 43 },
    );
  });

  it('ORs the terms and nothing else: several terms find the union of what each finds', () => {
    fc.assert(
      fc.property(fc.array(term, { minLength: 1, maxLength: 5 }), (terms) => {
        const union = new Set<number>();
        for (const t of terms) for (const k of keys(store, [t])) union.add(k);
        expect(keys(store, terms)).toEqual(union);
      }),
      { numRuns: 300, seed: 44 },
    );
  });

  it('reads operators as the words they are: `NOT nocanon` still finds the nocanon article', () => {
    const nocanon = keys(store, ['nocanon']);
    expect(nocanon.size).toBeGreaterThan(0);
    expect(keys(store, ['NOT nocanon'])).toEqual(keys(store, ['not nocanon']));
    expect([...keys(store, ['NOT', 'nocanon'])].filter((k) => nocanon.has(k))).toEqual([...nocanon]);
  });
});

describe('SQL text in KB files and queries', () => {
  it('is stored and answered as text, and leaves every table as it was', () => {
    const kb = join(tmp, 'sql-kb');
    mkdirSync(kb, { recursive: true });
    const title = `Robert'); DROP TABLE articles; -- " OR 1=1 --`;
    writeFileSync(join(kb, 'bobby.md'), `---\nid: bobby-tables\ntitle: "${title.replace(/"/g, '\\"')}"\ntags: ["'; DELETE FROM kb_files; --"]\n---\n## Summary\n\nThe quokkaflux query fails: SELECT * FROM users WHERE name = '' OR '1'='1'; DROP TABLE signals;--\n`);
    const other = createServices(join(tmp, 'sql.sqlite'));
    try {
      const report = other.index([kb]);
      expect(report.failed).toEqual([]);
      expect(other.articles.getById('bobby-tables')?.title).toBe(title);
      const answer = other.answer(`quokkaflux '; DROP TABLE articles; -- "OR" 1=1`);
      expect(answer.matches[0]?.id).toBe('bobby-tables');
      const tables = other.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
      expect(tables).toEqual(expect.arrayContaining(['articles', 'kb_files', 'signals', 'queries', 'feedback']));
      expect(other.articles.stats()).toMatchObject({ articles: 1, files: 1 });
    } finally {
      other.close();
    }
  });
});

/**
 * Every `db.prepare(…)`, `db.exec(…)` and `db.pragma(…)` in src/: its SQL is a literal, and the
 * only values spliced into it are the reviewed ones below, none of which comes from a person
 * or a KB file. Everything else is a bound parameter (`@name`).
 */
const REVIEWED_SPLICES: Record<string, string[]> = {
  // Column weights of bm25(): numeric constants (FTS_COLUMN_WEIGHTS).
  'src/store/search-store.ts': ['W.title', 'W.symptoms', 'W.diagnosis', 'W.cause', 'W.solution', 'W.snippets', 'W.other'],
  // The migration files shipped in migrations/, applied in order.
  'src/store/migrate.ts': ['m.sql'],
  // An integer read back from SQLite's own busy_timeout pragma (checked with Number.isInteger).
  'src/store/slack-store.ts': ['busyTimeout'],
  // Page cache sizes: integers computed from a number argument and from SQLite's own pragma.
  'src/store/database.ts': ['Math.max(1, Math.floor(kib))', 'before'],
  // A constant SQL literal of the same file, named so that a test can check its query plan.
  'src/store/article-store.ts': ['PINNED_PATTERNS_QUERY'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f));
}

/** The first argument of the call whose `(` is at `open`: a literal's splices, or the whole expression. */
function sqlArgument(src: string, open: number): { literal: boolean; splices: string[] } {
  let i = open + 1;
  while (/\s/.test(src[i] ?? '')) i += 1;
  const q = src[i];
  if (q === "'" || q === '"') return { literal: true, splices: [] };
  if (q === '`') {
    const splices: string[] = [];
    for (i += 1; i < src.length && src[i] !== '`'; i += 1) {
      if (src[i] === '\\') i += 1;
      else if (src[i] === '$' && src[i + 1] === '{') {
        let depth = 1;
        const start = i + 2;
        for (i = start; depth > 0; i += 1) depth += src[i] === '{' ? 1 : src[i] === '}' ? -1 : 0;
        splices.push(src.slice(start, i - 1).trim());
        i -= 1;
      }
    }
    return { literal: true, splices };
  }
  let depth = 0;
  const start = i;
  for (; i < src.length; i += 1) {
    if (src[i] === '(') depth += 1;
    else if (src[i] === ')' && depth-- === 0) break;
    else if (src[i] === ',' && depth === 0) break;
  }
  return { literal: false, splices: [src.slice(start, i).trim()] };
}

describe('SQL in the source', () => {
  it('splices no string from a person or a KB file into SQL: every other value is a bound parameter', () => {
    const found: string[] = [];
    const unreviewed: string[] = [];
    for (const file of sourceFiles(join(REPO_DIR, 'src'))) {
      const rel = relative(REPO_DIR, file).split('\\').join('/');
      const src = readFileSync(file, 'utf8');
      for (const m of src.matchAll(/\b(?:db|database|\w+Db)\.(prepare|exec|pragma)\(/g)) {
        found.push(rel);
        const { splices } = sqlArgument(src, m.index + m[0].length - 1);
        for (const s of splices) if (!(REVIEWED_SPLICES[rel] ?? []).includes(s)) unreviewed.push(`${rel}: ${m[1]}(… \${${s}} …)`);
      }
    }
    expect(found.length).toBeGreaterThan(40);
    // A new entry here means SQL text built from a value: bind it as a parameter (@name) instead,
    // or, for a number or a constant that never comes from input, add it to REVIEWED_SPLICES with why.
    expect(unreviewed).toEqual([]);
  });

  it('keeps SQL in src/store/', () => {
    const outside = sourceFiles(join(REPO_DIR, 'src'))
      .filter((f) => !relative(REPO_DIR, f).split('\\').join('/').startsWith('src/store/'))
      .filter((f) => /\b(?:db|database|\w+Db)\.(prepare|exec|pragma)\(/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(REPO_DIR, f));
    expect(outside).toEqual([]);
  });
});
