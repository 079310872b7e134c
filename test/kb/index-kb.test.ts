import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureCorpus } from '../../bench/corpus/write-corpus.js';
import { indexKb, MAX_ARTICLE_BYTES, RACY_MS } from '../../src/kb/index-kb.js';
import { analyzeTerms } from '../../src/signals/terms.js';
import { createArticleStore } from '../../src/store/article-store.js';
import { type Db, openDatabase } from '../../src/store/database.js';
import { createSearchStore } from '../../src/store/search-store.js';
import { KB_DIR, makeTempDir, removeTempDir } from '../helpers/temp-dir.js';
import { signalKeysOfPostings, signalKeysOnRows } from '../helpers/signal-keys.js';

/** A few bundled articles, one of each format, in two sub-folders. */
const ARTICLES = [
  'proxy/proxy-companion-jwt-qsh-apache-nocanon.md',
  'proxy/proxy-companion-jwt-expired-node-clock-skew.md',
  'proxy/proxy-ldap-error-49-data-52e-bind-credentials.txt',
  'db-jvm/dbjvm-oom-unable-to-create-native-thread.html',
];
const QSH = 'proxy-companion-jwt-qsh-apache-nocanon';

let tmp: string;
let kb: string;
let db: Db;

beforeEach(() => {
  tmp = makeTempDir('kb-index-');
  kb = join(tmp, 'kb');
  for (const rel of ARTICLES) {
    mkdirSync(join(kb, rel, '..'), { recursive: true });
    copyFileSync(join(KB_DIR, rel), join(kb, rel));
  }
  db = openDatabase(join(tmp, 'kb.sqlite'));
});

afterEach(() => {
  db.close();
  removeTempDir(tmp);
});

const at = (rel: string) => join(kb, rel);
const files = () => db.prepare('SELECT path, hash, indexed_at AS indexedAt, article_key AS articleKey FROM kb_files ORDER BY path').all();
/** Ids of the articles whose indexed text contains the word (analyzed as the matcher would). */
function idsMatching(word: string): string[] {
  const articles = createArticleStore(db);
  return createSearchStore(db)
    .search(analyzeTerms(word), 10)
    .map((h) => articles.getByKey(h.key)?.id)
    .filter((id): id is string => id !== undefined)
    .sort();
}

/** Segments of the full-text index (FTS5 stores segment pages under rowids segid << 37 + page; 1 and 10 are its own records). */
function ftsSegments(): number {
  return db.prepare('SELECT count(DISTINCT id >> 37) FROM article_fts_data WHERE id > 10').pluck().get() as number;
}

describe('the full-text index after a run', () => {
  beforeEach(() => {
    // Flush FTS5's pending terms after every article and merge nothing on the way, so that each
    // article leaves a segment of its own unless the run merges them.
    db.exec("INSERT INTO article_fts (article_fts, rank) VALUES ('hashsize', 1)");
    db.exec("INSERT INTO article_fts (article_fts, rank) VALUES ('automerge', 0)");
  });

  it('is one segment after a run that wrote most of the KB, with the same search results', () => {
    indexKb(db, [kb]);
    expect(ftsSegments()).toBe(1);
    expect(idsMatching('nocanon')).toEqual([QSH]);
    writeFileSync(at(ARTICLES[0]!), `${readFileSync(at(ARTICLES[0]!), 'utf8')}\nSee also keepalive.\n`);
    writeFileSync(at(ARTICLES[1]!), `${readFileSync(at(ARTICLES[1]!), 'utf8')}\nSee also keepalive.\n`);
    indexKb(db, [kb]);
    expect(ftsSegments()).toBe(1);
    expect(idsMatching('keepalive')).toEqual([QSH, 'proxy-companion-jwt-expired-node-clock-skew'].sort());
  });

  it('keeps the segments of a run that changed a few articles for FTS5 to merge as it goes', () => {
    for (let i = 0; i < 8; i += 1) {
      const rel = `extra/extra-${i}.md`;
      mkdirSync(join(kb, 'extra'), { recursive: true });
      writeFileSync(join(kb, rel), `---\nid: extra-${i}\n---\n# Extra article ${i} about widget ${i}\n\n## Summary\nWidget ${i} fails with error E${1000 + i}.\n`);
    }
    indexKb(db, [kb]);
    expect(ftsSegments()).toBe(1);
    writeFileSync(join(kb, 'extra/extra-0.md'), readFileSync(join(kb, 'extra/extra-0.md'), 'utf8').replace('fails', 'fails twice'));
    indexKb(db, [kb]);
    expect(ftsSegments()).toBeGreaterThan(1);
    expect(idsMatching('twice')).toEqual(['extra-0']);
  });
});

