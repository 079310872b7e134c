import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, DatabaseError, openDatabase } from '../../src/store/database.js';
import { loadMigrations, migrate } from '../../src/store/migrate.js';
import { makeTempDir, removeTempDir } from '../helpers/temp-dir.js';

let tmp: string;
let migrations: string;
const open: Db[] = [];

beforeEach(() => {
  tmp = makeTempDir('kb-migrate-');
  migrations = makeTempDir('kb-migrations-');
});

afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  removeTempDir(tmp);
  removeTempDir(migrations);
});

function newDb(name = 'kb.sqlite'): Db {
  const db = new Database(join(tmp, name));
  open.push(db);
  return db;
}

function write(name: string, sql: string): void {
  writeFileSync(join(migrations, name), sql);
}

const schema = (db: Db) => db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all();
const recorded = (db: Db) => db.prepare('SELECT version, name, applied_at AS appliedAt FROM schema_migrations ORDER BY version').all() as Array<{ version: number; name: string; appliedAt: string }>;

describe('migrate with the project migrations', () => {
  it('creates the schema on a new database file and records each migration', () => {
    const db = newDb();
    const applied = migrate(db);
    expect(applied.length).toBeGreaterThan(0);
    expect(recorded(db).map((r) => r.version)).toEqual(applied);
    expect(recorded(db)[0]).toMatchObject({ version: 1, name: 'articles' });
    const tables = schema(db).map((r) => (r as { name: string }).name);
    expect(tables).toEqual(expect.arrayContaining(['articles', 'sections', 'snippets', 'signals', 'signal_df', 'kb_files', 'kb_meta', 'article_fts']));
  });

  it('fills each article row with its signal keys from its postings when an index made before 008 is opened', () => {
    const db = newDb();
    const all = loadMigrations();
    migrate(db, all.filter((m) => m.version < 8));
    db.exec(`INSERT INTO articles (key, id, title, source, path) VALUES (1, 'a', 'A', 'md', '/kb/a.md'), (2, 'b', 'B', 'md', '/kb/b.md');
      INSERT INTO signals (article_key, kind, key) VALUES (1, 'message', 'no route to <*>'), (1, 'code', 'ORA-12514'), (1, 'exception', 'sqlexception')`);
    expect(migrate(db, all.filter((m) => m.version <= 8))).toEqual([8]);
    const keys = db.prepare('SELECT id, signal_keys FROM articles ORDER BY id').all();
    expect(keys).toEqual([
      { id: 'a', signal_keys: JSON.stringify([['code', 'ORA-12514'], ['exception', 'sqlexception'], ['message', 'no route to <*>']]) },
      { id: 'b', signal_keys: '[]' },
    ]);
  });

  it('is a no-op the second time', () => {
    const db = newDb();
    migrate(db);
    const before = { schema: schema(db), recorded: recorded(db) };
    expect(migrate(db)).toEqual([]);
    expect({ schema: schema(db), recorded: recorded(db) }).toEqual(before);
  });

  it('is what openDatabase runs, so reopening a file keeps its data', () => {
    const file = join(tmp, 'reopen.sqlite');
    const first = openDatabase(file);
    first.prepare("INSERT INTO kb_meta (name, value) VALUES ('probe', 'kept')").run();
    first.close();
    const second = openDatabase(file);
    open.push(second);
    expect(second.prepare("SELECT value FROM kb_meta WHERE name = 'probe'").get()).toEqual({ value: 'kept' });
  });
});

