import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './database.js';
import { DatabaseError } from './database.js';

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'migrations');

/** The migrations an upgrade will apply, as surfaces name them to the user. */
export type PendingMigrations = ReadonlyArray<Pick<Migration, 'version' | 'name'>>;

export interface Migration {
  version: number;
  name: string;
  /** Path of the .sql file, for errors. */
  file: string;
  sql: string;
}

/** `migrations/NNN-name.sql`, in order. A file not named that way is an error naming it. */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .map((f) => {
      const m = /^(\d{3})-([\w-]+)\.sql$/.exec(f);
      if (!m) throw new DatabaseError(`migration file ${join(dir, f)} must be named NNN-name.sql`);
      return { version: Number(m[1]), name: m[2]!, file: join(dir, f), sql: readFileSync(join(dir, f), 'utf8') };
    })
    .sort((a, b) => a.version - b.version);
}

/**
 * Applies the migrations the database has not seen, each in its own transaction, and
 * records them. Refuses a database that a newer kb-assistant has migrated further. Calls
 * `onUpgrade` first when a database that already had migrations is about to get more.
 */
export function migrate(db: Db, migrations = loadMigrations(), onUpgrade?: (pending: PendingMigrations) => void): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map((r) => r.version),
  );
  const newest = Math.max(0, ...migrations.map((m) => m.version));
  const dbNewest = Math.max(0, ...applied);
  if (dbNewest > newest) {
    throw new DatabaseError(
      `the database is at schema version ${dbNewest} but this kb-assistant knows only up to ${newest}; upgrade kb-assistant or use another --db`,
    );
  }
  // An existing database about to change (not a new one): the caller may say so, as rewriting a
  // large index can take a while.
  const pending = migrations.filter((m) => !applied.has(m.version));
  if (applied.size > 0 && pending.length > 0) onUpgrade?.(pending);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)');
  const done: number[] = [];
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = @version');
  for (const m of pending) {
    // IMMEDIATE: take the write lock before reading, so two processes starting at once
    // (the bot and `kb index`) cannot both apply the same migration.
    const ran = db.transaction(() => {
      if (isApplied.get({ version: m.version })) return false;
      try {
        db.exec(m.sql);
      } catch (err) {
        throw new DatabaseError(`migration ${m.file} failed: ${(err as Error).message}; the database was left as it was`);
      }
      record.run({ version: m.version, name: m.name, at: new Date().toISOString() });
      return true;
    }).immediate();
    if (ran) done.push(m.version);
  }
  return done;
}