describe('indexKb', () => {
  it('indexes every article on the first run', () => {
    const report = indexKb(db, [kb]);
    expect(report.indexed.sort()).toEqual(ARTICLES.map(at).sort());
    expect(report).toMatchObject({ unchanged: 0, removed: [], failed: [], total: 4 });
    expect(createArticleStore(db).getById(QSH)).toMatchObject({ source: 'proxy/proxy-companion-jwt-qsh-apache-nocanon.md', path: at(ARTICLES[0]!) });
  });

  it('finds every file unchanged on a second run and rewrites nothing', async () => {
    indexKb(db, [kb]);
    const before = files();
    const stats = createArticleStore(db).stats();
    await new Promise((resolve) => setTimeout(resolve, 15));
    const report = indexKb(db, [kb]);
    expect(report).toEqual({ indexed: [], unchanged: 4, removed: [], failed: [], warnings: [], total: 4 });
    expect(files()).toEqual(before);
    expect(createArticleStore(db).stats()).toEqual(stats);
  });

  it('re-indexes only an edited file, so its new text is found and its old text is not', () => {
    indexKb(db, [kb]);
    expect(idsMatching('nocanon')).toEqual([QSH]);
    const path = at(ARTICLES[0]!);
    // Every "nocanon" but the one in the id ("...-apache-nocanon").
    writeFileSync(path, readFileSync(path, 'utf8').replace(/(?<!-)nocanon/g, 'quokkaflag'));
    const report = indexKb(db, [kb]);
    expect(report).toMatchObject({ indexed: [path], unchanged: 3, removed: [], failed: [], total: 4 });
    expect(idsMatching('quokkaflag')).toEqual([QSH]);
    expect(idsMatching('nocanon')).toEqual([]);
    expect(createArticleStore(db).getById(QSH)?.snippets.some((s) => s.text.includes('quokkaflag'))).toBe(true);
  });

  it('removes the article of a deleted file', () => {
    indexKb(db, [kb]);
    rmSync(at(ARTICLES[0]!));
    const report = indexKb(db, [kb]);
    expect(report).toMatchObject({ indexed: [], unchanged: 3, removed: [at(ARTICLES[0]!)], failed: [], total: 3 });
    expect(createArticleStore(db).getById(QSH)).toBeNull();
    expect(idsMatching('nocanon')).toEqual([]);
  });

  it('indexes a file with broken front matter, read line by line, and warns by path', () => {
    const bad = at('proxy/broken-front-matter.md');
    writeFileSync(bad, '---\ntitle: Docker pull: x509: certificate signed by unknown authority\ntags: [a\n---\n## Summary\n\nx\n');
    const report = indexKb(db, [kb]);
    expect(report.indexed).toHaveLength(5);
    expect(report.failed).toEqual([]);
    expect(report.warnings).toEqual([{ path: bad, reason: expect.stringMatching(/front matter is not valid YAML.*read as key: value lines/) }]);
    expect(report.total).toBe(5);
    expect(createArticleStore(db).getById('broken-front-matter')).toMatchObject({ title: 'Docker pull: x509: certificate signed by unknown authority', tags: ['a'] });
  });

  it('reports a file that cannot be an article by path, indexes the rest, and reports it again unchanged', () => {
    const bad = at('proxy/only-a-title.md');
    writeFileSync(bad, '---\ntitle: Only a title\n---\n');
    const report = indexKb(db, [kb]);
    expect(report.indexed).toHaveLength(4);
    expect(report.failed).toEqual([{ path: bad, reason: expect.stringMatching(/no text under its title/) }]);
    expect(indexKb(db, [kb]).failed.map((f) => f.path)).toEqual([bad]);
  });

  it('refuses a second article with the same front matter id, naming both files', () => {
    const first = at('a-first.md');
    const second = at('b-second.md');
    writeFileSync(first, '---\nid: shared-id\ntitle: First\n---\n## Summary\n\nalpha\n');
    writeFileSync(second, '---\nid: shared-id\ntitle: Second\n---\n## Summary\n\nbeta\n');
    const report = indexKb(db, [kb]);
    expect(report.total).toBe(5);
    expect(report.failed).toHaveLength(1);
    const [failure] = report.failed;
    const message = `${failure!.path}: ${failure!.reason}`;
    expect(message).toContain(first);
    expect(message).toContain(second);
    expect(message).toContain('shared-id');
  });

  it('indexes the remaining file of a duplicate id once the other one is deleted', () => {
    writeFileSync(at('a-first.md'), '---\nid: shared-id\ntitle: First\n---\n## Summary\n\nalpha\n');
    writeFileSync(at('b-second.md'), '---\nid: shared-id\ntitle: Second\n---\n## Summary\n\nbeta\n');
    indexKb(db, [kb]);
    rmSync(at('a-first.md'));
    const report = indexKb(db, [kb]);
    expect(report.failed).toEqual([]);
    expect(createArticleStore(db).getById('shared-id')?.title).toBe('Second');
  });

  it('reports a symbolic link loop and indexes each article once', () => {
    symlinkSync(kb, at('proxy/loop'));
    const report = indexKb(db, [kb]);
    expect(report.failed).toEqual([{ path: at('proxy/loop'), reason: expect.stringMatching(/loop/) }]);
    expect(report.indexed).toHaveLength(4);
    expect(report.total).toBe(4);
  });

  it('skips README files', () => {
    writeFileSync(at('README.md'), '# About this KB\n\n## Summary\n\nHow to write articles.\n');
    writeFileSync(at('proxy/readme.txt'), 'About the proxy articles\n\nSummary\n\nOwners: team web.\n');
    const report = indexKb(db, [kb]);
    expect(report).toMatchObject({ failed: [], total: 4 });
    expect(report.indexed.some((p) => /readme/i.test(p))).toBe(false);
  });

  it('keeps signal frequencies equal to a full recount across a cold run and incremental ones', () => {
    const frequencies = () => db.prepare('SELECT kind, key, df FROM signal_df ORDER BY kind, key').all();
    const recounted = () => db.prepare('SELECT kind, key, count(*) AS df FROM signals GROUP BY kind, key ORDER BY kind, key').all();
    // The whole bundled KB, so that one edited, one deleted and one added file are a small share of it.
    rmSync(kb, { recursive: true, force: true });
    cpSync(KB_DIR, kb, { recursive: true });
    indexKb(db, [kb]);
    expect(frequencies()).toEqual(recounted());
    const edited = at(ARTICLES[0]!);
    writeFileSync(edited, readFileSync(edited, 'utf8').replace('JwtInvalidClaimException', 'JwtSomethingElseException'));
    rmSync(at(ARTICLES[1]!));
    copyFileSync(join(KB_DIR, 'db-jvm', 'dbjvm-postgres-too-many-clients.md'), at('dbjvm-postgres-too-many-clients-copy.md'));
    writeFileSync(at('dbjvm-postgres-too-many-clients-copy.md'), readFileSync(at('dbjvm-postgres-too-many-clients-copy.md'), 'utf8').replace('id: dbjvm-postgres-too-many-clients', 'id: copy-of-too-many-clients'));
    const report = indexKb(db, [kb]);
    expect(report).toMatchObject({ indexed: expect.arrayContaining([edited]), removed: [at(ARTICLES[1]!)], failed: [] });
    expect(report.indexed).toHaveLength(2);
    expect(frequencies()).toEqual(recounted());
    expect(frequencies()).toContainEqual({ kind: 'exception', key: 'psqlexception', df: expect.any(Number) });
  });

  it('lists the postings of common terms of an index made before they were kept on its next run, however small', () => {
    // A generated KB, large enough for terms in more than 64 articles.
    rmSync(kb, { recursive: true, force: true });
    ensureCorpus(kb, 42, 150);
    indexKb(db, [kb]);
    const postings = (d: Db) => d.prepare('SELECT term, hex(keys) AS keys FROM term_postings ORDER BY term').all();
    expect(postings(db).length).toBeGreaterThan(20);
    // As an index from before migration 010 is: no postings, and never listed.
    db.exec("DELETE FROM term_postings; DELETE FROM kb_meta WHERE name = 'term_postings'");
    const edited = createArticleStore(db).list()[0]!.path;
    writeFileSync(edited, `${readFileSync(edited, 'utf8')}\nOne more line about the proxy.\n`);
    expect(indexKb(db, [kb]).indexed).toEqual([edited]);
    // The postings a clean index of the same files has.
    const clean = openDatabase(join(tmp, 'clean.sqlite'));
    try {
      indexKb(clean, [kb]);
      expect(postings(db)).toEqual(postings(clean));
    } finally {
      clean.close();
    }
  });

  it('replaces an edited article in place: same key, the rows and frequencies a clean index has', () => {
    const signalsOf = (id: string) =>
      db.prepare('SELECT s.kind, s.key FROM signals s JOIN articles a ON a.key = s.article_key WHERE a.id = ? ORDER BY s.kind, s.key').all(id);
    // The whole bundled KB, so that one edited file is a small share of it (frequencies move by the net change).
    rmSync(kb, { recursive: true, force: true });
    cpSync(KB_DIR, kb, { recursive: true });
    indexKb(db, [kb]);
    const keyBefore = createArticleStore(db).getById(QSH)!.key;
    const path = at(ARTICLES[0]!);
    writeFileSync(path, readFileSync(path, 'utf8').replace('JwtInvalidClaimException', 'JwtSomethingElseException'));
    expect(indexKb(db, [kb])).toMatchObject({ indexed: [path], failed: [] });
    const after = createArticleStore(db).getById(QSH)!;
    expect(after.key).toBe(keyBefore);
    expect(signalsOf(QSH)).toContainEqual({ kind: 'exception', key: 'jwtsomethingelseexception' });
    expect(signalsOf(QSH)).not.toContainEqual({ kind: 'exception', key: 'jwtinvalidclaimexception' });
    // The same rows as a clean index of the same files.
    const clean = openDatabase(join(tmp, 'clean.sqlite'));
    try {
      indexKb(clean, [kb]);
      const rows = (d: Db) => d.prepare("SELECT s.kind, s.key FROM signals s JOIN articles a ON a.key = s.article_key WHERE a.id = ? ORDER BY s.kind, s.key").all(QSH);
      expect(rows(db)).toEqual(rows(clean));
      const sections = (d: Db) => d.prepare('SELECT s.ord, s.heading, s.text FROM sections s JOIN articles a ON a.key = s.article_key WHERE a.id = ? ORDER BY s.ord').all(QSH);
      expect(sections(db)).toEqual(sections(clean));
      // Every article's row lists its signal keys as its postings do, in SQLite's (kind, key) order.
      expect(signalKeysOnRows(db)).toEqual(signalKeysOfPostings(db));
      expect(signalKeysOnRows(db)).toEqual(signalKeysOnRows(clean));
      // Frequencies moved by the net change equal a clean count.
      for (const table of ['SELECT term, df FROM term_df ORDER BY term', 'SELECT kind, key, df FROM signal_df ORDER BY kind, key']) {
        expect(db.prepare(table).all()).toEqual(clean.prepare(table).all());
      }
    } finally {
      clean.close();
    }
  });

  it('lets two edited files trade article ids in one run', () => {
    const [a, b] = [at(ARTICLES[0]!), at(ARTICLES[1]!)];
    indexKb(db, [kb]);
    const store = createArticleStore(db);
    const [idA, idB] = [store.getById(QSH)!.id, 'proxy-companion-jwt-expired-node-clock-skew'];
    expect(store.getById(idB)?.path).toBe(b);
    writeFileSync(a, readFileSync(a, 'utf8').replace(`id: ${idA}`, `id: ${idB}`));
    writeFileSync(b, readFileSync(b, 'utf8').replace(`id: ${idB}`, `id: ${idA}`));
    expect(indexKb(db, [kb])).toMatchObject({ failed: [], total: 4 });
    expect(store.getById(idB)?.path).toBe(a);
    expect(store.getById(idA)?.path).toBe(b);
  });

  it('drops the old article of an edited file that no longer reads, and reports the file', () => {
    const path = at(ARTICLES[0]!);
    indexKb(db, [kb]);
    writeFileSync(path, '---\ntitle: only a title now\n---\n');
    const report = indexKb(db, [kb]);
    expect(report.failed).toEqual([{ path, reason: expect.stringMatching(/no text under its title/) }]);
    expect(report.total).toBe(3);
    expect(createArticleStore(db).getById(QSH)).toBeNull();
    expect(idsMatching('qsh')).not.toContain(QSH);
    const orphans = db.prepare('SELECT count(*) AS n FROM signals WHERE article_key NOT IN (SELECT key FROM articles)').get() as { n: number };
    expect(orphans.n).toBe(0);
  });

  it('reports a file over the size limit without reading it, and indexes the rest', () => {
    const big = at('proxy/huge.md');
    writeFileSync(big, Buffer.alloc(MAX_ARTICLE_BYTES + 1, 'a'));
    const report = indexKb(db, [kb]);
    expect(report.failed).toEqual([{ path: big, reason: expect.stringMatching(/larger than 8 MB/) }]);
    expect(report.total).toBe(4);
  });

  // The stats are taken on this thread for a small KB, on a worker thread for a large one.
  describe.each([
    ['on this thread', undefined],
    ['on a stat worker', 0],
  ])('trusting size and mtime, statted %s', (_where, minFilesForStatWorker) => {
    const index = () => indexKb(db, [kb], { minFilesForStatWorker });
    const stat = (path: string) => db.prepare('SELECT size, mtime_ms AS mtimeMs, hashed_at_ms AS hashedAtMs FROM kb_files WHERE path = ?').get(path) as { size: number; mtimeMs: number; hashedAtMs: number };
    const sameSizeEdit = (path: string) => writeFileSync(path, readFileSync(path, 'utf8').replace('Companion', 'Compagnon'));

    it('does not read again a file that was old when hashed and still has its size and mtime', () => {
      const path = at(ARTICLES[0]!);
      const old = new Date(Date.now() - 3600_000);
      utimesSync(path, old, old);
      index();
      expect(stat(path)).toMatchObject({ size: statSync(path).size, mtimeMs: statSync(path).mtimeMs });
      // The one case it cannot see, as make and rsync cannot: same size, and the old mtime put back.
      sameSizeEdit(path);
      utimesSync(path, old, old);
      expect(index()).toMatchObject({ indexed: [], unchanged: 4 });
      // Any new mtime makes it read the file again.
      const later = new Date(Date.now() - 1800_000);
      utimesSync(path, later, later);
      expect(index()).toMatchObject({ indexed: [path], unchanged: 3 });
    });

    it('reads again a same-size edit that kept the mtime of a file hashed right after its last change', () => {
      const path = at(ARTICLES[0]!);
      // The start of this second (whole seconds, as coarse file systems keep them): at most 1 s
      // before the run hashes the file, well within RACY_MS. A second earlier (up to 2 s before)
      // put the hash past RACY_MS whenever the run started late in a second, and the edit went unseen.
      const recent = new Date(Math.floor(Date.now() / 1000) * 1000);
      utimesSync(path, recent, recent);
      index();
      sameSizeEdit(path);
      utimesSync(path, recent, recent);
      expect(statSync(path).mtimeMs).toBe(stat(path).mtimeMs);
      expect(index()).toMatchObject({ indexed: [path], unchanged: 3 });
    });

    it('records the new mtime of a touched but unchanged file, rewriting nothing else', () => {
      const path = at(ARTICLES[0]!);
      index();
      const before = files();
      const touched = new Date(Date.now() - 600_000);
      utimesSync(path, touched, touched);
      expect(index()).toMatchObject({ indexed: [], unchanged: 4 });
      expect(files()).toEqual(before);
      expect(stat(path).mtimeMs).toBe(statSync(path).mtimeMs);
      expect(stat(path).hashedAtMs).toBeGreaterThan(statSync(path).mtimeMs + RACY_MS);
    });
  });

  it('refuses a KB folder that does not exist, before changing anything', () => {
    const before = createArticleStore(db).articleCount();
    expect(() => indexKb(db, [join(tmp, 'no-such-kb')])).toThrow(/no-such-kb does not exist; nothing was changed/);
    expect(createArticleStore(db).articleCount()).toBe(before);
  });
});