describe('migrate with a migrations folder', () => {
  it('applies the files in version order, each recorded by version and name', () => {
    // Written out of order; each depends on the one before.
    write('003-add-index.sql', 'CREATE INDEX notes_by_author ON notes(author);');
    write('001-notes.sql', 'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);');
    write('002-author.sql', 'ALTER TABLE notes ADD COLUMN author TEXT;');
    write('README.txt', 'not a migration');
    const db = newDb();
    expect(loadMigrations(migrations).map((m) => m.version)).toEqual([1, 2, 3]);
    expect(migrate(db, loadMigrations(migrations))).toEqual([1, 2, 3]);
    expect(recorded(db).map(({ version, name }) => ({ version, name }))).toEqual([
      { version: 1, name: 'notes' },
      { version: 2, name: 'author' },
      { version: 3, name: 'add-index' },
    ]);
  });

  it('applies only the migrations added since the last run', () => {
    write('001-notes.sql', 'CREATE TABLE notes (id INTEGER PRIMARY KEY);');
    const db = newDb();
    migrate(db, loadMigrations(migrations));
    const firstRecord = recorded(db)[0];
    write('002-tags.sql', 'CREATE TABLE tags (note INTEGER REFERENCES notes(id), tag TEXT);');
    expect(migrate(db, loadMigrations(migrations))).toEqual([2]);
    expect(recorded(db)[0]).toEqual(firstRecord);
  });

  it('refuses a database migrated further than this code knows, saying to upgrade', () => {
    write('001-notes.sql', 'CREATE TABLE notes (id INTEGER PRIMARY KEY);');
    const db = newDb();
    migrate(db, loadMigrations(migrations));
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (7, 'from-the-future', '2030-01-01')").run();
    const before = schema(db);
    expect(() => migrate(db, loadMigrations(migrations))).toThrow(DatabaseError);
    expect(() => migrate(db, loadMigrations(migrations))).toThrow(/schema version 7.*upgrade/);
    expect(schema(db)).toEqual(before);
  });

  it('makes openDatabase refuse such a file with a DatabaseError saying to upgrade', () => {
    const file = join(tmp, 'future.sqlite');
    openDatabase(file).close();
    const raw = new Database(file);
    raw.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', '2030-01-01')").run();
    raw.close();
    expect(() => openDatabase(file)).toThrow(DatabaseError);
    expect(() => openDatabase(file)).toThrow(/upgrade kb-assistant/);
  });

  it('rolls a failing migration back completely: no partial tables, no rows, not recorded', () => {
    write('001-notes.sql', 'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);');
    const db = newDb();
    migrate(db, loadMigrations(migrations));
    const before = schema(db);
    write('002-broken.sql', "CREATE TABLE partial (x INTEGER);\nINSERT INTO notes (body) VALUES ('half done');\nCREATE TABLE oops (;\n");
    expect(() => migrate(db, loadMigrations(migrations))).toThrow(DatabaseError);
    expect(schema(db)).toEqual(before);
    expect(db.prepare('SELECT count(*) AS n FROM notes').get()).toEqual({ n: 0 });
    expect(recorded(db).map((r) => r.version)).toEqual([1]);
  });

  it('keeps the migrations before a failing one, each in its own transaction', () => {
    write('001-notes.sql', 'CREATE TABLE notes (id INTEGER PRIMARY KEY);');
    write('002-tags.sql', 'CREATE TABLE tags (tag TEXT);');
    write('003-broken.sql', 'CREATE TABLE half (x INTEGER); SELECT * FROM no_such_table;');
    const db = newDb();
    expect(() => migrate(db, loadMigrations(migrations))).toThrow(/no_such_table/);
    expect(recorded(db).map((r) => r.version)).toEqual([1, 2]);
    expect(schema(db).map((r) => (r as { name: string }).name)).not.toContain('half');
  });

  it('names the failing migration file in the error', () => {
    write('001-notes.sql', 'CREATE TABLE notes (id INTEGER PRIMARY KEY);');
    write('002-broken.sql', 'CREATE TABLE oops (;');
    expect(() => migrate(newDb(), loadMigrations(migrations))).toThrow(/002-broken\.sql/);
  });

  it('rejects a file not named NNN-name.sql, naming it', () => {
    write('001-notes.sql', 'CREATE TABLE notes (id INTEGER PRIMARY KEY);');
    write('2_add_tags.sql', 'CREATE TABLE tags (tag TEXT);');
    expect(() => loadMigrations(migrations)).toThrow(DatabaseError);
    expect(() => loadMigrations(migrations)).toThrow(join(migrations, '2_add_tags.sql'));
  });
});
